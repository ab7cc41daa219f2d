// The import loop: rows stream from the file through validation into batches; each batch is matched
// against the database (by ID number) and, while writing, written — all in one transaction, so a
// failure anywhere (a bad row without validOnly, a dry run, a crash) leaves no person written. The
// people come first (the person sheet); the rows of the kinds' sheets follow as declarations of the
// people of the same file, and each person touched is folded once at the end.
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/clock.ts';
import type { Tx } from '../../db/transaction.ts';
import { scopeRoots } from '../access/index.ts';
import { audit, type AuditWrite } from '../audit/index.ts';
import * as repo from './imports.repository.ts';
import { planRow, type Plan, type Scopes } from './plan.ts';
import type { SourceRow } from './read.ts';
import { issueAt, validateRow, type Issue, type RowContext, type ValidRow } from './validate.ts';
import { validateDeclared, type PersonInfo, type ValidDeclared } from './declared.ts';
import { PERSON_SHEET, type Sheet } from './columns.ts';
import { refoldDeclared, writeCreates, writeDeclared, writeUpdates } from './write.ts';

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
  /** The people of the file by ID number, as the other sheets' rows need them. */
  people: Map<string, PersonState>;
  /** With validOnly: a person already written in this run turned out to have a bad row (see runImport). */
  retry: boolean;
}

export interface PersonState extends PersonInfo {
  plan: Plan['kind'] | 'none';
  employeeId?: string;
  /** The seq their next ledger row gets. */
  nextSeq: number;
  managingPath: string;
  /** Something of this person was written in this run. */
  written: boolean;
  /** Declared rows written in this run. */
  declared: number;
  /** Why none of their rows may be written (a bad row on another sheet). */
  blocked?: string;
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
  people: new Map(),
  retry: false,
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
  /** ID numbers none of whose rows are written (a rerun after a bad row with validOnly). */
  skip?: ReadonlySet<string> | undefined;
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
    const pid = p.row.input.payload.identity.personId;
    const person = s.people.get(pid)!;
    person.plan = p.kind;
    const ex = byPid.get(pid);
    if (ex) {
      person.employeeId = ex.id;
      person.nextSeq = ex.actionCount + 1;
      person.managingPath = ex.managingPath;
    }
    if (p.kind === 'unchanged') s.unchanged++;
    if (p.kind === 'conflict') {
      s.conflicts++;
      s.invalid++;
      person.valid = false;
      const value = p.field === 'personId' ? pid : '';
      addIssues(s, [issueAt(PERSON_SHEET, p.row.row, p.field, value, p.reason)]);
    }
  }
  if (!writing(s, o)) {
    s.created += plans.filter((p) => p.kind === 'create').length;
    s.updated += plans.filter((p) => p.kind === 'update').length;
    return;
  }
  const started = Date.now();
  const created = await writeCreates(ctx, trx, plans, o.importId, s.events);
  for (const c of created)
    Object.assign(s.people.get(c.personId)!, { employeeId: c.id, nextSeq: 2, written: true });
  s.created += created.length;
  const issues: Issue[] = [];
  const updated = await writeUpdates(ctx, trx, plans, o.fileName, issues, s.events);
  for (const pid of updated) {
    const person = s.people.get(pid)!;
    person.nextSeq++;
    person.written = true;
  }
  s.updated += updated.length;
  for (const i of issues) s.people.get(i.value)!.valid = false;
  s.invalid += issues.length;
  addIssues(s, issues);
  s.writeMs += Date.now() - started;
}

/** A person row read: kept by ID number for the other sheets (the first row of a number counts). */
function remember(s: RunState, src: SourceRow, ok: ValidRow | undefined): string | undefined {
  const pid = ok?.input.payload.identity.personId ?? shownId(src);
  if (!pid || s.people.has(pid)) return pid;
  const p = ok?.input;
  s.people.set(pid, {
    row: src.row,
    valid: ok !== undefined,
    birthDate: p?.payload.identity.birthDate ?? '',
    category: p?.payload.category ?? 'civil_servant',
    recruitDate: p?.effectiveDate ?? '',
    plan: 'none',
    nextSeq: 1,
    managingPath: ok?.managingPath ?? '',
    written: false,
    declared: 0,
  });
  return pid;
}
const shownId = (src: SourceRow) => {
  const v = src.cells.personId;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v).padStart(12, '0') : undefined;
};

const SKIPPED = 'Không ghi hồ sơ này: người này có dòng lỗi ở trang khác';

function personRow(rowCtx: RowContext, src: SourceRow, s: RunState, o: RunOptions): ValidRow | undefined {
  const v = validateRow(rowCtx, src);
  if ('issues' in v) {
    s.invalid++;
    addIssues(s, v.issues);
    remember(s, src, undefined);
    return undefined;
  }
  const pid = v.ok.input.payload.identity.personId;
  const first = s.people.get(pid);
  if (first) {
    s.invalid++;
    addIssues(s, [
      issueAt(PERSON_SHEET, src.row, 'personId', pid, `Trùng số định danh với dòng ${first.row}`),
    ]);
    return undefined;
  }
  remember(s, src, v.ok);
  if (o.skip?.has(pid)) {
    s.invalid++;
    s.people.get(pid)!.blocked = SKIPPED;
    addIssues(s, [issueAt(PERSON_SHEET, src.row, 'personId', pid, SKIPPED)]);
    return undefined;
  }
  return v.ok;
}

/** A bad row of a person: none of their rows is written; with validOnly, a rerun if some already were. */
function block(s: RunState, o: RunOptions, pid: string | undefined, sheet: Sheet, row: number): void {
  const person = pid ? s.people.get(pid) : undefined;
  if (!person || person.blocked) return;
  person.blocked = `Không ghi: người này có dòng lỗi ở trang "${sheet.name}", dòng ${row}`;
  if (person.written && o.validOnly) s.retry = true;
}

function declaredRow(
  rowCtx: RowContext,
  src: SourceRow,
  s: RunState,
  o: RunOptions,
  once: Set<string>,
): ValidDeclared | undefined {
  const v = validateDeclared(rowCtx, src, s.people);
  const pid = 'ok' in v ? v.ok.personId : shownId(src);
  const person = pid ? s.people.get(pid) : undefined;
  let issues = 'issues' in v ? v.issues : [];
  if ('ok' in v && !src.sheet.spec!.repeatable) {
    if (once.has(v.ok.personId))
      issues = [
        issueAt(src.sheet, src.row, 'personId', v.ok.personId, 'Mỗi người chỉ có một dòng ở trang này'),
      ];
    once.add(v.ok.personId);
  }
  if (issues.length === 0 && person?.blocked)
    issues = [issueAt(src.sheet, src.row, 'personId', pid!, person.blocked)];
  if (issues.length) {
    s.invalid++;
    addIssues(s, issues);
    if (person?.valid) block(s, o, pid, src.sheet, src.row);
    return undefined;
  }
  return 'ok' in v ? v.ok : undefined;
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
  let batch: ValidRow[] = [];
  let declared: ValidDeclared[] = [];
  let sheet: Sheet = PERSON_SHEET;
  const once = new Set<string>();
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
  const flushDeclared = async () => {
    await inflight;
    if (writing(s, o)) s.writeMs += await writeDeclared(ctx, trx, declared, s.people);
    declared = [];
  };
  for await (const src of rows) {
    s.total++;
    if (src.sheet !== sheet) {
      // A new sheet: the people are all read (their last batch goes now), and each sheet is one kind.
      if (sheet === PERSON_SHEET) {
        await inflight;
        await flush(ctx, trx, batch, s, o, scopes);
        batch = [];
      } else await flushDeclared();
      sheet = src.sheet;
      once.clear();
    }
    if (sheet !== PERSON_SHEET) {
      const d = declaredRow(rowCtx, src, s, o, once);
      if (d) declared.push(d);
      if (declared.length >= BATCH) await flushDeclared();
      if (s.total % 1000 === 0) report();
      continue;
    }
    const v = personRow(rowCtx, src, s, o);
    if (v) batch.push(v);
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
  await flushDeclared();
  if (writing(s, o)) s.writeMs += await refoldDeclared(ctx, trx, s.people, o.importId, s.events);
  // A person whose recruitment was as recorded but who gained declared rows was updated.
  for (const p of s.people.values())
    if (p.plan === 'unchanged' && p.declared > 0) {
      s.unchanged--;
      s.updated++;
    }
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
