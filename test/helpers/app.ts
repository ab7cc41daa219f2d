import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { Database } from '../../src/db/connect.ts';
import { systemCtx, type Ctx } from '../../src/platform/context.ts';

export const TEST_NOW = new Date('2026-11-20T03:00:00Z');

export function testCtx(d: Database, now = TEST_NOW): Ctx {
  return systemCtx(d.db, now, 'test');
}

export async function testApp(d: Database, now = TEST_NOW): Promise<FastifyInstance> {
  const app = await buildApp({ db: d.db, clock: fixedClock(now), logger: false });
  await app.ready();
  return app;
}
