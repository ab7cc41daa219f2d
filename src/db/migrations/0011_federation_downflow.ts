// Frozen once landed: add a new migration instead of editing this one.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // filled in by its change
}
