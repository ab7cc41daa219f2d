// What a valid row means against the database, pure: a new person (create), the same recruitment as
// recorded (nothing), or a different one (a correction of the recruitment action) — which only an
// operator who may write the ledger directly over the person's managing unit may apply.
import { effectiveEntries, type LedgerEntry } from '../employees/index.ts';
import type { ActionType } from '../../../api/actions.ts';
import { pathWithin } from '../access/index.ts';
import type { Existing, LedgerRow } from './imports.repository.ts';
import type { ValidRow } from './validate.ts';

export type Plan =
  | { kind: 'create'; row: ValidRow }
  | { kind: 'unchanged'; row: ValidRow; employeeId: string }
  | {
      kind: 'update';
      row: ValidRow;
      existing: Existing;
      targetActionId: number;
      changes: Record<string, unknown>;
      effectiveDate: string | undefined;
    }
  | { kind: 'conflict'; row: ValidRow; field: string; reason: string };

/** JSON with object keys sorted, so that equal data compares equal whatever its key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const toEntry = (r: LedgerRow): LedgerEntry => ({
  id: r.id,
  seq: r.seq,
  type: r.type as ActionType,
  effectiveDate: r.effective_date,
  decisionNo: r.decision_no,
  payload: r.payload,
  recordedAt: r.recorded_at,
});

/** The fields of the file's recruitment that differ from the recorded one (blank cells change nothing). */
function changesOf(
  recorded: Record<string, unknown>,
  wanted: Record<string, unknown>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const identity = { ...(recorded.identity as object), ...(wanted.identity as object) };
  if (canonical(identity) !== canonical(recorded.identity)) changes.identity = identity;
  for (const [k, v] of Object.entries(wanted)) {
    if (k !== 'identity' && canonical(v) !== canonical(recorded[k])) changes[k] = v;
  }
  return changes;
}

export interface Scopes {
  write: string[] | undefined;
  record: string[] | undefined;
}

export function planRow(
  row: ValidRow,
  existing: Existing | undefined,
  ledger: LedgerRow[],
  scopes: Scopes,
): Plan {
  if (!existing) return { kind: 'create', row };
  const recruit = effectiveEntries(ledger.map(toEntry)).find((e) => e.type === 'recruit');
  if (!recruit)
    return {
      kind: 'conflict',
      row,
      field: 'personId',
      reason: 'Hồ sơ hiện có không còn quyết định tuyển dụng',
    };
  const changes = changesOf(recruit.payload, row.input.payload as unknown as Record<string, unknown>);
  const dateChanged = recruit.effectiveDate !== row.input.effectiveDate;
  if (Object.keys(changes).length === 0 && !dateChanged)
    return { kind: 'unchanged', row, employeeId: existing.id };
  if (!pathWithin(existing.managingPath, scopes.write))
    return {
      kind: 'conflict',
      row,
      field: 'personId',
      reason: 'Đã có hồ sơ với số định danh này, do cơ quan ngoài phạm vi của người nhập quản lý',
    };
  if (!pathWithin(existing.managingPath, scopes.record))
    return {
      kind: 'conflict',
      row,
      field: Object.keys(changes)[0] ?? 'recruitDate',
      reason:
        'Dữ liệu khác hồ sơ hiện có; đính chính cần quyền ghi trực tiếp sổ hồ sơ (action.record) — hãy lập đề nghị để người phê duyệt xử lý',
    };
  return {
    kind: 'update',
    row,
    existing,
    targetActionId: recruit.id,
    changes,
    effectiveDate: dateChanged ? row.input.effectiveDate : undefined,
  };
}
