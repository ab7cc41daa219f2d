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
  /** Party membership on the span's dates: member, probationary (dự bị) or none. */
  partyStatus: PartyStatus;
  /** The leadership post held (leadership-positions catalog code), if any. */
  leadershipCode: string | null;
}

export type PartyStatus = 'member' | 'probationary' | 'none';

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

/** A level's rank in its catalog (higher is more advanced), cached per catalog list: a node that
 * takes another version of the catalogs gets new lists, hence new ranks. */
const ranks = new WeakMap<object, Map<string, number>>();
function levelRank(catalog: 'education-levels' | 'political-theory-levels', code: string): number {
  const items = reference().catalogs[catalog];
  let m = ranks.get(items);
  if (!m) ranks.set(items, (m = new Map(items.map((e, i) => [e.code, Number(e.rank ?? i)]))));
  return m.get(code) ?? -1;
}
const higher = (catalog: 'education-levels' | 'political-theory-levels', a: string | null, b: string) =>
  a === null || levelRank(catalog, b) > levelRank(catalog, a) ? b : a;

/** Highest professional (education) level, highest political-theory level and the latest
 * state-management level held on the record. */
function degrees(rec: ERecord): Pick<SpanState, 'educationLevel' | 'politicalTheory' | 'stateManagement'> {
  let educationLevel: string | null = null;
  let politicalTheory: string | null = null;
  let stateManagement: string | null = null;
  for (const r of rec.groups.education) {
    if (r.kind !== 'degree') continue;
    const level = typeof r.data.levelCode === 'string' ? r.data.levelCode : null;
    if (!level) continue;
    if (r.data.kind === 'political_theory')
      politicalTheory = higher('political-theory-levels', politicalTheory, level);
    else if (r.data.kind === 'state_management') stateManagement = level;
    else if (r.data.kind === 'education' || r.data.kind === 'professional')
      educationLevel = higher('education-levels', educationLevel, level);
  }
  return { educationLevel, politicalTheory, stateManagement };
}

const partyKinds = new WeakMap<object, ReadonlySet<string>>();
/** Whether the organisation kind is the Party (flagged `party` in its catalog). */
function isParty(code: unknown): boolean {
  const items = reference().catalogs['organisation-kinds'];
  let set = partyKinds.get(items);
  if (!set) partyKinds.set(items, (set = new Set(items.filter((k) => k.party === true).map((k) => k.code))));
  return typeof code === 'string' && set.has(code);
}

/** The Party membership rows open in this state of the record. */
function partyRows(rec: ERecord, on: string): Record<string, unknown>[] {
  return rec.groups.political
    .filter((r) => r.kind === 'membership' && (r.validTo === null || r.validTo > on))
    .map((r) => r.data)
    .filter((d) => isParty(d.organisationKind));
}

const dateOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** On a date, from the typed membership row: official from its official date, probationary (đảng
 * viên dự bị) from admission until then, nobody after leaving. */
function partyStatusOn(rec: ERecord, on: string): PartyStatus {
  let best: PartyStatus = 'none';
  for (const d of partyRows(rec, on)) {
    const [joined, official, left] = [dateOf(d.joinedOn), dateOf(d.officialOn), dateOf(d.leftOn)];
    if (left !== null && left <= on) continue;
    if (official !== null && official <= on) return 'member';
    if (joined !== null && joined <= on) best = 'probationary';
  }
  return best;
}

/** The dates inside membership rows on which the Party status may change between ledger dates. */
function partyDates(rec: ERecord): string[] {
  const out: string[] = [];
  for (const r of rec.groups.political) {
    if (r.kind !== 'membership' || !isParty(r.data.organisationKind)) continue;
    for (const k of ['joinedOn', 'officialOn', 'leftOn']) {
      const d = dateOf(r.data[k]);
      if (d !== null) out.push(d);
    }
  }
  return out;
}

/** The leadership post of the open `leadership` row (a new declaration replaces the old one). */
function leadershipOf(rec: ERecord, on: string): string | null {
  const row = rec.groups.employment.find(
    (r) => r.kind === 'leadership' && (r.validTo === null || r.validTo > on),
  );
  return typeof row?.data.positionCode === 'string' ? row.data.positionCode : null;
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
    partyStatus: partyStatusOn(rec, on),
    leadershipCode: leadershipOf(rec, on),
  };
}

/** Whether the span's state equals the new one. The keys are the state's: a span's own validFrom
 * differs from every new date, so comparing by the span's keys never merged anything. */
const sameState = (span: Span, state: SpanState): boolean =>
  (Object.keys(state) as (keyof SpanState)[]).every((k) => span[k] === state[k]);

/** The spans and movements of one person's ledger (as known now). Cut at every effective date, and
 * also at the dates inside Party membership rows (admission, official date, leaving): a probationary
 * member becomes official a year later without any new ledger row. The Party dates are those of rows
 * the record holds on each date, so a past date reads the membership as `?asOf=` shows it. */
export function cutSpans(
  id: string,
  entries: readonly LedgerEntry[],
): { spans: Span[]; movements: Movement[] } {
  const ordered = effectiveEntries(entries);
  const dates = [...new Set(ordered.map((e) => e.effectiveDate))];
  const records = dates.map((d) => project(id, entries, { asOf: d }));
  const last = records[records.length - 1];
  const first = dates[0];
  const cuts = [
    ...new Set([...dates, ...(last && first ? partyDates(last).filter((d) => d > first) : [])]),
  ].sort();
  const spans: Span[] = [];
  const stateOn = new Map<string, SpanState>();
  let previous: SpanState | undefined;
  let at = 0;
  for (const d of cuts) {
    // The record on d is the fold up to the last effective date not after d.
    while (at + 1 < dates.length && dates[at + 1]! <= d) at++;
    const state = stateOf(records[at]!, previous, d);
    stateOn.set(d, state);
    const span = spans[spans.length - 1];
    if (span && sameState(span, state)) {
      previous = state;
      continue;
    }
    if (span) span.validTo = d;
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
