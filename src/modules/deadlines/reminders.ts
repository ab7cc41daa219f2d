// Daily reminders: every overdue item (and every item falling due tomorrow) goes to the inbox of the
// staff who watch deadlines over its unit — once per item and kind, however often the job runs.
import { Cron } from 'croner';
import type { Ctx } from '../../platform/context.ts';
import type { Logger } from '../../platform/logger.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { getUnit } from '../org-units/index.ts';
import { notifyStaff } from '../notifications/index.ts';
import { listDeadlines, RULE_LABELS } from './deadlines.service.ts';
import type { DeadlineItem } from '../../../api/workflows.ts';

const MAX_ITEMS = 20_000;

function message(i: DeadlineItem, overdue: boolean) {
  const who = i.fullName ? `${i.fullName} — ` : '';
  return {
    kind: overdue ? 'deadline.overdue' : 'deadline.due',
    title: overdue ? `Quá hạn: ${RULE_LABELS[i.rule]}` : `Đến hạn ngày mai: ${RULE_LABELS[i.rule]}`,
    body: `${who}${i.unitName}: hạn ${i.dueDate}`,
    link: i.employeeId ? `/employees/${i.employeeId}` : `/deadlines?rule=${i.rule}`,
    dedupeKey: `${overdue ? 'overdue' : 'due'}:${i.rule}:${i.ref}:${i.unitId}`,
  };
}

/** Sends the reminders for the whole node (run as the system); returns how many items were announced. */
export async function sendDeadlineReminders(ctx: Ctx): Promise<{ overdue: number; dueTomorrow: number }> {
  const overdue = await listDeadlines(ctx, { status: 'overdue', limit: MAX_ITEMS });
  const soon = (await listDeadlines(ctx, { status: 'due', limit: MAX_ITEMS })).filter(
    (i) => i.dueDate === addDays(localDate(ctx.now), 1),
  );
  const paths = new Map<number, string>();
  await inTransaction(ctx.db, async (trx) => {
    for (const [items, late] of [
      [overdue, true],
      [soon, false],
    ] as const) {
      for (const i of items) {
        if (!paths.has(i.unitId)) paths.set(i.unitId, (await getUnit(trx, i.unitId)).path);
        await notifyStaff(trx, paths.get(i.unitId)!, 'deadline.read', message(i, late), ctx.now);
      }
    }
  });
  return { overdue: overdue.length, dueTomorrow: soon.length };
}

/** Every morning at 07:00 in Vietnam. */
export function startDeadlineReminders(ctx: () => Ctx, log: Pick<Logger, 'info' | 'error'>): () => void {
  const job = new Cron(
    '0 7 * * *',
    { timezone: 'Asia/Ho_Chi_Minh', unref: true, protect: true },
    async () => {
      try {
        log.info(await sendDeadlineReminders(ctx()), 'deadline reminders sent');
      } catch (err) {
        log.error({ err }, 'deadline reminders failed');
      }
    },
  );
  return () => job.stop();
}
