// TypeBox schemas built from the content spec: the data of each row kind, the `declare` payload per kind,
// and the JSON Schema of the whole record's content that `GET /api/v1/schemas/e-record` publishes.
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { GROUPS, GROUP_LABELS, GROUP_LABELS_EN } from './groups.ts';
import { findRowKind, NOTES_FIELD, ROW_KINDS } from './spec.ts';
import type { FieldSpec, RowKindSpec } from './fields.ts';

const TEXT_MAX = 300;
const LONGTEXT_MAX = 2000;
const PHOTO = '^data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+$';

function describe(f: FieldSpec): { title: string; description: string } {
  return { title: f.label, description: f.labelEn };
}

/** The JSON Schema of one field's value. */
export function fieldSchema(f: FieldSpec): TSchema {
  const d = describe(f);
  switch (f.type) {
    case 'text':
    case 'longtext': {
      const max = f.maxLength ?? (f.type === 'text' ? TEXT_MAX : LONGTEXT_MAX);
      return Type.String({
        ...d,
        minLength: 1,
        maxLength: max,
        ...(f.pattern ? { pattern: f.pattern } : {}),
      });
    }
    case 'date':
      return Type.String({ ...d, format: 'date' });
    case 'year':
      return Type.Integer({ ...d, minimum: f.min ?? 1900, maximum: f.max ?? 2200 });
    case 'integer':
    case 'money':
      return Type.Integer({
        ...d,
        ...(f.min !== undefined ? { minimum: f.min } : {}),
        ...(f.max !== undefined ? { maximum: f.max } : {}),
      });
    case 'number':
      return Type.Number({
        ...d,
        ...(f.min !== undefined ? { minimum: f.min } : {}),
        ...(f.max !== undefined ? { maximum: f.max } : {}),
      });
    case 'boolean':
      return Type.Boolean(d);
    case 'code':
      return Type.String({ ...d, minLength: 1, maxLength: 40 });
    case 'rank':
      return Type.String({
        ...d,
        minLength: 1,
        maxLength: 20,
      });
    case 'enum':
      return Type.Enum(
        (f.options ?? []).map((o) => o.value),
        d,
      );
    case 'unit':
      return Type.Integer({ ...d, minimum: 1 });
    case 'photo':
      return Type.String({ ...d, pattern: PHOTO, maxLength: 2_000_000 });
  }
}

/** The data object of a row kind. `partial` makes every field optional (an identity update). */
export function kindSchema(k: RowKindSpec, partial = false, withDerived = false): TSchema {
  const props: Record<string, TSchema> = {};
  for (const f of [...k.fields, NOTES_FIELD]) {
    if (f.derived && !withDerived) continue;
    const s = fieldSchema(f);
    props[f.key] = f.required && !partial ? s : Type.Optional(s);
  }
  return Type.Object(props, {
    additionalProperties: false,
    title: k.label,
    description: k.labelEn,
    ...(partial ? { minProperties: 1 } : {}),
  });
}

const DATA_SCHEMAS = new Map<string, TSchema>();
/** The schema a declaration of this kind must satisfy (identity updates may name a few fields only). */
export function declarationSchema(k: RowKindSpec): TSchema {
  const key = k.kind;
  let s = DATA_SCHEMAS.get(key);
  if (!s) {
    s = kindSchema(k, k.kind === 'identity');
    DATA_SCHEMAS.set(key, s);
  }
  return s;
}

/** A kind's data schema with what JSON Schema cannot say: the catalog a code comes from, enum labels. */
function annotated(k: RowKindSpec): Record<string, unknown> {
  const s = structuredClone(kindSchema(k, false, true)) as {
    properties: Record<string, Record<string, unknown>>;
  };
  for (const f of k.fields) {
    const p = s.properties[f.key];
    if (!p) continue;
    if (f.catalog) p['x-catalog'] = f.catalog;
    if (f.type === 'rank') p['x-catalog'] = ['civil-servant-ranks', 'professional-titles'];
    if (f.type === 'unit') p['x-ref'] = 'org-unit';
    if (f.options) p['x-labels'] = Object.fromEntries(f.options.map((o) => [o.value, o.label]));
    if (f.sensitive) p['x-sensitive'] = true;
  }
  return s;
}

const CHECKS = new Map<string, (data: unknown) => boolean>();
/**
 * Whether data already has the declaration shape of its kind: compiled once per kind, since the fold
 * asks it of every declared row it replays (old shapes are mapped, typed ones pass as they are).
 */
export function isDeclarationShape(k: RowKindSpec, data: unknown): boolean {
  let check = CHECKS.get(k.kind);
  if (!check) {
    const compiled = Compile(declarationSchema(k));
    check = (d) => compiled.Check(d);
    CHECKS.set(k.kind, check);
  }
  return check(data);
}

/** The published JSON Schema of the record's content: the groups, each with its row kinds. */
export function recordContentSchema(): Record<string, unknown> {
  const groups: Record<string, unknown> = {};
  for (const g of GROUPS) {
    const kinds = ROW_KINDS.filter((k) => k.group === g);
    groups[g] = {
      title: GROUP_LABELS[g],
      description: GROUP_LABELS_EN[g],
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'validFrom', 'data'],
        properties: {
          kind: { enum: kinds.map((k) => k.kind) },
          validFrom: { type: 'string', format: 'date' },
          validTo: { type: ['string', 'null'], format: 'date' },
        },
        oneOf: kinds.map((k) => ({
          title: k.label,
          properties: { kind: { const: k.kind }, data: annotated(k) },
          'x-declarable': k.declarable,
          'x-self-service': k.selfService ?? false,
          'x-repeatable': k.repeatable,
          'x-sensitive': k.sensitive ?? false,
          'x-rules': k.rules ?? [],
        })),
      },
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:hoso:e-record:content:1',
    title: 'Hồ sơ điện tử cán bộ, công chức, viên chức — nội dung (Nghị định 27/2026/NĐ-CP)',
    description: 'The content of an e-record: the ten groups of Decree 27, each a dated list of typed rows.',
    type: 'object',
    properties: groups,
  };
}

/** The schema of one identity field, for the recruitment payload that spells the identity out. */
export function identityField(key: string): TSchema {
  const f = findRowKind('identity')!.fields.find((x) => x.key === key);
  if (!f) throw new Error(`no identity field ${key}`);
  return fieldSchema(f);
}
