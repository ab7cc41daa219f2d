// The extract's content: one JSON document that is both the JSON extract (signed as is) and the source
// of the PDF layout, so the two always say the same thing.
import { GROUPS, GROUP_LABELS, type ERecord, type GroupKey } from '../../../api/employees.ts';

export interface ExtractRow {
  validFrom: string;
  validTo: string | null;
  kind: string;
  decisionNo: string | null;
  data: Record<string, unknown>;
}

export interface ExtractContent {
  type: 'hoso.extract';
  version: 1;
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
    status: string;
    rankCode: string | null;
    salaryStep: number | null;
    salaryCoefficient: number | null;
    positionTitle: string | null;
    workingUnit: string;
    managingUnit: string;
    recruitedOn: string;
    /** A data: URL of the photo, when the record has one (identity.photo). */
    photo: string | null;
  };
  groups: { key: GroupKey; label: string; masked: boolean; rows: ExtractRow[] }[];
  /** Parts withheld from the requester (their rights), as the record read reported them. */
  masked: string[];
  signers: { person: string; agency: string };
}

export type ExtractRecord = ERecord & { unitNames: Record<string, string> };

const PHOTO = /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/;

export function buildContent(
  record: ExtractRecord,
  meta: Omit<ExtractContent, 'type' | 'version' | 'person' | 'groups' | 'masked'>,
): ExtractContent {
  const masked = record.masked ?? [];
  const photo = record.identity.photo;
  return {
    type: 'hoso.extract',
    version: 1,
    ...meta,
    person: {
      id: record.id,
      personId: record.personId,
      fullName: record.fullName,
      birthDate: record.birthDate,
      sex: record.sex,
      category: record.category,
      status: record.status,
      rankCode: record.rankCode,
      salaryStep: record.salaryStep,
      salaryCoefficient: record.salaryCoefficient,
      positionTitle: record.positionTitle,
      workingUnit: record.unitNames[String(record.workingUnitId)] ?? String(record.workingUnitId),
      managingUnit: record.unitNames[String(record.managingUnitId)] ?? String(record.managingUnitId),
      recruitedOn: record.recruitedOn,
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
        decisionNo: r.decisionNo,
        data: r.data,
      })),
    })),
    masked,
  };
}

/** The JSON extract's exact bytes: what the detached CMS signs and the registry hashes. */
export function contentBytes(c: ExtractContent): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(c, null, 2)}\n`);
}
