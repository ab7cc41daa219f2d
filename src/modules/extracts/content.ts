// The extract's content: one JSON document that is both the JSON extract (signed as is) and the source
// of the PDF layout, so the two always say the same thing.
import { GROUPS, GROUP_LABELS, type ERecord, type GroupKey } from '../../../api/employees.ts';
import { displayRow, kindLabel, type DisplayedField, type Lookups } from '../../../api/record/display.ts';
import { CATEGORY_LABELS } from '../../../api/actions.ts';
import { reference } from '../catalogs/index.ts';

export interface ExtractRow {
  validFrom: string;
  validTo: string | null;
  kind: string;
  /** The kind as a person reads it ("Thành viên gia đình"). */
  label: string;
  decisionNo: string | null;
  data: Record<string, unknown>;
  /** The row's fields as a person reads them: labels, names for codes and units, dd/mm/yyyy. */
  fields: DisplayedField[];
}

export interface ExtractContent {
  type: 'hoso.extract';
  version: 2;
  number: string;
  code: string;
  verifyUrl: string;
  issuedAt: string;
  issuingUnit: { id: number; name: string };
  issuedBy: string;
  person: {
    id: string;
    personId: string;
    fullName: string;
    birthDate: string;
    sex: 'M' | 'F';
    category: string;
    categoryLabel: string;
    status: string;
    rankCode: string | null;
    /** The rank's or professional title's name. */
    rankName: string | null;
    salaryStep: number | null;
    salaryCoefficient: number | null;
    positionTitle: string | null;
    workingUnit: string;
    managingUnit: string;
    recruitedOn: string;
    /** The identity as it stands (every declaration merged), as a person reads it. */
    identity: DisplayedField[];
    /** A data: URL of the photo, when the record has one (identity.photo). */
    photo: string | null;
  };
  groups: { key: GroupKey; label: string; masked: boolean; rows: ExtractRow[] }[];
  /** Parts withheld from the requester (their rights), as the record read reported them. */
  masked: string[];
  /** The same, as a person reads them ("Quan hệ gia đình", "Tham gia lực lượng vũ trang (thông tin mật)"). */
  maskedLabels: string[];
  signers: { person: string; agency: string };
}

export type ExtractRecord = ERecord & { unitNames: Record<string, string> };

const PHOTO = /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/;

export function buildContent(
  record: ExtractRecord,
  meta: Omit<ExtractContent, 'type' | 'version' | 'person' | 'groups' | 'masked' | 'maskedLabels'>,
): ExtractContent {
  const masked = record.masked ?? [];
  const photo = record.identity.photo;
  const look = lookups(record);
  const rank = record.rankCode ? reference().ranks.get(record.rankCode) : undefined;
  return {
    type: 'hoso.extract',
    version: 2,
    ...meta,
    person: {
      id: record.id,
      personId: record.personId,
      fullName: record.fullName,
      birthDate: record.birthDate,
      sex: record.sex,
      category: record.category,
      categoryLabel: CATEGORY_LABELS[record.category],
      status: record.status,
      rankCode: record.rankCode,
      rankName: rank?.name ?? null,
      salaryStep: record.salaryStep,
      salaryCoefficient: record.salaryCoefficient,
      positionTitle: record.positionTitle,
      workingUnit: record.unitNames[String(record.workingUnitId)] ?? String(record.workingUnitId),
      managingUnit: record.unitNames[String(record.managingUnitId)] ?? String(record.managingUnitId),
      recruitedOn: record.recruitedOn,
      identity: displayRow('identity', record.identity, look),
      photo: typeof photo === 'string' && PHOTO.test(photo) ? photo : null,
    },
    groups: GROUPS.map((key) => ({
      key,
      label: GROUP_LABELS[key],
      masked: masked.includes(key),
      rows: record.groups[key].map((r) => ({
        validFrom: r.validFrom,
        validTo: r.validTo,
        kind: r.kind,
        label: kindLabel(r.kind),
        decisionNo: r.decisionNo,
        data: r.data,
        fields: r.data.secret === true ? [] : displayRow(r.kind, r.data, look),
      })),
    })),
    masked,
    maskedLabels: masked.map(maskedLabel),
  };
}

/** Names for codes (catalogs) and units (as the record read named them) in the extract. */
function lookups(record: ExtractRecord): Lookups {
  const names = reference().names;
  return {
    catalogName: (c, code) => names[c as keyof typeof names]?.get(code),
    unitName: (id) => record.unitNames[String(id)],
  };
}

const FIELD_LABELS: Record<string, string> = {
  ethnicCode: 'dân tộc',
  religionCode: 'tôn giáo',
};

/** "family" → "2. Quan hệ gia đình"; "military:secret" → "… (thông tin mật)"; "identity:ethnicCode" → "… dân tộc". */
export function maskedLabel(m: string): string {
  if (FIELD_LABELS[m]) return `Thông tin định danh: ${FIELD_LABELS[m]}`;
  const [group, part] = m.split(':');
  const label = GROUP_LABELS[group as GroupKey] ?? 'Thông tin khác';
  if (!part) return label;
  if (part === 'secret') return `${label} (thông tin mật)`;
  return `${label}: ${FIELD_LABELS[part] ?? 'một số trường'}`;
}

/** The JSON extract's exact bytes: what the detached CMS signs and the registry hashes. */
export function contentBytes(c: ExtractContent): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(c, null, 2)}\n`);
}
