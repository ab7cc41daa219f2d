// Cuts a person's ledger into spans of valid time with one analysed state each, and lists the
// personnel events with the unit before and after. Built on the same fold as the e-record, so the
// analytics of any past date agree with `GET /employees/:id?asOf=` for every person.
import type { ERecord } from '../../../api/employees.ts';
import { effectiveEntries, project, type LedgerEntry } from '../employees/index.ts';
import { reference } from '../catalogs/index.ts';

export interface SpanState {
  status: string;
  category: string;
  managingUnitId: number;
  workingUnitId: number;
  sex: string;
  birthDate: string;
  ethnicCode: string;
  religionCode: string;
  rankCode: string | null;
  salaryGroup: string | null;
  salaryStep: number | null;
  stepSince: string | null;
  positionTitle: string | null;
  jobPositionId: number | null;
  educationLevel: string | null;
  politicalTheory: string | null;
  stateManagement: string | null;
}

export interface Span extends SpanState {
  validFrom: string;
  validTo: string | null;
}

export interface Movement {
  actionId: number;
  type: string;
  effectiveDate: string;
  category: string;
  fromUnitId: number | null;
  toUnitId: number | null;
}

/** Personnel events counted as movements (issue 5 §3); the rest of the ledger changes no count. */
export const MOVEMENT_TYPES = new Set([
  'recruit',
  'transfer',
  'second',
  'rotate',
  'appoint',
  'rank_change',
  'discipline',
  'retire',
  'resign',
  'terminate',
  'death',
]);
const LEAVING = new Set(['retire', 'resign', 'terminate', 'death']);

let educationRank: Map<string, number> | undefined;
function eduRank(code: string): number {
  educationRank ??= new Map(
    reference().catalogs['education-levels'].map((e, i) => [e.code, Number(e.rank ?? i)]),
  );
  return educationRank.get(code) ?? -1;
}

/** Highest education level, latest political-theory and state-management levels held on the record. */
function degrees(rec: ERecord): Pick<SpanState, 'educationLevel' | 'politicalTheory' | 'stateManagement'> {
  let educationLevel: string | null = null;
  let politicalTheory: string | null = null;
  let stateManagement: string | null = null;
  for (const r of rec.groups.education) {
    if (r.kind !== 'degree') continue;
    const level = typeof r.data.levelCode === 'string' ? r.data.levelCode : null;
    if (!level) continue;
    if (r.data.kind === 'political_theory') politicalTheory = level;
    else if (r.data.kind === 'state_management') stateManagement = level;
    else if (r.data.kind === 'education' || r.data.kind === 'professional') {
      if (educationLevel === null || eduRank(level) > eduRank(educationLevel)) educationLevel = level;
    }
  }
  return { educationLevel, politicalTheory, stateManagement };
}

function stateOf(rec: ERecord, previous: SpanState | undefined, on: string): SpanState {
  const sameStep = previous && previous.rankCode === rec.rankCode && previous.salaryStep === rec.salaryStep;
  return {
    status: rec.status,
    category: rec.category,
    managingUnitId: rec.managingUnitId,
    workingUnitId: rec.workingUnitId,
    sex: rec.sex,
    birthDate: rec.birthDate,
    ethnicCode: rec.ethnicCode,
    religionCode: rec.religionCode,
    rankCode: rec.rankCode,
    salaryGroup: rec.salaryGroup,
    salaryStep: rec.salaryStep,
    stepSince: rec.salaryStep === null ? null : sameStep ? previous.stepSince : on,
    positionTitle: rec.positionTitle,
    jobPositionId: rec.jobPositionId,
    ...degrees(rec),
  };
}

const sameState = (a: SpanState, b: SpanState): boolean =>
  (Object.keys(a) as (keyof SpanState)[]).every((k) => a[k] === b[k]);

/** The spans and movements of one person's ledger (as known now). */
export function cutSpans(
  id: string,
  entries: readonly LedgerEntry[],
): { spans: Span[]; movements: Movement[] } {
  const ordered = effectiveEntries(entries);
  const dates = [...new Set(ordered.map((e) => e.effectiveDate))];
  const spans: Span[] = [];
  const stateOn = new Map<string, SpanState>();
  let previous: SpanState | undefined;
  for (const d of dates) {
    const state = stateOf(project(id, entries, { asOf: d }), previous, d);
    stateOn.set(d, state);
    const last = spans[spans.length - 1];
    if (last && sameState(last, state)) {
      previous = state;
      continue;
    }
    if (last) last.validTo = d;
    spans.push({ ...state, validFrom: d, validTo: null });
    previous = state;
  }
  const movements: Movement[] = [];
  let before: SpanState | undefined;
  for (const d of dates) {
    const after = stateOn.get(d)!;
    for (const e of ordered) {
      if (e.effectiveDate !== d || !MOVEMENT_TYPES.has(e.type)) continue;
      movements.push({
        actionId: e.id,
        type: e.type,
        effectiveDate: d,
        category: (LEAVING.has(e.type) ? before : after)?.category ?? after.category,
        fromUnitId: e.type === 'recruit' ? null : (before?.workingUnitId ?? null),
        toUnitId: LEAVING.has(e.type) ? null : after.workingUnitId,
      });
    }
    before = after;
  }
  return { spans, movements };
}
