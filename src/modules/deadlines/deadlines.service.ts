// What is due and overdue under the legal deadlines, for the actor's scope:
// - record_created: the managing body creates the e-record within 3 days of the decision (Decree 27 Art. 18);
// - first_declaration: the person's first declaration within 3 working days of the record (Art. 19);
// - hr_update: HR-produced changes recorded within 3 working days of their decision (Art. 19), drafts
//   still awaiting approval included;
// - request_review: the managing body verifies a person's declared change within 3 working days;
// - transfer_receipt: the receiving body takes over a transferred person within 10 working days (Circular 06);
// - monthly_approval: each ministry/province signs the month's changes in its last 5 days (Circular 06 Art. 7).
// Items are derived from the facts (ledger, requests, approvals) rather than stored, so they can never
// disagree with what happened.
import type { Ctx } from '../../platform/context.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { scopeRoots } from '../access/index.ts';
import { getUnit } from '../org-units/index.ts';
import { ensureCalendar } from '../calendar/index.ts';
import type { DeadlineItem, DeadlineRule, DeadlineSummaryRow } from '../../../api/workflows.ts';
import * as repo from './deadlines.repository.ts';

export const RULE_LABELS: Record<DeadlineRule, string> = {
  record_created: 'Lập hồ sơ trong 3 ngày kể từ quyết định (NĐ 27, Điều 18)',
  first_declaration: 'Kê khai lần đầu trong 3 ngày làm việc (NĐ 27, Điều 19)',
  hr_update: 'Cập nhật thông tin do công tác cán bộ trong 3 ngày làm việc (NĐ 27, Điều 19)',
  request_review: 'Xác minh thông tin cá nhân kê khai trong 3 ngày làm việc',
  transfer_receipt: 'Tiếp nhận hồ sơ người chuyển đến trong 10 ngày làm việc (TT 06)',
  monthly_approval: 'Phê duyệt dữ liệu tháng bằng chữ ký số trong 5 ngày cuối tháng (TT 06, Điều 7)',
};

const DEFAULT_WINDOW_DAYS = 92;

function windowStart(ctx: Ctx, from: string | undefined): string {
  return from ?? addDays(localDate(ctx.now), -DEFAULT_WINDOW_DAYS);
}

export interface DeadlineQuery {
  unitId?: number | undefined;
  rule?: DeadlineRule | undefined;
  status?: DeadlineItem['status'] | undefined;
  from?: string | undefined;
  limit?: number | undefined;
}

export async function listDeadlines(ctx: Ctx, q: DeadlineQuery): Promise<DeadlineItem[]> {
  return inTransaction(ctx.db, async (trx) => {
    await ensureCalendar(trx, ctx.now);
    const unitPath = q.unitId ? (await getUnit(trx, q.unitId)).path : undefined;
    const rows = await repo.listItems(trx, {
      actor: ctx.actor,
      today: localDate(ctx.now),
      from: windowStart(ctx, q.from),
      unitPath,
      rule: q.rule,
      status: q.status,
      limit: q.limit ?? 200,
    });
    return rows.map((r) => ({
      rule: r.rule,
      ruleLabel: RULE_LABELS[r.rule],
      ref: r.ref,
      employeeId: r.employee_id,
      fullName: r.full_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      startDate: r.start_date,
      dueDate: r.due_date,
      metOn: r.met_on,
      status: r.status,
    }));
  });
}

/** Lateness per unit: the units one level below the chosen unit (or below the actor's scope). */
export async function deadlineSummary(
  ctx: Ctx,
  q: { unitId?: number | undefined; from?: string | undefined },
): Promise<DeadlineSummaryRow[]> {
  return inTransaction(ctx.db, async (trx) => {
    await ensureCalendar(trx, ctx.now);
    const unitPath = q.unitId ? (await getUnit(trx, q.unitId)).path : undefined;
    const roots = scopeRoots(ctx.actor, 'deadline.read');
    // The widest root of the actor's scope; a system actor (no roots) sees the nation's first level.
    const base = unitPath ?? [...(roots ?? [])].sort((a, b) => a.length - b.length)[0];
    const depth = base ? base.split('.').length + 1 : 2;
    const rows = await repo.summarise(trx, {
      actor: ctx.actor,
      today: localDate(ctx.now),
      from: windowStart(ctx, q.from),
      unitPath,
      depth,
    });
    const byUnit = new Map<number, DeadlineSummaryRow>();
    for (const r of rows) {
      const s = byUnit.get(r.unit_id) ?? {
        unitId: r.unit_id,
        unitName: r.unit_name,
        due: 0,
        overdue: 0,
        met: 0,
        late: 0,
        byRule: {},
      };
      s[r.status as 'due' | 'overdue' | 'met' | 'late'] += r.n;
      const rule = (s.byRule[r.rule] ??= { overdue: 0, late: 0 });
      if (r.status === 'overdue' || r.status === 'late') rule[r.status] += r.n;
      byUnit.set(r.unit_id, s);
    }
    return [...byUnit.values()].sort((a, b) => b.overdue + b.late - (a.overdue + a.late));
  });
}
