import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './schema.ts';
import * as m0001 from './migrations/0001_core.ts';
import * as m0002 from './migrations/0002_access.ts';
import * as m0003 from './migrations/0003_workflows.ts';
import * as m0004 from './migrations/0004_restructuring.ts';
import * as m0005 from './migrations/0005_extracts.ts';
import * as m0006 from './migrations/0006_analytics.ts';
import * as m0007 from './migrations/0007_sharing.ts';
import * as m0008 from './migrations/0008_imports.ts';
import * as m0009 from './migrations/0009_federation.ts';
import * as m0010 from './migrations/0010_analytics_retirement.ts';
import * as m0011 from './migrations/0011_federation_downflow.ts';
import * as m0012 from './migrations/0012_sharing_rate_limit.ts';
import * as m0015 from './migrations/0015_record_content.ts';
import * as m0016 from './migrations/0016_audit_seals.ts';
import * as m0017 from './migrations/0017_analytics_record_fields.ts';
import * as m0018 from './migrations/0018_sign_in_limits.ts';

// A static list (not a folder scan) so that migrations work the same from tsx, a bundle or a test.
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_access': m0002,
  '0003_workflows': m0003,
  '0004_restructuring': m0004,
  '0005_extracts': m0005,
  '0006_analytics': m0006,
  '0007_sharing': m0007,
  '0008_imports': m0008,
  '0009_federation': m0009,
  '0010_analytics_retirement': m0010,
  '0011_federation_downflow': m0011,
  '0012_sharing_rate_limit': m0012,
  '0015_record_content': m0015,
  '0016_audit_seals': m0016,
  '0017_analytics_record_fields': m0017,
  '0018_sign_in_limits': m0018,
};

/** The migrations this code knows, in order: the schema version a database reaches. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// Numbers are reserved per issue and land in the order the work finishes: a database that already
// has a higher number still gets a lower one that landed later (each migration stands on its own).
const migrator = (db: Kysely<DB>) =>
  new Migrator({ db: db as unknown as Kysely<unknown>, provider, allowUnorderedMigrations: true });

function failed(error: unknown): never {
  throw error instanceof Error ? error : new Error(String(error));
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) failed(error);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up (or down) to the named migration: for tests of a migration over data of the one before. */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) failed(error);
}
