// The standard quantity/quality report of civil servants and public employees of a subtree on a
// date: one line per directly subordinate unit, with the structure columns MOHA asks for, as XLSX
// (exceljs) or PDF (pdfmake, Roboto covers Vietnamese). Publication rule: cells under 5 are hidden, and
// with them any cell a row total would give away.
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { renderPdf } from '../../platform/pdf/index.ts';
import { pathWithin, scopeRoots } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import type { ReportQuery } from '../../../api/analytics.ts';
import { countFromSpans, unitNames, type Dimension } from './headcount.repository.ts';
import { refreshAnalytics } from './refresh.ts';
import { checkDate, resolveRoot, today } from './scope.ts';
import { PUBLICATION_MIN } from './headcount.service.ts';
import { workbook, XLSX_TYPE, type CellValue } from './xlsx.ts';
import { suppressionMask } from './suppression.ts';

const COLUMNS: [Dimension, string, string][] = [
  ['category', 'cadre', 'Cán bộ'],
  ['category', 'civil_servant', 'Công chức'],
  ['category', 'public_employee', 'Viên chức'],
  ['category', 'worker', 'Người lao động'],
  ['sex', 'F', 'Nữ'],
  ['minority', 'minority', 'Dân tộc thiểu số'],
  ['ageBand', '0', 'Dưới 30'],
  ['ageBand', '1', '30–39'],
  ['ageBand', '2', '40–49'],
  ['ageBand', '3', '50–59'],
  ['ageBand', '4', 'Từ 60'],
  ['educationLevel', 'TS', 'Tiến sĩ'],
  ['educationLevel', 'THS', 'Thạc sĩ'],
  ['educationLevel', 'DH', 'Đại học'],
  ['politicalTheory', 'CC', 'LLCT cao cấp'],
  ['stateManagement', 'CVCC', 'QLNN CVCC'],
];

interface Table {
  title: string;
  header: string[];
  rows: CellValue[][];
}

async function buildTable(ctx: Ctx, q: Static<typeof ReportQuery>): Promise<Table> {
  const root = await resolveRoot(ctx, q.unitId);
  const asOf = checkDate(q.asOf ?? today(ctx), '/query/asOf');
  const mayMinority = pathWithin(root.path, scopeRoots(ctx.actor, 'employee.sensitive'));
  const cols = COLUMNS.filter(([d]) => d !== 'minority' || mayMinority);
  const dims = [...new Set(cols.map(([d]) => d))];
  const counts = new Map<string, number>();
  await inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const base = { actor: ctx.actor, rootPath: root.path, asOf, filters: {} };
    for (const r of await countFromSpans(trx, { ...base, dims: ['unit'] })) counts.set(`${r.k0}|total|`, r.n);
    for (const d of dims) {
      for (const r of await countFromSpans(trx, { ...base, dims: ['unit', d] }))
        counts.set(`${r.k0}|${d}|${r.k1}`, (counts.get(`${r.k0}|${d}|${r.k1}`) ?? 0) + r.n);
    }
    await audit(ctx, trx, {
      action: 'analytics.report',
      entity: 'report',
      unitPath: root.path,
      details: { asOf, format: q.format },
    });
  });
  const units = [...new Set([...counts.keys()].map((k) => k.split('|')[0]!))];
  const names = await unitNames(ctx.db, units.map(Number), asOf);
  const rows = units
    .map((u) => [names.get(Number(u)) ?? u, ...publishedRow(u, counts, cols)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'vi'));
  return {
    title: `Báo cáo số lượng, chất lượng cán bộ, công chức, viên chức — ${root.name} — ngày ${asOf}`,
    header: ['Đơn vị', 'Tổng số', ...cols.map(([, , label]) => label)],
    rows,
  };
}

/** One unit's line: total then the columns, cells under 5 hidden, and with them whatever the row total
 * would give away — categories and age bands each add up to it (secondary suppression). */
function publishedRow(u: string, counts: Map<string, number>, cols: typeof COLUMNS): CellValue[] {
  const values = [counts.get(`${u}|total|`) ?? 0, ...cols.map(([d, v]) => counts.get(`${u}|${d}|${v}`) ?? 0)];
  const partition = (dim: Dimension) => [0, ...cols.flatMap(([d], i) => (d === dim ? [i + 1] : []))];
  const mask = suppressionMask(values, [partition('category'), partition('ageBand')], PUBLICATION_MIN);
  return values.map((n, i) => (mask[i] ? '<5' : n));
}

/** The same pdfmake set-up as signed extracts (platform/pdf): pdfmake is one module-wide instance, so a
 * second configuration of its fonts and access policies here broke whichever ran second. */
async function toPdf(t: Table, at: Date): Promise<Buffer> {
  const body = [t.header, ...t.rows.map((r) => r.map((c) => String(c ?? '')))];
  const pdf = await renderPdf(
    {
      pageOrientation: 'landscape',
      pageSize: 'A3',
      content: [
        { text: t.title, bold: true, fontSize: 13, margin: [0, 0, 0, 10] },
        { table: { headerRows: 1, body }, fontSize: 8 },
      ],
    },
    { title: t.title, createdAt: at },
  );
  return Buffer.from(pdf);
}

export async function standardReport(ctx: Ctx, q: Static<typeof ReportQuery>) {
  const t = await buildTable(ctx, q);
  if (q.format === 'pdf')
    return {
      body: await toPdf(t, ctx.now),
      type: 'application/pdf',
      name: 'bao-cao-so-luong-chat-luong.pdf',
    };
  const body = await workbook([{ name: 'Báo cáo', title: t.title, columns: t.header, rows: t.rows }]);
  return { body, type: XLSX_TYPE, name: 'bao-cao-so-luong-chat-luong.xlsx' };
}
