// The working-day calendar on both engines: weekends, Tết, swapped working days, edits by admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import type { Database } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { dueDate, ensureCalendar, getYear, removeDay, setDay, workingDaysBetween } from './index.ts';

describe.each(ENGINES)('working-day calendar on %s', (engine) => {
  let d: Database;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    await inTransaction(d.db, (trx) => ensureCalendar(trx, new Date()));
  });
  afterAll(async () => d?.close());
  const due = (start: string, n: number) => dueDate(d.db, start, n, 'working');

  it('counts Monday to Friday, skipping weekends', async () => {
    expect(await due('2026-11-20', 3)).toBe('2026-11-25'); // Fri → Wed
    expect(await due('2026-11-21', 3)).toBe('2026-11-25'); // Sat counts from the next Monday
    expect(await due('2026-11-23', 1)).toBe('2026-11-24');
    expect(await dueDate(d.db, '2026-11-20', 3, 'calendar')).toBe('2026-11-23');
  });

  it('skips the Tết holidays (3 and 10 working days spanning Tết)', async () => {
    // Tết Bính Ngọ: days off 14/02–22/02/2026.
    expect(await due('2026-02-12', 3)).toBe('2026-02-24');
    expect(await due('2026-02-13', 3)).toBe('2026-02-25');
    // Tết Ất Tỵ: days off 25/01–02/02/2025; 10 working days from Monday 20/01.
    expect(await due('2025-01-20', 10)).toBe('2025-02-10');
    expect(await workingDaysBetween(d.db, '2025-01-24', '2025-02-03')).toBe(1);
  });

  it('counts a weekend day worked in exchange, and not the weekday given off for it', async () => {
    // Saturday 26/04/2025 worked in exchange for Friday 02/05/2025; 30/04 and 01/05 are holidays.
    expect(await due('2025-04-24', 3)).toBe('2025-04-28');
    expect(await due('2025-04-28', 2)).toBe('2025-05-05');
  });

  it('national administrators edit the calendar; deadlines follow at once', async () => {
    const ctx = testCtx(d);
    expect(await due('2030-04-26', 1)).toBe('2030-04-29');
    await setDay(ctx, { day: '2030-04-29', kind: 'holiday', name: 'Nghỉ bù', source: null });
    expect(await due('2030-04-26', 1)).toBe('2030-04-30');
    await setDay(ctx, { day: '2030-04-27', kind: 'workday', name: 'Làm bù', source: null });
    expect(await due('2030-04-26', 1)).toBe('2030-04-27');
    expect((await getYear(ctx, 2030)).days.map((x) => x.day)).toEqual(['2030-04-27', '2030-04-29']);
    await removeDay(ctx, '2030-04-27');
    await removeDay(ctx, '2030-04-29');
    expect(await due('2030-04-26', 1)).toBe('2030-04-29');
    await expect(
      setDay(ctx, { day: '2030-04-29', kind: 'workday', name: 'X', source: null }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: '/kind' }],
    });
    await expect(removeDay(ctx, '2030-04-29')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a year with its holidays and its number of working days', async () => {
    const y = await getYear(testCtx(d), 2025);
    expect(y.days.find((x) => x.day === '2025-01-29')?.name).toMatch(/Tết Nguyên đán/);
    // 261 weekdays, 12 weekday holidays and days off, 1 swapped Saturday.
    expect(y.workingDays).toBe(261 - 12 + 1);
  });
});
