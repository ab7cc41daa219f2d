// What a reader may see of a record: sensitive personal data (Law 91/2025/QH15) only for roles whose
// policy allows it within their subtree, or for the person themself; state-secret rows (encrypted at
// rest, Decree 27 Art. 21–22) only for roles holding employee.secret. Everyone else gets them masked.
import type { ERecord, GroupKey, HistoryRow } from '../../../api/employees.ts';
import type { Actor } from '../../platform/context.ts';
import { decrypt, encrypt, isEncrypted } from '../../platform/crypto.ts';
import {
  isSystem,
  pathWithin,
  scopeRoots,
  SENSITIVE_GROUPS,
  SENSITIVE_IDENTITY_FIELDS,
} from '../access/index.ts';

export interface Visibility {
  sensitive: boolean;
  secret: boolean;
  /** How the reader came to see the record, for the audit log: a role, or 'self'. */
  role: string;
}

export function visibilityFor(actor: Actor, employeeId: string, paths: string[]): Visibility {
  if (isSystem(actor)) return { sensitive: true, secret: true, role: 'system' };
  if (actor.employeeId === employeeId) return { sensitive: true, secret: true, role: 'self' };
  const may = (p: 'employee.sensitive' | 'employee.secret') =>
    paths.some((x) => pathWithin(x, scopeRoots(actor, p)));
  const via = actor.grants.find((g) => paths.some((x) => pathWithin(x, [g.unitPath])));
  return {
    sensitive: may('employee.sensitive'),
    secret: may('employee.secret'),
    role: via?.role ?? 'unknown',
  };
}

const SECRET_KEY = 'enc';

/** State-secret declarations are stored with their data encrypted: `{ enc: "kid:iv:ct:tag" }`. */
export function sealSecret(data: Record<string, unknown>): Record<string, unknown> {
  return { [SECRET_KEY]: encrypt(JSON.stringify(data)) };
}

const isSealed = (data: Record<string, unknown>): boolean => isEncrypted(data[SECRET_KEY]);

function openRow(row: HistoryRow, v: Visibility): HistoryRow {
  if (!isSealed(row.data)) return row;
  if (!v.secret) return { ...row, data: { secret: true } };
  return {
    ...row,
    data: { ...(JSON.parse(decrypt(row.data[SECRET_KEY] as string)) as object), secret: true },
  };
}

function stripIdentity(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const f of SENSITIVE_IDENTITY_FIELDS) delete out[f];
  return out;
}

export function maskRecord(rec: ERecord, v: Visibility): ERecord & { masked: string[] } {
  const masked: string[] = [];
  const groups = { ...rec.groups } as Record<GroupKey, HistoryRow[]>;
  for (const g of Object.keys(groups) as GroupKey[]) {
    groups[g] = groups[g].map((r) => openRow(r, v));
    if (!v.secret && groups[g].some((r) => r.data.secret === true)) masked.push(`${g}:secret`);
  }
  if (v.sensitive) return { ...rec, groups, masked };
  for (const g of SENSITIVE_GROUPS) {
    groups[g] = [];
    masked.push(g);
  }
  groups.identity = groups.identity.map((r) => ({ ...r, data: stripIdentity(r.data) }));
  masked.push(...SENSITIVE_IDENTITY_FIELDS);
  return { ...rec, identity: stripIdentity(rec.identity), ethnicCode: '', religionCode: '', groups, masked };
}

/** The same rule for a ledger payload (what a declaration or recruitment carried). */
export function maskPayload(
  type: string,
  payload: Record<string, unknown>,
  v: Visibility,
): Record<string, unknown> {
  let p = payload;
  const data = p.data as Record<string, unknown> | undefined;
  if (data && isSealed(data)) {
    p = { ...p, data: v.secret ? JSON.parse(decrypt(data[SECRET_KEY] as string)) : { secret: true } };
  }
  if (v.sensitive) return p;
  if (type === 'declare' && (SENSITIVE_GROUPS as readonly string[]).includes(String(p.group))) {
    return { group: p.group, kind: p.kind, masked: true };
  }
  if (type === 'declare' && p.group === 'identity')
    return { ...p, data: stripIdentity((p.data ?? {}) as Record<string, unknown>) };
  if (type === 'recruit' && p.identity)
    return { ...p, identity: stripIdentity(p.identity as Record<string, unknown>) };
  return p;
}
