// The facts of one synthetic person that every part of their demo record is drawn from, and the date
// arithmetic the generators share. Dates are ISO strings (YYYY-MM-DD), compared as strings.
import type { ActionType, Category } from '../../api/actions.ts';
import type { DemoUnit } from './org-tree.ts';

/** A ledger entry before its decision is filled in (the factory signs it in the unit's name). */
export interface Fact {
  type: ActionType;
  effectiveDate: string;
  payload: Record<string, unknown>;
  /** Whether HR cites a decision for it (appointments, allowances, rewards…). */
  withDecision?: boolean;
}

export interface Life {
  r: () => number;
  serial: number;
  sex: 'M' | 'F';
  fullName: string;
  surname: string;
  birthDate: string;
  birthYear: number;
  /** The old (pre-2025) province code where the birth was registered. */
  birthProvince: string;
  recruit: string;
  /** The first declaration, a few days after recruitment. */
  declared: string;
  /** Retirement or today, whichever comes first. */
  end: string;
  today: string;
  category: Category;
  unit: DemoUnit;
  rankCode: string;
  /** The leadership post held (catalog code) and from when, for a share of people. */
  leader: { code: string; from: string } | null;
  transferOn: string | null;
  /** One person in 500 (the first among them) fills every group: the demo's show record. */
  showcase: boolean;
  /** The permanent address (from the identity), where the family home stands. */
  address: string;
}

const DAY = 86_400_000;
export const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, n: number): string => iso(ms(d) + n * DAY);
export const addYears = (d: string, y: number): string =>
  `${Number(d.slice(0, 4)) + y}${d.slice(4)}`.replace('-02-29', '-02-28');
export const between = (r: () => number, from: string, to: string): string =>
  iso(ms(from) + Math.floor(r() * Math.max(1, ms(to) - ms(from))));
export const yearOf = (d: string): number => Number(d.slice(0, 4));
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** A declaration of one typed row (group and kind as in api/record/spec.ts). */
export const declare = (group: string, kind: string, on: string, data: Record<string, unknown>): Fact => ({
  type: 'declare',
  effectiveDate: on,
  payload: { group, kind, data },
});
