// The vocabulary of the e-record's content schema: a row kind is a list of typed fields. This file and
// spec.ts are plain data (no TypeBox), so the portal imports them as they are: one source for the
// server's validation, the stored shape, the portal's forms, the XLSX columns and the extract's labels.
import type { GroupKey } from './groups.ts';

/** Catalogs a coded field may name (files in data/catalogs/). */
export type CatalogRef =
  | 'provinces'
  | 'ethnic-groups'
  | 'religions'
  | 'civil-servant-ranks'
  | 'professional-titles'
  | 'education-levels'
  | 'political-theory-levels'
  | 'state-management-levels'
  | 'family-relationships'
  | 'organisation-kinds'
  | 'military-ranks'
  | 'awarded-titles'
  | 'war-invalid-grades'
  | 'policy-families'
  | 'blood-groups'
  | 'leadership-positions';

export type FieldType =
  | 'text' // one line
  | 'longtext' // a paragraph
  | 'date' // YYYY-MM-DD
  | 'year'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'code' // a catalog code (catalog)
  | 'enum' // one of options
  | 'unit' // an org unit id, shown by its name on the date
  | 'rank' // a civil-servant rank or a public employee's professional title, shown by its name
  | 'money' // whole đồng
  | 'photo'; // data: URL of a JPEG/PNG portrait

export interface Option {
  value: string;
  label: string;
  labelEn: string;
}

export interface FieldSpec {
  key: string;
  label: string;
  labelEn: string;
  type: FieldType;
  catalog?: CatalogRef;
  options?: readonly Option[];
  required?: boolean;
  /** Personal data of the sensitive kind (Law 91/2025): masked unless the reader may see it. */
  sensitive?: boolean;
  /** A date that may lie after today (a planned end, a term). Others may not. */
  future?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  /** What the pattern means, in Vietnamese, for the error message. */
  patternHint?: string;
  /** Written in capitals on the CV form (the birth name). */
  upper?: boolean;
  /** Filled by the fold, not by the person or the officer (e.g. a rank's name beside its code). */
  derived?: boolean;
  /** A text code whose catalog depends on another field of the row (a degree's level by its kind). */
  catalogBy?: { field: string; catalogs: Readonly<Record<string, CatalogRef>> };
  /** Kept in the data but not printed: another field shows it (a rank's name beside its code). */
  hidden?: boolean;
  /** Counted in the data-quality completeness of the record ("đủ"). */
  requiredForCompleteness?: boolean;
}

export interface RowKindSpec {
  /** The row's `kind` in the projection; unique across groups. */
  kind: string;
  group: GroupKey;
  label: string;
  labelEn: string;
  fields: readonly FieldSpec[];
  /** Written by a declaration (`declare` action); otherwise produced by the named HR actions. */
  declarable: boolean;
  /** The person may declare it through self-service (Decree 27 Art. 19: personal data). */
  selfService?: boolean;
  /** Several rows may be open at once (children, memberships); otherwise a new row closes the old one. */
  repeatable: boolean;
  /** The whole row is sensitive personal data. */
  sensitive?: boolean;
  /** The rules between fields this kind obeys (names of CROSS_RULES in rules.ts), for the docs. */
  rules?: readonly string[];
}

export const opt = (value: string, label: string, labelEn: string): Option => ({ value, label, labelEn });

type Extra = Omit<FieldSpec, 'key' | 'label' | 'labelEn' | 'type'>;
const f =
  (type: FieldType) =>
  (key: string, label: string, labelEn: string, extra: Extra = {}): FieldSpec => ({
    key,
    label,
    labelEn,
    type,
    ...extra,
  });

export const text = f('text');
export const longtext = f('longtext');
export const date = f('date');
export const year = f('year');
export const integer = f('integer');
export const number = f('number');
export const boolean = f('boolean');
export const unit = f('unit');
export const rank = f('rank');
export const money = f('money');
export const photo = f('photo');
export const code = (key: string, label: string, labelEn: string, catalog: CatalogRef, extra: Extra = {}) =>
  f('code')(key, label, labelEn, { ...extra, catalog });
export const choice = (
  key: string,
  label: string,
  labelEn: string,
  options: readonly Option[],
  extra: Extra = {},
) => f('enum')(key, label, labelEn, { ...extra, options });
