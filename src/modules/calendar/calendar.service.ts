// The working-day calendar of the legal deadlines (Decree 27 Art. 19, Circular 06): Monday to Friday,
// minus public holidays and the days off swapped for them, plus weekend days worked in exchange.
// Defaults ship in data/calendar/; national administrators edit them, and every edit rebuilds the
// day table in the same transaction so deadlines never see a half-updated calendar.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../platform/context.ts';
import { addDays } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import { inTransaction, type Queryable, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import * as repo from './calendar.repository.ts';

export type CalendarDay = repo.ExceptionRow;

interface DefaultsFile {
  days: (CalendarDay & { provisional?: boolean })[];
}

function defaults(): CalendarDay[] {
  const url = new URL('../../../data/calendar/holidays-vn.json', import.meta.url);
  const file = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as DefaultsFile;
  return file.days.map((d) => ({
    day: d.day,
    kind: d.kind,
    name: d.name,
    source: d.provisional ? `${d.source ?? ''} (dự kiến)`.trim() : (d.source ?? null),
  }));
}

/** Makes sure the day table exists: on a new database, loads the shipped holidays and builds it. */
export async function ensureCalendar(trx: Tx, at: Date): Promise<void> {
  if ((await repo.countDays(trx)) > 0) return;
  const existing = await repo.listExceptions(trx, repo.CALENDAR_SPAN.from, repo.CALENDAR_SPAN.to);
  if (existing.length === 0) await repo.upsertExceptions(trx, defaults(), 'system', at);
  await repo.rebuildDays(trx);
}

const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

function checkDay(day: string): void {
  if (day < repo.CALENDAR_SPAN.from || day > repo.CALENDAR_SPAN.to || Number.isNaN(Date.parse(day)))
    throw invalid('/day', `Ngày ngoài phạm vi lịch (${repo.CALENDAR_SPAN.from} – ${repo.CALENDAR_SPAN.to})`);
}

export interface CalendarYear {
  year: number;
  workingDays: number;
  days: CalendarDay[];
}

export async function getYear(ctx: Ctx, year: number): Promise<CalendarYear> {
  return inTransaction(ctx.db, async (trx) => {
    await ensureCalendar(trx, ctx.now);
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const days = await repo.listExceptions(trx, from, to);
    const workingDays = await repo.workingDaysBetween(trx, `${year - 1}-12-31`, to);
    return { year, workingDays, days };
  });
}

export async function setDay(ctx: Ctx, input: CalendarDay): Promise<CalendarDay> {
  checkDay(input.day);
  if (input.kind === 'workday' && !isWeekend(input.day))
    throw invalid('/kind', 'Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật');
  return inTransaction(ctx.db, async (trx) => {
    await ensureCalendar(trx, ctx.now);
    await repo.upsertExceptions(trx, [input], ctx.actor.id, ctx.now);
    await repo.rebuildDays(trx);
    await audit(ctx, trx, {
      action: 'calendar.set',
      entity: 'calendar',
      entityId: input.day,
      details: { kind: input.kind, name: input.name },
    });
    return input;
  });
}

export async function removeDay(ctx: Ctx, day: string): Promise<CalendarDay> {
  checkDay(day);
  return inTransaction(ctx.db, async (trx) => {
    await ensureCalendar(trx, ctx.now);
    const removed = await repo.deleteException(trx, day);
    if (!removed) throw invalid('/day', `Ngày ${day} không có trong danh sách ngày nghỉ/làm bù`, 'NOT_FOUND');
    await repo.rebuildDays(trx);
    await audit(ctx, trx, {
      action: 'calendar.remove',
      entity: 'calendar',
      entityId: day,
      details: { kind: removed.kind, name: removed.name },
    });
    return removed;
  });
}

/** The due date `n` working days (or calendar days) after `start`. */
export async function dueDate(
  q: Queryable,
  start: string,
  n: number,
  unit: 'working' | 'calendar',
): Promise<string> {
  if (unit === 'calendar') return addDays(start, n);
  const due = await repo.addWorkingDays(q, start, n);
  if (!due) throw invalid('/date', `Ngày ${start} ngoài phạm vi lịch làm việc`);
  return due;
}
