import { Type } from 'typebox';
import { sql } from 'kysely';
import { defineRoute, PUBLIC } from './route.ts';

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    url: '/health',
    access: PUBLIC,
    schema: {
      summary: 'Liveness and database reachability',
      tags: ['system'],
      response: {
        200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), time: Type.String() }),
      },
    },
    handler: async ({ ctx }) => {
      await sql`SELECT 1`.execute(ctx.db);
      return { status: 'ok' as const, database: 'ok' as const, time: ctx.now.toISOString() };
    },
  }),
];
