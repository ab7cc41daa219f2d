// Declarations recorded before the content was typed (issue 15) carry a free kind and a key/value bag.
// The ledger is never rewritten: the fold reads both shapes, mapping an old row to its typed kind and
// fields here, and keeping whatever it cannot map in the row's `notes`, so no old value is lost.
import { findRowKind } from '../../../api/record/spec.ts';
import { isDeclarationShape } from '../../../api/record/schema.ts';
import type { GroupKey } from '../../../api/record/groups.ts';
import type { CatalogRef } from '../../../api/record/fields.ts';
import { reference } from '../catalogs/index.ts';

type Data = Record<string, unknown>;

const RELATIONSHIP: Record<string, string> = {
  self: 'BT',
  father: 'CHA',
  mother: 'ME',
  wife: 'VO',
  husband: 'CHONG',
  spouse: 'VO',
  child: 'CON',
  son: 'CON',
  daughter: 'CON',
  brother: 'ANH',
  sister: 'CHI',
  sibling: 'EM',
  father_in_law: 'CHA_VC',
  mother_in_law: 'ME_VC',
};

/** Old keys that name a typed field of the kind under another name. */
const ALIASES: Record<string, Record<string, string>> = {
  member: { name: 'fullName', born: 'birthYear', job: 'occupation', work: 'workplace', residence: 'address' },
  membership: { organisation: 'organisationKind', joined: 'joinedOn', official: 'officialOn', role: 'post' },
  service: { enlisted: 'enlistedOn', discharged: 'dischargedOn', rank: 'highestRankCode', unit: 'branch' },
  health_status: { height: 'heightCm', weight: 'weightKg', blood: 'bloodType', bloodGroup: 'bloodType' },
};

const KIND_BY_GROUP: Partial<Record<GroupKey, (kind: string) => string | undefined>> = {
  family: (k) => (RELATIONSHIP[k] || k === 'member' ? 'member' : undefined),
  political: (k) =>
    ['party_member', 'party', 'youth_union', 'trade_union', 'union', 'membership'].includes(k)
      ? 'membership'
      : undefined,
  military: (k) => (['service', 'military_service', 'army'].includes(k) ? 'service' : undefined),
  health: (k) => (['health_status', 'health', 'status', 'general'].includes(k) ? 'health_status' : undefined),
  identity: () => 'identity',
  assets: (k) => (findRowKind(`asset_${k}`) ? `asset_${k}` : undefined),
  education: (k) => (['general', 'general_education'].includes(k) ? 'general_education' : undefined),
};

const ORG_KIND: Record<string, string> = {
  party_member: 'DANG',
  party: 'DANG',
  youth_union: 'DOAN',
  trade_union: 'CONGDOAN',
};
const HEALTH: Record<string, string> = { tốt: 'good', khá: 'fair', 'trung bình': 'average', yếu: 'poor' };

/** A catalog code given as a code or by its Vietnamese name. */
function codeOf(catalog: CatalogRef, v: unknown): string | undefined {
  const items = reference().catalogs[catalog];
  const s = String(v).trim();
  return (
    items.find((e) => e.code === s)?.code ?? items.find((e) => e.name.toLowerCase() === s.toLowerCase())?.code
  );
}

function convert(kind: string, key: string, v: unknown): unknown {
  const f = findRowKind(kind)?.fields.find((x) => x.key === key);
  if (!f) return undefined;
  if (f.type === 'code' && f.catalog) return codeOf(f.catalog, v);
  if (f.type === 'enum') {
    const s = String(v);
    if (kind === 'health_status' && HEALTH[s.toLowerCase()]) return HEALTH[s.toLowerCase()];
    return f.options?.find((o) => o.value === s || o.label.toLowerCase() === s.toLowerCase())?.value;
  }
  if (f.type === 'year' || f.type === 'integer' || f.type === 'money')
    return Number.isInteger(Number(v)) && v !== '' && v !== null ? Number(v) : undefined;
  if (f.type === 'number')
    return Number.isFinite(Number(v)) && v !== '' && v !== null ? Number(v) : undefined;
  if (f.type === 'boolean') return typeof v === 'boolean' ? v : undefined;
  if (f.type === 'date') return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function fmt(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/**
 * The typed kind and data of a declared row. A row already in a typed kind passes as it is; an old one
 * is mapped field by field, and what has no typed place goes to `notes` ("key: value; …").
 */
export function typedDeclaration(group: GroupKey, kind: string, data: Data): { kind: string; data: Data } {
  // A state-secret row is sealed at rest; it is read as it was declared once opened.
  if (Object.keys(data).length === 1 && typeof data.enc === 'string') return { kind, data };
  const spec = findRowKind(kind);
  const typed = spec?.group === group ? spec : undefined;
  if (typed && isDeclarationShape(typed, data)) return { kind, data };
  // An old row under a kind name the typed content kept ("service") is mapped like any other.
  const target = typed ? kind : KIND_BY_GROUP[group]?.(kind);
  if (!target) return { kind: `legacy_${group}`, data: { notes: notesOf(kind, Object.entries(data), true) } };
  const out: Data = {};
  const left: [string, unknown][] = [];
  if (target === 'member' && RELATIONSHIP[kind]) out.relationship = RELATIONSHIP[kind];
  if (target === 'membership' && ORG_KIND[kind]) out.organisationKind = ORG_KIND[kind];
  for (const [k, v] of Object.entries(data)) {
    if (v === null || v === undefined || v === '') continue;
    const key = ALIASES[target]?.[k] ?? k;
    const typed = key === 'notes' ? undefined : convert(target, key, v);
    if (typed !== undefined && out[key] === undefined) out[key] = typed;
    else left.push([k, v]);
  }
  // The old kind is said in the typed fields when it named the relation or the organisation.
  const said = kind === target || RELATIONSHIP[kind] !== undefined || ORG_KIND[kind] !== undefined;
  const notes = notesOf(said ? '' : kind, left, false);
  if (notes) out.notes = notes;
  return { kind: target, data: out };
}

function notesOf(kind: string, left: [string, unknown][], keepKind: boolean): string {
  const parts = left.map(([k, v]) => `${k}: ${fmt(v)}`);
  if (!keepKind && parts.length === 0) return '';
  return [...(kind ? [`(${kind})`] : []), ...parts].join('; ');
}
