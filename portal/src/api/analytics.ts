// Calls of the workforce analytics API (/api/v1/analytics/…): tables on any date, the people behind a
// cell, and the same tables (and the standard report) as files: a file is a plain GET link, so the
// browser downloads it with the session cookie.
import type { Static } from 'typebox';
import type {
  Headcount as HeadcountSchema,
  PeoplePage as PeopleSchema,
  Forecast as ForecastSchema,
  QuotaReport as QuotaSchema,
  Quality as QualitySchema,
  DIMENSION_NAMES,
} from '../../../api/analytics.ts';
import { get, withQuery } from './client.ts';

const A = '/api/v1/analytics';

export type Dimension = (typeof DIMENSION_NAMES)[number];
export type HeadcountTable = Static<typeof HeadcountSchema>;
export type PeoplePage = Static<typeof PeopleSchema>;
export type ForecastReport = Static<typeof ForecastSchema>;
export type QuotaReport = Static<typeof QuotaSchema>;
export type QualityReport = Static<typeof QualitySchema>;
/** The filters the people list takes (the cell that was clicked). */
export type DrillFilter = Partial<
  Record<
    | 'category'
    | 'sex'
    | 'ageBand'
    | 'salaryGroup'
    | 'rankCode'
    | 'educationLevel'
    | 'province'
    | 'politicalTheory'
    | 'party'
    | 'leadership',
    string
  >
>;
type Q = Record<string, string | number | boolean | undefined>;

export const analytics = {
  headcount: (q: { unitId?: number; asOf?: string; rows: Dimension; cols?: Dimension }) =>
    get<HeadcountTable>(`${A}/headcount`, q),
  people: (q: { unitId?: number; asOf?: string } & DrillFilter) =>
    get<PeoplePage>(`${A}/people`, { ...q, limit: 500 }),
  forecast: (unitId?: number) => get<ForecastReport>(`${A}/forecast`, { unitId, months: 12 }),
  quota: (unitId?: number) => get<QuotaReport>(`${A}/quota`, { unitId }),
  quality: (unitId?: number, list = false) =>
    get<QualityReport>(`${A}/quality`, { unitId, ...(list ? { list: true } : {}) }),
  /** The link that downloads a table (format=xlsx) or the report (xlsx / pdf). */
  fileUrl: (table: string, q: Q) => withQuery(`${A}/${table}`, q),
};
