import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { Database } from '../../src/db/connect.ts';
import { SYSTEM_ACTOR, systemCtx, type Ctx } from '../../src/platform/context.ts';
import type { Authenticator } from '../../src/http/auth.ts';

export const TEST_NOW = new Date('2026-11-20T03:00:00Z');

export function testCtx(d: Database, now = TEST_NOW): Ctx {
  return systemCtx(d.db, now, 'test');
}

/** Tests of behaviour other than access act as the system; access tests sign in for real. */
export const asSystem: Authenticator = async () => ({
  actor: { ...SYSTEM_ACTOR, id: 'system:test' },
  stage: 'active',
});

export async function testApp(
  d: Database,
  now = TEST_NOW,
  authenticate: Authenticator = asSystem,
): Promise<FastifyInstance> {
  const app = await buildApp({ db: d.db, clock: fixedClock(now), logger: false, authenticate });
  await app.ready();
  return app;
}
