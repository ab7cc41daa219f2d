// Tests run on a real database: PGlite always, and the PostgreSQL server too when TEST_DATABASE_URL
// is set. Each test file gets a fresh database of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Database, type Engine } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const d = await connect({ dataDir: 'memory://' });
    await migrateToLatest(d.db);
    return d;
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `hoso_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const d = await connect({ databaseUrl: withDatabase(adminUrl, name), poolSize: 4 });
  await migrateToLatest(d.db);
  return {
    ...d,
    close: async () => {
      await d.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
