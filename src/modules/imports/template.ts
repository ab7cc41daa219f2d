// The workbook of the import layout (columns.ts), generated from the content schema: the person sheet
// first, one sheet per declarable kind, each with its Vietnamese headers, a hidden row of field keys,
// drop-down lists of names (catalogs and enums, from a hidden lists sheet), date and text formats; a
// guide sheet explains every column. The template is this workbook empty; the export fills it. The CSV
// template is the person sheet alone, in UTF-8 with a byte-order mark so that Excel opens it right.
import ExcelJS from 'exceljs';
import type { FieldType } from '../../../api/record/fields.ts';
import { choicesOf } from './cells.ts';
import { COLUMNS, SHEETS, headerOf, type Column, type Sheet } from './columns.ts';

/** Rows that carry the drop-down lists (a spreadsheet program keeps them as ranges). */
export const LAST_ROW = 100_002;
export const LISTS_SHEET = 'Danh sách';
export const GUIDE_SHEET = 'Hướng dẫn';
/** The first data row: row 1 is the header, row 2 the (hidden) field keys. */
export const FIRST_DATA_ROW = 3;

const colLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + colLetter(((n - 1) % 26) + 1);
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function templateCsv(): Buffer {
  const lines = [
    COLUMNS.map((c) => quote(headerOf(c))).join(','),
    COLUMNS.map((c) => quote(c.example)).join(','),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Chữ',
  longtext: 'Đoạn văn',
  date: 'Ngày (dd/mm/yyyy)',
  year: 'Năm',
  integer: 'Số nguyên',
  number: 'Số',
  boolean: 'Có / Không',
  code: 'Chọn trong danh mục',
  enum: 'Chọn trong danh sách',
  unit: 'Mã đơn vị',
  rank: 'Chọn ngạch, chức danh nghề nghiệp',
  money: 'Số tiền (đồng)',
  photo: 'Ảnh',
};

/**
 * The drop-down lists: each distinct list gets a column of the hidden lists sheet (written at the end,
 * so that the data sheets come first in the file); returns the range a column's list uses.
 */
function listRanges(): { listOf: (c: Column) => string | undefined; write: (wb: ExcelJS.Workbook) => void } {
  const ranges = new Map<unknown, { letter: string; label: string; shown: string[]; range: string }>();
  return {
    listOf: (c) => {
      const list = choicesOf(c.field);
      if (!list) return undefined;
      let r = ranges.get(list);
      if (!r) {
        const letter = colLetter(ranges.size + 1);
        const range = `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${list.length + 1}`;
        r = { letter, label: c.label, shown: list.map((x) => x.shown), range };
        ranges.set(list, r);
      }
      return r.range;
    },
    write: (wb) => {
      const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      for (const r of ranges.values()) {
        ws.getCell(`${r.letter}1`).value = r.label;
        r.shown.forEach((x, k) => (ws.getCell(`${r.letter}${k + 2}`).value = x));
      }
    },
  };
}

function guide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [
    { header: 'Trang', width: 28 },
    { header: 'Cột', width: 44 },
    { header: 'Mã trường', width: 22 },
    { header: 'Kiểu', width: 26 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Hướng dẫn', width: 70 },
    { header: 'Ví dụ', width: 26 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRow([
    'Mọi trang',
    'Dòng 1: tên cột (* là bắt buộc); dòng 2 (ẩn): mã trường, đừng sửa',
    '',
    '',
    '',
    `Trang "${SHEETS[0]!.name}": mỗi người một dòng. Các trang khác: mỗi dòng một mục của người có số định danh ở cột đầu (người đó phải có dòng ở trang "${SHEETS[0]!.name}").`,
    '',
  ]);
  for (const s of SHEETS)
    for (const c of s.columns) {
      const list = choicesOf(c.field);
      const allowed = list ? `Chọn trong danh sách (${list.length} giá trị)` : '';
      ws.addRow([
        s.spec ? `${s.name} — ${s.spec.label}` : s.name,
        c.label,
        c.key,
        TYPE_LABELS[c.field.type],
        c.required ? 'Có' : 'Không',
        [c.help, c.field.patternHint, allowed].filter(Boolean).join('. '),
        c.example,
      ]);
    }
}

type Validations = { dataValidations: { add(r: string, v: object): void } };

function dataSheet(wb: ExcelJS.Workbook, s: Sheet, listOf: (c: Column) => string | undefined) {
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow(s.columns.map(headerOf)).font = { bold: true };
  const keys = ws.addRow(s.columns.map((c) => c.key));
  keys.hidden = true;
  s.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(40, Math.max(12, headerOf(c).length + 2));
    const t = c.field.type;
    // Text columns stay text, so Excel keeps the leading zeros of ID numbers and codes.
    if (t === 'date') col.numFmt = 'dd/mm/yyyy';
    else if (!['year', 'integer', 'number', 'money'].includes(t)) col.numFmt = '@';
    const list = listOf(c);
    if (!list) return;
    const letter = colLetter(i + 1);
    (ws as unknown as Validations).dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${LAST_ROW}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: c.label,
      error: 'Chọn một giá trị trong danh sách',
    });
  });
  return ws;
}

/** The layout's workbook, empty: its data sheets by kind ('person' for the first). */
export function layoutWorkbook(): { wb: ExcelJS.Workbook; sheets: Map<string, ExcelJS.Worksheet> } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoso';
  const sheets = new Map<string, ExcelJS.Worksheet>();
  const lists = listRanges();
  for (const s of SHEETS) sheets.set(s.kind, dataSheet(wb, s, lists.listOf));
  guide(wb);
  lists.write(wb);
  return { wb, sheets };
}

export async function templateXlsx(): Promise<Buffer> {
  return Buffer.from(await layoutWorkbook().wb.xlsx.writeBuffer());
}
