// Bulk import use cases: run an import from a file, list and read the jobs, the report as XLSX.
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Ctx, Role } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { scopeRoots } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import {
  IMPORT_STATUSES,
  type ImportDetail,
  type ImportIssue,
  type ImportJob,
} from '../../../api/imports.ts';

type ImportStatus = (typeof IMPORT_STATUSES)[number];
import * as repo from './imports.repository.ts';
import { formatOf, openRows, type Format, type SourceRow } from './read.ts';
import {
  auditWritten,
  isCommitted,
  newState,
  processRows,
  type Progress,
  type RunOptions,
  type RunState,
} from './run.ts';
import { reportWorkbook } from './report.ts';

export interface ImportFile {
  name: string;
  /**
   * Opens the file from its start; called twice (hash, then the rows) — three times when a validOnly run
   * must skip people found bad late — so it never needs to sit in memory.
   */
  open(): Readable;
}
export interface ImportOptions {
  validOnly?: boolean | undefined;
  dryRun?: boolean | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
}

async function digest(input: Readable): Promise<{ sha256: string; head: Buffer; size: number }> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of input) {
    const b = chunk as Buffer;
    if (head.length < 8) head = Buffer.concat([head, b.subarray(0, 8)]);
    hash.update(b);
    size += b.length;
  }
  return { sha256: hash.digest('hex'), head, size };
}

/** Rolls the data transaction back while keeping what the loop learned. */
class Rollback extends Error {
  constructor(readonly state?: RunState) {
    super('rollback');
  }
}
/** With validOnly, a person already written had a bad row on a later sheet: roll back, run again. */
class Rerun extends Error {}

/**
 * The run's transaction. With validOnly, a person is written only when every row of theirs is good, but
 * their rows on later sheets are read after they were written: if one is bad, the transaction is rolled
 * back and the file read again skipping everyone who had a bad row (a second pass only then).
 */
async function firstOrRerun(
  ctx: Ctx,
  conn: Kysely<DB>,
  run: Run,
  rows: AsyncIterable<SourceRow>,
  s: RunState,
  finish: (trx: Tx, s: RunState) => Promise<void>,
): Promise<RunState> {
  const attempt = async (input: AsyncIterable<SourceRow>, state: RunState, o: RunOptions) => {
    try {
      await inTransaction(conn, async (trx) => {
        await processRows(ctx, trx, input, state, o);
        if (state.retry) throw new Rerun();
        await finish(trx, state);
      });
    } catch (err) {
      if (err instanceof Rollback) throw new Rollback(state);
      throw err;
    }
  };
  try {
    await attempt(rows, s, run.o);
    return s;
  } catch (err) {
    if (!(err instanceof Rerun)) throw err;
  }
  const skip = new Set([...s.people].filter(([, p]) => !p.valid || p.blocked).map(([pid]) => pid));
  const again = await run.reopen();
  run.input = again.input;
  const fresh = newState();
  await attempt(again.rows, fresh, { ...run.o, skip });
  return fresh;
}

function outcome(s: RunState, status: string, started: number, error: string | null = null) {
  const written = status === 'done' || status === 'checked';
  return {
    status,
    rows_total: s.total,
    rows_invalid: s.invalid,
    created: written ? s.created : 0,
    updated: written ? s.updated : 0,
    unchanged: s.unchanged,
    conflicts: s.conflicts,
    issues: s.issues,
    issues_total: s.issuesTotal,
    error,
    finished_at: new Date(),
    timings: { totalMs: Date.now() - started, writeMs: s.writeMs },
  };
}

/**
 * Imports the people of an XLSX/CSV file. Everything lands in one transaction: with any failing row
 * (and no validOnly) or in a dry run it is rolled back and only the job row, with its report, remains.
 */
export async function runImport(ctx: Ctx, file: ImportFile, opts: ImportOptions = {}): Promise<ImportDetail> {
  const started = Date.now();
  const { sha256, head, size } = await digest(file.open());
  const format = formatOf(head);
  let read = 0;
  const counted = file.open().pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        read += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const rows = await openRows(counted, format);
  const id = randomUUID();
  const o = {
    importId: id,
    fileName: file.name,
    validOnly: opts.validOnly === true,
    dryRun: opts.dryRun === true,
    fraction: () => (size ? read / size : 1),
    onProgress: opts.onProgress,
  };
  // Whoever starts an import (server or CLI) first settles the jobs whose runner died.
  await settleInterruptedImports(ctx);
  // One connection for the whole run, holding the job's lock from before its row exists until after its
  // outcome is written: a crash releases it with the connection, so a `running` job with a free lock
  // is known to be dead (see settleInterruptedImports).
  await ctx.db.connection().execute(async (conn) => {
    await repo.lockJob(conn, id);
    try {
      const reopen = async () => {
        read = 0;
        const again = file.open().pipe(
          new Transform({
            transform(chunk: Buffer, _enc, done) {
              read += chunk.length;
              done(null, chunk);
            },
          }),
        );
        return { rows: await openRows(again, format), input: again };
      };
      await runLocked(ctx, conn, { id, sha256, format, rows, input: counted, reopen, o, started });
    } finally {
      // A failed unlock means a broken connection, which drops the lock anyway; the run's own error
      // is the one to report.
      await repo.unlockJob(conn, id).catch(() => undefined);
    }
  });
  // The operator's own run answers with its outcome; later reads of the job are the audited ones.
  return toDetail(await repo.findJob(ctx.db, ctx.actor, id), id);
}

interface Run {
  id: string;
  sha256: string;
  format: Format;
  rows: AsyncIterable<SourceRow>;
  /** The file being read: closed when the run fails. */
  input: Readable;
  /** Reads the file again from its start (the rerun that skips people found bad late). */
  reopen: () => Promise<{ rows: AsyncIterable<SourceRow>; input: Readable }>;
  o: RunOptions;
  started: number;
}

/** The run proper, on the connection that holds the job's lock. */
async function runLocked(ctx: Ctx, conn: Kysely<DB>, run: Run): Promise<void> {
  const { id, sha256, format, rows, o, started } = run;
  await repo.insertJob(conn, {
    id,
    actor: ctx.actor.id,
    unit_path: scopeRoots(ctx.actor, 'employee.write')?.[0] ?? null,
    file_name: o.fileName,
    file_sha256: sha256,
    format,
    valid_only: o.validOnly,
    dry_run: o.dryRun,
    started_at: ctx.now,
  });
  let s = newState();
  try {
    s = await firstOrRerun(ctx, conn, run, rows, s, async (trx, done) => {
      if (!isCommitted(done, o)) throw new Rollback();
      await auditWritten(ctx, trx, done);
      await repo.finishJob(trx, id, outcome(done, 'done', started));
      // The people written are audited one by one; this event ties them to the job. A run that wrote
      // nobody (a repeat) adds nothing but its job row, which is itself the record of the attempt.
      if (done.created + done.updated > 0)
        await audit(ctx, trx, jobEvent(id, 'import.run', o.fileName, sha256, done));
    });
  } catch (err) {
    if (err instanceof Rollback && err.state) s = err.state;
    if (!(err instanceof Rollback)) {
      run.input.destroy();
      const message = err instanceof Error ? err.message : String(err);
      await repo.finishJob(conn, id, outcome(s, 'failed', started, message.slice(0, 1000)));
      // Two imports naming the same new person at once: the second waits on the first, then collides.
      if ((err as { code?: string }).code === '23505')
        throw new AppError('CONFLICT', 'Một lần nhập khác vừa ghi cùng người; hãy chạy lại tệp', [
          {
            field: 'file',
            reason: 'a concurrent import wrote the same ID numbers; nothing of this file was written',
          },
        ]);
      throw err;
    }
    // Nothing but the job row (who, which file, the report) is written for a dry run or a rejected file.
    await repo.finishJob(conn, id, outcome(s, o.dryRun ? 'checked' : 'rejected', started));
  }
}

/** The reason given for a job whose runner died: its transaction was lost with it. */
export const INTERRUPTED = 'Lần nhập bị gián đoạn; không dòng nào được ghi';

/**
 * Marks failed the running jobs (all, or among ids) whose runner is gone: their lock is free. Each is
 * tried in its own short transaction without waiting, so a live import is never held up nor touched.
 * Returns the ids settled.
 */
/**
 * Import jobs by status, every status present (0 when none), for /metrics. Counted as stored: a
 * `running` job whose process died stays counted as running until a read settles it.
 */
export async function importJobCounts(ctx: Ctx): Promise<Record<ImportStatus, number>> {
  const counts = Object.fromEntries(IMPORT_STATUSES.map((s) => [s, 0])) as Record<ImportStatus, number>;
  for (const { status, n } of await repo.countJobsByStatus(ctx.db)) {
    if (status in counts) counts[status as ImportStatus] = n;
  }
  return counts;
}

export async function settleInterruptedImports(ctx: Ctx, ids?: string[]): Promise<string[]> {
  const settled: string[] = [];
  for (const id of await repo.runningJobs(ctx.db, ids)) {
    const dead = await inTransaction(
      ctx.db,
      async (trx) => (await repo.tryLockJob(trx, id)) && repo.failRunningJob(trx, id, INTERRUPTED, ctx.now),
    );
    if (dead) settled.push(id);
  }
  return settled;
}

const jobEvent = (id: string, action: string, fileName: string, sha256: string, s: RunState) => ({
  action,
  entity: 'import',
  entityId: id,
  details: {
    fileName,
    sha256,
    rows: s.total,
    invalid: s.invalid,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
    conflicts: s.conflicts,
  },
});

type JobRow = Awaited<ReturnType<typeof repo.listJobs>>[number];

function toJob(r: JobRow): ImportJob {
  return {
    id: r.id,
    actor: r.actor,
    fileName: r.file_name,
    sha256: r.file_sha256,
    format: r.format as ImportJob['format'],
    validOnly: r.valid_only,
    dryRun: r.dry_run,
    status: r.status as ImportJob['status'],
    rows: r.rows_total,
    invalid: r.rows_invalid,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    conflicts: r.conflicts,
    issuesTotal: r.issues_total,
    error: r.error,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    timings: r.timings,
  };
}

export async function listImports(ctx: Ctx, limit = 50): Promise<ImportJob[]> {
  await settleInterruptedImports(ctx);
  return (await repo.listJobs(ctx.db, ctx.actor, limit)).map(toJob);
}

function toDetail(r: Awaited<ReturnType<typeof repo.findJob>>, id: string): ImportDetail {
  if (!r) throw notFound('Lần nhập', id);
  return { ...toJob(r), issues: r.issues as ImportIssue[] };
}

/** One job with its problems, which quote the rows' values (ID numbers, names): an audited read. */
export async function getImport(ctx: Ctx, id: string): Promise<ImportDetail> {
  await settleInterruptedImports(ctx, [id]);
  return inTransaction(ctx.db, async (trx) => {
    const r = await repo.findJob(trx, ctx.actor, id);
    const job = toDetail(r, id);
    await audit(ctx, trx, {
      action: 'import.read',
      entity: 'import',
      entityId: id,
      unitPath: r?.unit_path ?? null,
      details: { issues: job.issues.length },
    });
    return job;
  });
}

/** The validation report as XLSX: one line per (row, field, value, reason). */
export async function importReport(ctx: Ctx, id: string): Promise<Buffer> {
  const job = await getImport(ctx, id);
  if (job.status === 'running')
    throw new AppError('CONFLICT', 'Lần nhập đang chạy, chưa có báo cáo', [
      { reason: 'import still running' },
    ]);
  return reportWorkbook(job);
}

/** The context of an account acting from the command line (`hoso import --as USERNAME`). */
export async function actingAs(ctx: Ctx, username: string): Promise<Ctx> {
  const found = await repo.findAccountActor(ctx.db, username, ctx.now);
  if (!found) throw notFound('Tài khoản', username);
  const { account, grants } = found;
  return {
    ...ctx,
    actor: {
      id: account.id,
      kind: 'user',
      name: account.display_name,
      accountId: account.id,
      employeeId: account.employee_id,
      grants: grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id, unitPath: g.unit_path })),
    },
  };
}
