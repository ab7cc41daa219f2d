// Every log line of a request carries its id (issue 16 item 5): Fastify's request logger is a pino
// child bound to `reqId`, and the error mapping logs through it. Read from the real logger's output:
// two requests at once, one of them failing (its database is gone, so it logs a warning mid-request).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { asSystem, TEST_NOW } from '../../test/helpers/app.ts';
import { fixedClock } from '../platform/clock.ts';
import { createLogger } from '../platform/logger.ts';
import { buildApp } from './app.ts';

interface Line {
  reqId?: string;
  msg?: string;
  level: number;
}

describe('request logs', () => {
  const lines: Line[] = [];
  let app: FastifyInstance;

  beforeAll(async () => {
    const gone = await createTestDatabase('pglite');
    await gone.close();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
        done();
      },
    });
    app = await buildApp({
      db: gone.db,
      clock: fixedClock(TEST_NOW),
      logger: createLogger('info', sink),
      authenticate: asSystem,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('carry the request id on every line, its own and nobody else’s', async () => {
    lines.length = 0;
    const [failing, fine] = await Promise.all([
      app.inject({ url: '/api/v1/employees', headers: { 'x-request-id': 'yeu-cau-1' } }),
      app.inject({ url: '/health', headers: { 'x-request-id': 'yeu-cau-2' } }),
    ]);
    expect(failing.statusCode).toBe(503);
    expect(fine.statusCode).toBe(200);
    expect(failing.json().error.requestId).toBe('yeu-cau-1');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(['yeu-cau-1', 'yeu-cau-2'], JSON.stringify(l)).toContain(l.reqId);
    const of = (id: string) => lines.filter((l) => l.reqId === id).map((l) => l.msg);
    expect(of('yeu-cau-1')).toEqual(['incoming request', 'database unavailable', 'request completed']);
    expect(of('yeu-cau-2')).toEqual(['incoming request', 'request completed']);
  });

  it('makes an id up when the caller sends none (or a malformed one) and answers with it', async () => {
    lines.length = 0;
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'không hợp lệ!' } });
    const id = String(res.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.reqId)).toEqual([id, id]);
  });
});
