// Consent to view (Decree 27 Art. 20): reading another person's e-record outside personnel work within
// one's own competence needs that person's consent by electronic message. A request names the purpose,
// the data groups and the period; the person accepts or refuses in self-service and may revoke; each
// read under a grant is audited with the grant, so it shows in the person's "who read my record".
import { randomUUID } from 'node:crypto';
import { requireAccount, type Ctx } from '../../platform/context.ts';
import { SYSTEM_ACTOR } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { findIdByPersonId, getScopedRecord, maskRecord } from '../employees/index.ts';
import { notifyAccounts, notifyPerson } from '../notifications/index.ts';
import { GROUPS, type ERecord, type GroupKey } from '../../../api/employees.ts';
import type { Consent, NewConsent } from '../../../api/workflows.ts';
import * as repo from './consent.repository.ts';

/** A consent is for a bounded period: long-lived access is what personnel competence is for. */
export const MAX_CONSENT_DAYS = 180;

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `Yêu cầu đồng ý ${id} không tồn tại`, [{ reason: 'consent not found' }]);

function toView(c: repo.ConsentRow, today: string): Consent {
  const expired = c.status === 'granted' && c.valid_until < today;
  return {
    id: c.id,
    employeeId: c.employee_id,
    subjectName: c.subject_name,
    requesterId: c.requester_id,
    requesterName: c.requester_name,
    purpose: c.purpose,
    groups: c.groups,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
    status: expired ? 'expired' : c.status,
    requestedAt: new Date(c.requested_at).toISOString(),
    answeredAt: c.answered_at ? new Date(c.answered_at).toISOString() : null,
    revokedAt: c.revoked_at ? new Date(c.revoked_at).toISOString() : null,
  };
}

export async function requestConsent(ctx: Ctx, input: NewConsent): Promise<Consent> {
  const me = requireAccount(ctx);
  const today = localDate(ctx.now);
  const from = input.validFrom ?? today;
  if (from < today) throw invalid('/validFrom', 'Thời hạn không được bắt đầu trong quá khứ', 'INVALID_DATE');
  if (input.validUntil < from)
    throw invalid('/validUntil', 'Ngày kết thúc phải sau ngày bắt đầu', 'INVALID_DATE');
  if (input.validUntil > addDays(from, MAX_CONSENT_DAYS))
    throw invalid('/validUntil', `Thời hạn xem tối đa ${MAX_CONSENT_DAYS} ngày`, 'INVALID_DATE');
  return inTransaction(ctx.db, async (trx) => {
    const employeeId = await findIdByPersonId(trx, input.personId);
    if (!employeeId) throw invalid('/personId', 'Không có hồ sơ với số định danh này', 'NOT_FOUND');
    if (employeeId === ctx.actor.employeeId)
      throw invalid('/personId', 'Không cần xin đồng ý để xem hồ sơ của chính mình');
    const id = randomUUID();
    await repo.insertConsent(trx, {
      id,
      employee_id: employeeId,
      requester_id: me,
      purpose: input.purpose,
      groups: [...new Set(input.groups)],
      valid_from: from,
      valid_until: input.validUntil,
      status: 'pending',
      requested_at: ctx.now,
    });
    await audit(ctx, trx, {
      action: 'consent.request',
      entity: 'consent',
      entityId: id,
      subjectId: employeeId,
      details: { purpose: input.purpose, groups: input.groups, until: input.validUntil },
    });
    await notifyPerson(
      trx,
      employeeId,
      {
        kind: 'consent.asked',
        title: 'Có người xin xem hồ sơ của bạn',
        body: `${ctx.actor.name} xin xem (${input.groups.length} nhóm thông tin) để: ${input.purpose}`,
        link: `/me/consents/${id}`,
      },
      ctx.now,
    );
    return toView((await repo.findConsent(trx, id))!, today);
  });
}

export async function myConsentAsks(ctx: Ctx): Promise<Consent[]> {
  if (!ctx.actor.employeeId) return [];
  const today = localDate(ctx.now);
  return (await repo.listBySubject(ctx.db, ctx.actor.employeeId)).map((c) => toView(c, today));
}

export async function myConsentRequests(ctx: Ctx): Promise<Consent[]> {
  const today = localDate(ctx.now);
  return (await repo.listByRequester(ctx.db, requireAccount(ctx))).map((c) => toView(c, today));
}

type Answer = 'accept' | 'refuse' | 'revoke';
const TRANSITION: Record<
  Answer,
  { from: repo.ConsentRow['status']; to: repo.ConsentRow['status']; label: string }
> = {
  accept: { from: 'pending', to: 'granted', label: 'đồng ý' },
  refuse: { from: 'pending', to: 'refused', label: 'từ chối' },
  revoke: { from: 'granted', to: 'revoked', label: 'thu hồi sự đồng ý' },
};

/** The person answers a request about their own record, or revokes a grant. */
export async function answerConsent(ctx: Ctx, id: string, answer: Answer): Promise<Consent> {
  const t = TRANSITION[answer];
  return inTransaction(ctx.db, async (trx) => {
    const c = await repo.findConsent(trx, id, true);
    if (!c || c.employee_id !== ctx.actor.employeeId) throw notFound(id);
    if (c.status !== t.from)
      throw new AppError('INVALID_STATE', `Yêu cầu đang ở trạng thái "${c.status}"`, [
        { reason: `status ${c.status}` },
      ]);
    await repo.setStatus(trx, id, t.from, t.to, ctx.now);
    await audit(ctx, trx, {
      action: `consent.${answer}`,
      entity: 'consent',
      entityId: id,
      subjectId: c.employee_id,
      role: 'self',
      details: { requester: c.requester_id },
    });
    await notifyAccounts(
      trx,
      [c.requester_id],
      {
        kind: `consent.${t.to}`,
        title: `${c.subject_name} đã ${t.label}`,
        body: `Mục đích: ${c.purpose}`,
        link: `/consents/${id}`,
      },
      ctx.now,
    );
    return toView((await repo.findConsent(trx, id))!, localDate(ctx.now));
  });
}

function checkGrant(c: repo.ConsentRow, today: string): void {
  if (c.status === 'revoked')
    throw new AppError('CONSENT_REVOKED', 'Người có hồ sơ đã thu hồi sự đồng ý', [{ reason: 'revoked' }]);
  if (c.status !== 'granted' || today < c.valid_from)
    throw new AppError('CONSENT_REQUIRED', 'Chưa có sự đồng ý của người có hồ sơ', [
      { reason: `status ${c.status}` },
    ]);
  if (today > c.valid_until)
    throw new AppError('CONSENT_EXPIRED', `Sự đồng ý đã hết hạn ngày ${c.valid_until}`, [
      { reason: 'expired' },
    ]);
}

/** Only the granted groups; the rest, and everything sensitive outside them, withheld. */
function limitTo(rec: ERecord, groups: string[]): ERecord & { masked: string[] } {
  const opened = maskRecord(rec, { sensitive: true, secret: false, role: 'consent' });
  const keep = new Set(groups);
  const out = { ...opened, groups: { ...opened.groups }, masked: [...opened.masked] };
  for (const g of GROUPS as readonly GroupKey[]) {
    if (keep.has(g)) continue;
    out.groups[g] = [];
    out.masked.push(g);
  }
  if (!keep.has('identity')) return { ...out, identity: {}, ethnicCode: '', religionCode: '' };
  return out;
}

/** The requester reads the record under a valid grant: audited with the grant and its purpose. */
export async function readUnderConsent(ctx: Ctx, id: string): Promise<ERecord & { masked: string[] }> {
  const me = requireAccount(ctx);
  const today = localDate(ctx.now);
  return inTransaction(ctx.db, async (trx) => {
    const c = await repo.findConsent(trx, id);
    if (!c || c.requester_id !== me) throw notFound(id);
    checkGrant(c, today);
    // The grant is the authority here, not the requester's scope.
    const scoped = await getScopedRecord(trx, c.employee_id, SYSTEM_ACTOR, 'employee.read');
    await audit(ctx, trx, {
      action: 'employee.read.consent',
      entity: 'employee',
      entityId: c.employee_id,
      subjectId: c.employee_id,
      unitPath: scoped.managingPath,
      role: 'consent',
      details: { consentId: id, purpose: c.purpose, groups: c.groups },
    });
    return limitTo(scoped.record, c.groups);
  });
}
