// Completeness of the e-record per field ("đủ", issue 15 item 5): the fields the content schema flags
// requiredForCompleteness (api/record/spec.ts) and, in SQL over the stored projection, which of them a
// person's record lacks. The list comes from the spec, so a field flagged there is counted here.
import { sql, type RawBuilder } from 'kysely';
import { ROW_KINDS } from '../../../api/record/spec.ts';
import { GROUP_LABELS, GROUP_LABELS_EN, type GroupKey } from '../../../api/record/groups.ts';

export interface CompletenessField {
  /** `<row kind>.<field key>`, stable across versions. */
  key: string;
  group: GroupKey;
  kind: string;
  field: string;
  groupLabel: string;
  label: string;
  labelEn: string;
  groupLabelEn: string;
}

/** The fields counted, in the order of the CV form (the spec's order). */
export const COMPLETENESS_FIELDS: readonly CompletenessField[] = ROW_KINDS.flatMap((k) =>
  k.fields
    .filter((f) => f.requiredForCompleteness === true)
    .map((f) => ({
      key: `${k.kind}.${f.key}`,
      group: k.group,
      kind: k.kind,
      field: f.key,
      groupLabel: GROUP_LABELS[k.group],
      groupLabelEn: GROUP_LABELS_EN[k.group],
      label: f.label,
      labelEn: f.labelEn,
    })),
);

const BY_KEY = new Map(COMPLETENESS_FIELDS.map((f) => [f.key, f]));
export const completenessField = (key: string): CompletenessField | undefined => BY_KEY.get(key);

/** Whether the record (alias e, column record) lacks the field. Identity fields are read from the
 * record's merged identity; other kinds from their open row (validTo null). A state-secret row is
 * sealed ({enc}) and counts as filled: its content exists, this reader just may not see it. */
function missing(f: CompletenessField): RawBuilder<boolean> {
  if (f.kind === 'identity')
    return sql<boolean>`NULLIF(btrim(e.record->'identity'->>${f.field}::text), '') IS NULL`;
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(e.record->'groups'->${f.group}::text) r
    WHERE r->>'kind' = ${f.kind}::text AND r->>'validTo' IS NULL
      AND (NULLIF(btrim(r->'data'->>${f.field}::text), '') IS NOT NULL OR r->'data' ? 'enc'))`;
}

/** The keys of the fields the record lacks, as a text[] column (empty when complete). */
export function missingFields(): RawBuilder<string[]> {
  const items = COMPLETENESS_FIELDS.map((f) => sql`CASE WHEN ${missing(f)} THEN ${f.key}::text END`);
  return sql<string[]>`array_remove(ARRAY[${sql.join(items)}]::text[], NULL)`;
}
