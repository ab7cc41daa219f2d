// The downloadable templates: XLSX with the header row (Vietnamese label and field key), a sheet
// explaining each column, the catalogs' codes, and drop-down lists on the coded columns; CSV in
// UTF-8 with a byte-order mark so that Excel opens the diacritics right.
import ExcelJS from 'exceljs';
import { reference } from '../catalogs/index.ts';
import { COLUMNS, headerOf, type Column } from './columns.ts';

const LAST_ROW = 100_001;
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

function catalogSheet(wb: ExcelJS.Workbook): Map<string, string> {
  const ws = wb.addWorksheet('Danh mục');
  const ranges = new Map<string, string>();
  const cats = COLUMNS.filter((c): c is Column & { catalog: NonNullable<Column['catalog']> } => !!c.catalog);
  cats.forEach((col, i) => {
    const items = reference().catalogs[col.catalog];
    const code = colLetter(i * 2 + 1);
    ws.getCell(`${code}1`).value = `${col.label} (${col.catalog})`;
    ws.getCell(`${colLetter(i * 2 + 2)}1`).value = 'Tên';
    items.forEach((it, k) => {
      ws.getCell(`${code}${k + 2}`).value = it.code;
      ws.getCell(`${colLetter(i * 2 + 2)}${k + 2}`).value = it.name;
    });
    ranges.set(col.key, `'Danh mục'!$${code}$2:$${code}$${items.length + 1}`);
    ws.getColumn(i * 2 + 1).width = 14;
    ws.getColumn(i * 2 + 2).width = 40;
  });
  ws.getRow(1).font = { bold: true };
  return ranges;
}

function guideSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Hướng dẫn');
  ws.columns = [
    { header: 'Cột', width: 34 },
    { header: 'Mã trường', width: 20 },
    { header: 'Kiểu', width: 10 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Giá trị cho phép', width: 60 },
    { header: 'Ví dụ', width: 26 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of COLUMNS) {
    const allowed = c.catalog
      ? `Mã trong danh mục ${c.catalog} (trang "Danh mục")`
      : (c.values?.join(', ') ?? '');
    ws.addRow([
      c.label,
      c.key,
      c.type,
      c.required ? 'Có' : 'Không',
      [c.help, allowed].filter(Boolean).join('. '),
      c.example,
    ]);
  }
}

export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoso';
  const data = wb.addWorksheet('Dữ liệu');
  data.addRow(COLUMNS.map(headerOf)).font = { bold: true };
  guideSheet(wb);
  const ranges = catalogSheet(wb);
  COLUMNS.forEach((c, i) => {
    const letter = colLetter(i + 1);
    data.getColumn(i + 1).width = Math.max(14, headerOf(c).length + 2);
    // Text columns stay text, so Excel keeps the leading zeros of ID numbers and codes.
    if (c.type !== 'integer') data.getColumn(i + 1).numFmt = '@';
    const list = ranges.get(c.key) ?? (c.values ? `"${c.values.join(',')}"` : undefined);
    if (!list) return;
    const ref = `${letter}2:${letter}${LAST_ROW}`;
    (data as unknown as { dataValidations: { add(r: string, v: object): void } }).dataValidations.add(ref, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: c.label,
      error: `Chọn một giá trị trong danh sách (${c.key})`,
    });
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
