// The export of records in the import's own layout, so that export → import is the identity: the person
// sheet holds each person's identity as the record reads it and the recruitment as the ledger decides it
// (after its corrections); each kind's sheet holds the person's open rows of that kind (closed rows are
// history, kept by the ledger). State-secret rows are never exported (Decree 27 Art. 21–22).
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { localDate } from '../../platform/clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { pathWithin, scopeRoots } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { effectiveEntries } from '../employees/index.ts';
import type { HistoryRow } from '../../../api/employees.ts';
import * as repo from './imports.repository.ts';
import { cellOf, type Cell } from './cells.ts';
import { COLUMNS, KIND_SHEETS, type Sheet } from './columns.ts';
import { toEntry } from './plan.ts';
import { FIRST_DATA_ROW, layoutWorkbook } from './template.ts';

const PAGE = 1000;
type Row = Record<string, unknown>;

/** The person sheet's cells of one record. */
function personCells(rec: Row, recruit: repo.RecruitRow, payload: Row, codes: Map<number, string>): Cell[] {
  const identity = (rec.identity ?? {}) as Row;
  const values: Row = {
    ...identity,
    category: payload.category,
    managingUnitCode: codes.get(payload.managingUnitId as number),
    workingUnitCode: codes.get(payload.workingUnitId as number),
    positionTitle: payload.positionTitle,
    rankCode: payload.rankCode,
    salaryStep: payload.salaryStep,
    form: payload.form,
    recruitDate: recruit.effective_date,
    decisionNo: recruit.decision_no,
    decisionDate: recruit.decision_date,
    signerName: recruit.signer_name,
    signerTitle: recruit.signer_title,
    issuingBody: recruit.issuing_body,
    legalBasis: recruit.legal_basis,
  };
  // Units are already their codes here.
  return COLUMNS.map((c) =>
    c.field.type === 'unit'
      ? ((values[c.key] as string | undefined) ?? null)
      : cellOf(c.field, values[c.key]),
  );
}

// A sealed row's data is `{ enc: "…" }` (masking.ts); its kind's fields are not there to export.
const isSealed = (r: HistoryRow) =>
  typeof (r.data as Row).enc === 'string' || (r.data as Row).secret === true;

/** A kind sheet's cells of one open row. */
function kindCells(s: Sheet, personId: string, r: HistoryRow, codes: Map<number, string>): Cell[] {
  return s.columns.map((c) => {
    if (c.key === 'personId') return personId;
    if (c.key === 'validFrom') return cellOf(c.field, r.validFrom);
    const v = (r.data as Row)[c.key];
    if (c.field.type === 'unit') return typeof v === 'number' ? (codes.get(v) ?? null) : null;
    return cellOf(c.field, v);
  });
}

/** The recruitment as it counts: the recruit action with its corrections applied (payload and date). */
function recruitmentOf(rows: repo.RecruitRow[]): { row: repo.RecruitRow; payload: Row } | undefined {
  const e = effectiveEntries(rows.map(toEntry)).find((x) => x.type === 'recruit');
  const row = e && rows.find((r) => r.id === e.id);
  return row && e ? { row: { ...row, effective_date: e.effectiveDate }, payload: e.payload } : undefined;
}

/**
 * The records managed in the unit's subtree as an XLSX of the import layout. Needs the right to write
 * and to see sensitive data there (the file holds ethnicity, religion, family, assets, health); the
 * read is audited with the people it returned, as a search is.
 */
export async function exportRecords(ctx: Ctx, unitId: number): Promise<Buffer> {
  const unit = await repo.findUnit(ctx.db, unitId);
  if (!unit) throw notFound('Đơn vị', String(unitId));
  for (const p of ['employee.write', 'employee.sensitive'] as const)
    if (!pathWithin(unit.path, scopeRoots(ctx.actor, p)))
      throw new AppError('FORBIDDEN', 'Không có quyền xuất hồ sơ của đơn vị này', [
        { field: 'unitId', reason: `Cần quyền ${p} trên đơn vị ${unit.name}` },
      ]);
  const { wb, sheets } = layoutWorkbook();
  const next = new Map<string, number>(KIND_SHEETS.map((s) => [s.kind, FIRST_DATA_ROW]));
  next.set('person', FIRST_DATA_ROW);
  const put = (kind: string, cells: Cell[]) => {
    const n = next.get(kind)!;
    sheets.get(kind)!.getRow(n).values = cells;
    next.set(kind, n + 1);
  };
  const subjects: string[] = [];
  let secretRows = 0;
  await inTransaction(ctx.db, async (trx) => {
    const codes = await repo.unitCodes(trx);
    let after: string | null = null;
    for (;;) {
      const page = await repo.exportPage(trx, ctx.actor, unit.path, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const ledgers = new Map<string, repo.RecruitRow[]>();
      for (const r of await repo.recruitRowsOf(
        trx,
        page.map((p) => p.id),
      )) {
        const rows = ledgers.get(r.employee_id);
        if (rows) rows.push(r);
        else ledgers.set(r.employee_id, [r]);
      }
      for (const p of page) {
        const recruit = recruitmentOf(ledgers.get(p.id) ?? []);
        if (!recruit) continue;
        subjects.push(p.id);
        put('person', personCells(p.record, recruit.row, recruit.payload, codes));
        const personId = String(((p.record.identity ?? {}) as Row).personId ?? '');
        const groups = (p.record.groups ?? {}) as Record<string, HistoryRow[]>;
        for (const s of KIND_SHEETS)
          for (const r of groups[s.spec!.group] ?? []) {
            if (r.kind !== s.kind || r.validTo !== null) continue;
            if (isSealed(r)) secretRows++;
            else put(s.kind, kindCells(s, personId, r, codes));
          }
      }
    }
    await audit(ctx, trx, {
      action: 'employee.export',
      entity: 'employee',
      unitPath: unit.path,
      details: {
        unitId,
        on: localDate(ctx.now),
        count: subjects.length,
        secretRowsLeftOut: secretRows,
        subjects,
      },
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
