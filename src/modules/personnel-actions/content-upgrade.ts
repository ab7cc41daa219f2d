// After migration 0015: every record folded before the content was typed is folded again, so its stored
// projection holds typed rows; the ledger itself is not touched. Reports what the old declarations
// became: typed in full, typed with some values kept in notes, or kept whole in notes.
import type { GroupKey } from '../../../api/record/groups.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { project, projectionRow, typedDeclaration, updateProjection } from '../employees/index.ts';
import * as repo from './personnel-actions.repository.ts';

export interface ContentUpgradeReport {
  records: number;
  /** Old-shape declarations read from the ledgers. */
  oldRows: number;
  /** … mapped to a typed kind with every value in a typed field. */
  mapped: number;
  /** … mapped to a typed kind, with the values that have no typed field kept in notes. */
  partlyInNotes: number;
  /** … whose kind has no typed place: kept whole in notes (legacy_<group>). */
  wholeInNotes: number;
}

function tally(report: ContentUpgradeReport, rows: repo.ActionRow[]): void {
  for (const r of rows) {
    if (r.type !== 'declare') continue;
    const p = r.payload as { group: GroupKey; kind: string; data: Record<string, unknown> };
    if (Object.keys(p.data).length === 1 && typeof p.data.enc === 'string') continue; // sealed: read when opened
    const t = typedDeclaration(p.group, p.kind, p.data);
    if (t.data === p.data) continue; // already of the typed shape
    report.oldRows++;
    if (t.kind.startsWith('legacy_')) report.wholeInNotes++;
    else if (t.data.notes) report.partlyInNotes++;
    else report.mapped++;
  }
}

/** Folds again, in batches, every record whose projection predates the typed content. */
export async function upgradeRecordContent(
  db: Kysely<DB>,
  now: Date,
  batch = 500,
): Promise<ContentUpgradeReport> {
  const report: ContentUpgradeReport = {
    records: 0,
    oldRows: 0,
    mapped: 0,
    partlyInNotes: 0,
    wholeInNotes: 0,
  };
  for (;;) {
    const done = await inTransaction(db, async (trx) => {
      const ids = await repo.outdatedContentIds(trx, batch);
      if (ids.length === 0) return true;
      const rows = await repo.listActionRowsOf(trx, ids);
      const byId = new Map<string, repo.ActionRow[]>();
      for (const r of rows) {
        const list = byId.get(r.employee_id);
        if (list) list.push(r);
        else byId.set(r.employee_id, [r]);
      }
      for (const id of ids) {
        const ledger = byId.get(id) ?? [];
        tally(report, ledger);
        const record = project(id, ledger.map(repo.toEntry));
        await updateProjection(trx, projectionRow(record, ledger.length), now);
      }
      await repo.markContentCurrent(trx, ids);
      report.records += ids.length;
      return false;
    });
    if (done) return report;
  }
}
