// The e-record is a projection of its ledger. This pure fold turns ledger entries into the record
// as it stood on a valid-time date (asOf), as known at a transaction time (knownAt). The same fold
// keeps the stored current projection, reconstructs the past and seeds the demo, so they never disagree.
import type { ActionType, Category, Status } from '../../../api/actions.ts';
import type { ERecord, GroupKey, HistoryRow } from '../../../api/employees.ts';
import { GROUPS } from '../../../api/employees.ts';
import { AppError } from '../../platform/errors.ts';
import { coefficientFor, reference } from '../catalogs/index.ts';
import { findRowKind } from '../../../api/record/spec.ts';
import { typedDeclaration } from './legacy.ts';

export interface LedgerEntry {
  id: number;
  seq: number;
  type: ActionType;
  effectiveDate: string;
  decisionNo: string | null;
  payload: Record<string, unknown>;
  recordedAt: Date;
}

export interface ProjectOptions {
  asOf?: string | undefined;
  knownAt?: Date | undefined;
}

const TERMINAL: ReadonlySet<Status> = new Set(['retired', 'resigned', 'terminated', 'deceased']);
// What may still happen to a record whose person has left service.
const AFTER_TERMINAL: ReadonlySet<ActionType> = new Set(['reward', 'declare', 'degree', 'death', 'recruit']);

type Mutable = Omit<ERecord, 'groups'> & { groups: Record<GroupKey, HistoryRow[]> };
type P = Record<string, unknown>;

function fail(entry: LedgerEntry, reason: string, field = '/payload'): never {
  throw new AppError('INVALID_STATE', reason, [{ field, reason: `${reason} (hành động #${entry.seq})` }]);
}

function row(e: LedgerEntry, kind: string, data: P, n = 0): HistoryRow {
  return {
    id: n ? `${e.id}.${n}` : String(e.id),
    kind,
    validFrom: e.effectiveDate,
    validTo: null,
    data,
    actionId: e.id,
    actionType: e.type,
    decisionNo: e.decisionNo,
  };
}

/** Closes the open row of this kind (if any) and opens a new one: a dated fact replaced by another. */
function replace(rec: Mutable, group: GroupKey, r: HistoryRow): void {
  for (const old of rec.groups[group]) {
    if (old.kind === r.kind && old.validTo === null) old.validTo = r.validFrom;
  }
  rec.groups[group].push(r);
}

function closeOpen(rec: Mutable, group: GroupKey, kind: string, on: string): void {
  for (const old of rec.groups[group]) if (old.kind === kind && old.validTo === null) old.validTo = on;
}

function setSalary(rec: Mutable, e: LedgerEntry, rankCode: string, step: number, n = 0): void {
  const rank = reference().ranks.get(rankCode);
  if (!rank) fail(e, `Mã ngạch ${rankCode} không có trong danh mục`, '/payload/rankCode');
  const coefficient = coefficientFor(rankCode, step);
  if (coefficient === undefined)
    fail(e, `Bậc ${step} vượt quá thang lương của ngạch ${rankCode}`, '/payload/salaryStep');
  rec.rankCode = rankCode;
  rec.salaryGroup = rank.salaryGroup;
  rec.salaryStep = step;
  rec.salaryCoefficient = coefficient;
  replace(
    rec,
    'employment',
    row(
      e,
      'rank_salary',
      { rankCode, rankName: rank.name, salaryGroup: rank.salaryGroup, salaryStep: step, coefficient },
      n,
    ),
  );
}

function setUnit(rec: Mutable, e: LedgerEntry, p: P, n: number): void {
  rec.workingUnitId = p.workingUnitId as number;
  if (typeof p.managingUnitId === 'number') rec.managingUnitId = p.managingUnitId;
  replace(
    rec,
    'employment',
    row(e, 'unit', { workingUnitId: rec.workingUnitId, managingUnitId: rec.managingUnitId }, n),
  );
}

function setTitle(rec: Mutable, e: LedgerEntry, title: string, n: number): void {
  rec.positionTitle = title;
  replace(rec, 'employment', row(e, 'title', { positionTitle: title }, n));
}

function apply(rec: Mutable, e: LedgerEntry, p: P): void {
  if (TERMINAL.has(rec.status) && !AFTER_TERMINAL.has(e.type)) {
    fail(e, `Không thể ghi "${e.type}" cho người đã ${rec.status}`, '/type');
  }
  switch (e.type) {
    case 'recruit': {
      if (rec.status === 'deceased') fail(e, 'Không thể tuyển dụng người đã từ trần', '/type');
      rec.status = 'active';
      rec.category = p.category as Category;
      rec.managingUnitId = p.managingUnitId as number;
      rec.workingUnitId = p.workingUnitId as number;
      rec.jobPositionId = (p.jobPositionId as number | undefined) ?? null;
      replace(rec, 'movements', row(e, 'recruitment', { category: p.category, form: p.form ?? null }));
      setUnit(rec, e, p, 1);
      if (typeof p.rankCode === 'string')
        setSalary(rec, e, p.rankCode, (p.salaryStep as number | undefined) ?? 1, 2);
      if (typeof p.positionTitle === 'string') setTitle(rec, e, p.positionTitle, 3);
      return;
    }
    case 'appoint':
      replace(rec, 'movements', row(e, 'appointment', p));
      if (typeof p.workingUnitId === 'number') setUnit(rec, e, p, 1);
      setTitle(rec, e, p.positionTitle as string, 2);
      return;
    case 'transfer':
    case 'second':
    case 'rotate':
      rec.groups.movements.push(row(e, e.type, p));
      setUnit(rec, e, p, 1);
      if (typeof p.positionTitle === 'string') setTitle(rec, e, p.positionTitle, 2);
      return;
    case 'rank_change':
      setSalary(rec, e, p.rankCode as string, p.salaryStep as number);
      return;
    case 'salary_step':
      if (!rec.rankCode) fail(e, 'Chưa có ngạch để nâng bậc lương', '/payload/salaryStep');
      if ((p.salaryStep as number) <= (rec.salaryStep ?? 0)) {
        fail(
          e,
          `Bậc mới (${String(p.salaryStep)}) phải cao hơn bậc hiện tại (${String(rec.salaryStep)})`,
          '/payload/salaryStep',
        );
      }
      setSalary(rec, e, rec.rankCode, p.salaryStep as number);
      return;
    case 'allowance':
      replace(rec, 'employment', row(e, `allowance:${String(p.kind)}`, p));
      return;
    case 'training':
    case 'degree':
      rec.groups.education.push(row(e, e.type, p));
      return;
    case 'reward':
    case 'discipline':
    case 'assessment':
      rec.groups.employment.push(row(e, e.type, p));
      return;
    case 'leave':
      if (rec.status !== 'active') fail(e, 'Chỉ người đang công tác mới có thể tạm nghỉ', '/type');
      rec.status = 'on_leave';
      rec.groups.movements.push(row(e, 'leave', p));
      return;
    case 'return':
      if (rec.status !== 'on_leave') fail(e, 'Người này không trong thời gian tạm nghỉ', '/type');
      rec.status = 'active';
      closeOpen(rec, 'movements', 'leave', e.effectiveDate);
      return;
    case 'retire':
    case 'resign':
    case 'terminate':
    case 'death': {
      const status = (
        { retire: 'retired', resign: 'resigned', terminate: 'terminated', death: 'deceased' } as const
      )[e.type];
      rec.status = status;
      rec.groups.movements.push(row(e, e.type, p));
      for (const r of rec.groups.employment)
        if (r.validTo === null && ['unit', 'title'].includes(r.kind)) r.validTo = e.effectiveDate;
      return;
    }
    case 'declare': {
      const group = p.group as GroupKey;
      const data = p.data as P;
      if (typeof p.replacesRowId === 'string') {
        const old = rec.groups[group].find((r) => r.id === p.replacesRowId);
        if (!old)
          fail(e, `Không tìm thấy dòng ${p.replacesRowId} trong nhóm ${group}`, '/payload/replacesRowId');
        if (old.validTo === null) old.validTo = e.effectiveDate;
      }
      const typed = typedDeclaration(group, p.kind as string, data);
      if (group === 'identity') {
        rec.identity = { ...rec.identity, ...typed.data };
        replace(rec, 'identity', row(e, typed.kind, typed.data));
      } else if (findRowKind(typed.kind)?.repeatable === false)
        replace(rec, group, row(e, typed.kind, typed.data));
      else rec.groups[group].push(row(e, typed.kind, typed.data));
      return;
    }
    case 'correction':
    case 'cancellation':
      return; // applied to their target before the fold
  }
}

function emptyRecord(id: string): Mutable {
  return {
    id,
    personId: '',
    fullName: '',
    birthDate: '1900-01-01',
    sex: 'M',
    ethnicCode: '',
    religionCode: '',
    identity: {},
    category: 'civil_servant',
    status: 'active',
    managingUnitId: 0,
    workingUnitId: 0,
    rankCode: null,
    salaryGroup: null,
    salaryStep: null,
    salaryCoefficient: null,
    positionTitle: null,
    jobPositionId: null,
    recruitedOn: '',
    groups: Object.fromEntries(GROUPS.map((g) => [g, []])) as unknown as Record<GroupKey, HistoryRow[]>,
    asOf: null,
    actionsApplied: 0,
  };
}

/** Entries as they count after their corrections and cancellations (known by knownAt), in valid-time order. */
export function effectiveEntries(entries: readonly LedgerEntry[], knownAt?: Date): LedgerEntry[] {
  const known = knownAt ? entries.filter((e) => e.recordedAt <= knownAt) : [...entries];
  known.sort((a, b) => a.seq - b.seq);
  const byId = new Map(known.map((e) => [e.id, { ...e }]));
  for (const e of known) {
    if (e.type !== 'correction' && e.type !== 'cancellation') continue;
    const target = byId.get(e.payload.targetActionId as number);
    if (!target) continue;
    if (e.type === 'cancellation') byId.delete(target.id);
    else {
      target.payload = { ...target.payload, ...(e.payload.payload as P) };
      if (typeof e.payload.effectiveDate === 'string') target.effectiveDate = e.payload.effectiveDate;
    }
  }
  return [...byId.values()]
    .filter((e) => e.type !== 'correction' && e.type !== 'cancellation')
    .sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq,
    );
}

/** Folds the ledger into the record. Throws INVALID_STATE when the ledger describes an impossible career. */
export function project(id: string, entries: readonly LedgerEntry[], opts: ProjectOptions = {}): ERecord {
  const rec = emptyRecord(id);
  const ordered = effectiveEntries(entries, opts.knownAt);
  const first = ordered[0];
  if (!first || first.type !== 'recruit') {
    throw new AppError('INVALID_STATE', 'Hồ sơ phải bắt đầu bằng quyết định tuyển dụng', [
      { field: '/effectiveDate', reason: 'Hành động đầu tiên theo ngày hiệu lực phải là tuyển dụng' },
    ]);
  }
  for (const e of ordered) {
    if (opts.asOf && e.effectiveDate > opts.asOf) break;
    if (
      e.type === 'recruit' &&
      rec.actionsApplied > 0 &&
      rec.status !== 'active' &&
      !TERMINAL.has(rec.status)
    ) {
      fail(e, 'Người này đang trong biên chế, không thể tuyển dụng lại', '/type');
    }
    if (e.type === 'recruit') {
      const identity = (e.payload.identity ?? {}) as P;
      rec.identity = { ...rec.identity, ...identity };
      if (!rec.recruitedOn) {
        replace(rec, 'identity', row(e, 'identity', identity, 9));
        rec.recruitedOn = e.effectiveDate;
      }
    }
    apply(rec, e, e.payload);
    rec.actionsApplied++;
  }
  const idn = rec.identity;
  rec.personId = String(idn.personId ?? '');
  rec.fullName = String(idn.fullName ?? '');
  rec.birthDate = String(idn.birthDate ?? '');
  rec.sex = idn.sex === 'F' ? 'F' : 'M';
  rec.ethnicCode = String(idn.ethnicCode ?? '');
  rec.religionCode = String(idn.religionCode ?? '');
  rec.asOf = opts.asOf ?? null;
  return rec;
}
