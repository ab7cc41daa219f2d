// The import loop: rows stream from the file through validation into batches; each batch is matched
// against the database (by ID number) and, while writing, written — all in one transaction, so a
// failure anywhere (a bad row without validOnly, a dry run, a crash) leaves no person written.
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/clock.ts';
import type { Tx } from '../../db/transaction.ts';
import { scopeRoots } from '../access/index.ts';
import { audit, type AuditWrite } from '../audit/index.ts';
import * as repo from './imports.repository.ts';
import { planRow, type Plan, type Scopes } from './plan.ts';
import type { SourceRow } from './read.ts';
import { validateRow, type Issue, type RowContext, type ValidRow } from './validate.ts';
import { writeCreates, writeUpdates } from './write.ts';

const BATCH = 2000;
export const MAX_STORED_ISSUES = 20_000;

export interface Progress {
  validated: number;
  written: number;
  invalid: number;
  /** Share of the file read so far (0–1). */
  fraction: number;
}

export interface RunState {
  total: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  issues: Issue[];
  issuesTotal: number;
  writeMs: number;
  /** Audit events of the people written, appended at the end (see auditWritten). */
  events: AuditWrite[];
}

export const newState = (): RunState => ({
  total: 0,
  invalid: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  conflicts: 0,
  issues: [],
  issuesTotal: 0,
  writeMs: 0,
  events: [],
});

function addIssues(s: RunState, issues: Issue[]): void {
  s.issuesTotal += issues.length;
  for (const i of issues) if (s.issues.length < MAX_STORED_ISSUES) s.issues.push(i);
}

export interface RunOptions {
  importId: string;
  fileName: string;
  validOnly: boolean;
  dryRun: boolean;
  fraction: () => number;
  onProgress?: ((p: Progress) => void) | undefined;
}

/** Whether rows are still being written: never in a dry run, and not once a row failed unless validOnly. */
const writing = (s: RunState, o: RunOptions) => !o.dryRun && (o.validOnly || s.invalid === 0);

async function flush(ctx: Ctx, trx: Tx, batch: ValidRow[], s: RunState, o: RunOptions, scopes: Scopes) {
  if (batch.length === 0) return;
  const existing = await repo.findExisting(
    trx,
    batch.map((b) => b.input.payload.identity.personId),
  );
  const byPid = new Map(existing.map((e) => [e.personId, e]));
  const ledger = new Map<string, repo.LedgerRow[]>();
  for (const l of await repo.ledgerOf(
    trx,
    existing.map((e) => e.id),
    true,
  ))
    ledger.set(l.employee_id, [...(ledger.get(l.employee_id) ?? []), l]);
  const plans: Plan[] = batch.map((row) => {
    const ex = byPid.get(row.input.payload.identity.personId);
    return planRow(row, ex, ex ? (ledger.get(ex.id) ?? []) : [], scopes);
  });
  for (const p of plans) {
    if (p.kind === 'unchanged') s.unchanged++;
    if (p.kind === 'conflict') {
      s.conflicts++;
      s.invalid++;
      const value = p.field === 'personId' ? p.row.input.payload.identity.personId : '';
      addIssues(s, [{ row: p.row.row, field: p.field, value, reason: p.reason }]);
    }
  }
  if (!writing(s, o)) {
    s.created += plans.filter((p) => p.kind === 'create').length;
    s.updated += plans.filter((p) => p.kind === 'update').length;
    return;
  }
  const started = Date.now();
  s.created += await writeCreates(ctx, trx, plans, o.importId, s.events);
  const issues: Issue[] = [];
  s.updated += await writeUpdates(ctx, trx, plans, o.fileName, issues, s.events);
  s.invalid += issues.length;
  addIssues(s, issues);
  s.writeMs += Date.now() - started;
}

export async function processRows(
  ctx: Ctx,
  trx: Tx,
  rows: AsyncIterable<SourceRow>,
  s: RunState,
  o: RunOptions,
): Promise<void> {
  const rowCtx: RowContext = {
    today: localDate(ctx.now),
    units: await repo.loadUnits(trx),
    writeRoots: scopeRoots(ctx.actor, 'employee.write'),
  };
  const scopes: Scopes = { write: rowCtx.writeRoots, record: scopeRoots(ctx.actor, 'action.record') };
  const seen = new Map<string, number>();
  let batch: ValidRow[] = [];
  // While the database writes one batch, the next is read and validated: on a server that is the
  // other core's work. Batches still reach the connection one after another.
  let inflight: Promise<void> = Promise.resolve();
  const report = () =>
    o.onProgress?.({
      validated: s.total,
      written: s.created + s.updated,
      invalid: s.invalid,
      fraction: o.fraction(),
    });
  for await (const src of rows) {
    s.total++;
    const v = validateRow(rowCtx, src);
    if ('issues' in v) {
      s.invalid++;
      addIssues(s, v.issues);
    } else {
      const pid = v.ok.input.payload.identity.personId;
      const first = seen.get(pid);
      if (first !== undefined) {
        s.invalid++;
        addIssues(s, [
          { row: src.row, field: 'personId', value: pid, reason: `Trùng số định danh với dòng ${first}` },
        ]);
      } else {
        seen.set(pid, src.row);
        batch.push(v.ok);
      }
    }
    if (batch.length >= BATCH) {
      await inflight;
      inflight = flush(ctx, trx, batch, s, o, scopes);
      inflight.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled
      batch = [];
      report();
    } else if (s.total % 1000 === 0) report();
  }
  await inflight;
  await flush(ctx, trx, batch, s, o, scopes);
  report();
}

/**
 * Every person written is a subject in the audit log. The chain's lock serialises every audited write
 * in the system until commit, so the import appends its events last — the lock is held for seconds at
 * the end, not for the whole import.
 */
export async function auditWritten(ctx: Ctx, trx: Tx, s: RunState): Promise<void> {
  const started = Date.now();
  for (let i = 0; i < s.events.length; i += 5000) await audit(ctx, trx, ...s.events.slice(i, i + 5000));
  s.writeMs += Date.now() - started;
}

export const isCommitted = (s: RunState, o: RunOptions): boolean => writing(s, o);
