import type { Static } from 'typebox';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Ctx } from '../../platform/context.ts';
import { recordContentSchema } from '../../../api/record/schema.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { checkPersonId } from '../../platform/person-id.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { EmployeeSearchQuery, EmployeeSummary } from '../../../api/employees.ts';
import { reference } from '../catalogs/index.ts';
import { audit } from '../audit/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { getUnit } from '../org-units/index.ts';
import { pathWithin, scopeRoots, type Permission } from '../access/index.ts';
import type { Actor } from '../../platform/context.ts';
import * as repo from './employees.repository.ts';

/** The record if the actor may act on it with this permission (or it is their own, with allowSelf); else 404. */
export async function getScopedRecord(
  db: Queryable,
  id: string,
  actor: Actor,
  permission: Permission,
  opts: { allowSelf?: boolean; forUpdate?: boolean } = {},
): Promise<repo.ScopedRecord> {
  const found = await repo.findScopedRecord(db, id, actor, permission, opts);
  if (!found) throw notFound('Hồ sơ', id);
  return found;
}

/** Checks identity data against the catalogs and the rules of the personal ID number. */
export function validateIdentity(
  idn: { personId: string; birthDate: string; sex: 'M' | 'F'; ethnicCode: string; religionCode: string },
  today: string,
  base = '/payload/identity',
): void {
  const ref = reference();
  const details = checkPersonId(idn.personId, idn, ref.provinceCodes, `${base}/personId`);
  if (details.length) throw new AppError('INVALID_PERSON_ID', 'Số định danh cá nhân không hợp lệ', details);
  if (idn.birthDate > today || idn.birthDate < '1900-01-01')
    throw invalid(`${base}/birthDate`, 'Ngày sinh không hợp lệ', 'INVALID_DATE');
  if (!ref.ethnicCodes.has(idn.ethnicCode))
    throw invalid(`${base}/ethnicCode`, `Mã dân tộc ${idn.ethnicCode} không có trong danh mục`);
  if (!ref.religionCodes.has(idn.religionCode))
    throw invalid(`${base}/religionCode`, `Mã tôn giáo ${idn.religionCode} không có trong danh mục`);
}

function yearsBefore(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) - years;
  return `${String(y).padStart(4, '0')}${day.slice(4)}`;
}

export async function searchEmployees(
  ctx: Ctx,
  q: Static<typeof EmployeeSearchQuery>,
): Promise<{ items: EmployeeSummary[]; nextCursor: string | null }> {
  if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) {
    throw invalid('querystring/ageMin', 'Tuổi tối thiểu lớn hơn tuổi tối đa');
  }
  const today = localDate(ctx.now);
  const limit = q.limit ?? 50;
  const filter = {
    actor: ctx.actor,
    text: q.q,
    unitId: q.unitId,
    managedBy: q.managedBy,
    category: q.category,
    status: q.status,
    rankCode: q.rankCode,
    ethnicCode: q.ethnicCode,
    sex: q.sex,
    bornOnOrBefore: q.ageMin !== undefined ? yearsBefore(today, q.ageMin) : undefined,
    bornAfter: q.ageMax !== undefined ? yearsBefore(today, q.ageMax + 1) : undefined,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: limit + 1,
  };
  // A result list shows personal data too: the search is audited with the people it returned.
  const rows = await inTransaction(ctx.db, async (trx) => {
    const found = await repo.searchEmployees(trx, filter);
    const { cursor: _c, ...query } = q;
    const subjects = found.slice(0, limit).map((r) => r.id);
    await audit(ctx, trx, {
      action: 'employee.search',
      entity: 'employee',
      details: { query, count: subjects.length, subjects },
    });
    return found;
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  return { items: page.map(({ sortKey: _s, ...rest }) => rest), nextCursor };
}

export async function headcount(ctx: Ctx, unitId: number, by: repo.HeadcountDimension) {
  const unit = await getUnit(ctx.db, unitId);
  // Headcounts are of people's data: the unit must lie in the reader's subtree (else, as for a record, 404).
  if (!pathWithin(unit.path, scopeRoots(ctx.actor, 'employee.read'))) throw notFound('Đơn vị', unitId);
  const groups = await repo.headcountBy(ctx.db, unitId, by);
  return { unitId, by, total: groups.reduce((s, g) => s + g.count, 0), groups };
}

let published: Record<string, unknown> | undefined;
/** The published JSON Schema of the record's content (built once from api/record/spec.ts). */
export function contentSchema(): Record<string, unknown> {
  published ??= recordContentSchema();
  return published;
}
