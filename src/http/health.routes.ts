// Liveness and readiness, for a load balancer or an orchestrator: /health says the process runs (it
// never touches the database, so an outage does not get the process restarted for nothing); /ready says
// whether it should get traffic — the database answers within a second and its schema is current.
import { Type } from 'typebox';
import { sql } from 'kysely';
import { defineRoute, PUBLIC } from './route.ts';
import { MIGRATION_NAMES } from '../db/migrate.ts';
import type { Ctx } from '../platform/context.ts';

const READY_TIMEOUT_MS = 1000;

type Readiness = 'ok' | 'unreachable' | 'migrations_pending';

async function databaseReadiness(ctx: Ctx): Promise<Readiness> {
  // Every migration this code knows is applied (they may land out of number order).
  const probe = sql<{ applied: string | number }>`SELECT count(*) AS applied FROM kysely_migration
      WHERE name IN (${sql.join(MIGRATION_NAMES.map((n) => sql.lit(n)))})`
    .execute(ctx.db)
    .then((r): Readiness =>
      Number(r.rows[0]?.applied) === MIGRATION_NAMES.length ? 'ok' : 'migrations_pending',
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe.catch((): Readiness => 'unreachable'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    url: '/health',
    access: PUBLIC,
    schema: {
      summary: 'Liveness: the process is running (does not touch the database)',
      tags: ['system'],
      response: { 200: Type.Object({ status: Type.Literal('ok'), time: Type.String() }) },
    },
    handler: async ({ ctx }) => ({ status: 'ok' as const, time: ctx.now.toISOString() }),
  }),
  defineRoute({
    method: 'GET',
    url: '/ready',
    access: PUBLIC,
    schema: {
      summary:
        'Readiness: the database answers within a second and its migrations are current (200), else 503',
      tags: ['system'],
      response: {
        200: Type.Object({ status: Type.Literal('ready'), database: Type.Literal('ok') }),
        503: Type.Object({
          status: Type.Literal('unavailable'),
          database: Type.Enum(['unreachable', 'migrations_pending']),
        }),
      },
    },
    handler: async ({ ctx, reply }) => {
      const database = await databaseReadiness(ctx);
      if (database === 'ok') return { status: 'ready' as const, database };
      reply.code(503).header('retry-after', '5');
      return { status: 'unavailable' as const, database };
    },
  }),
];
