// Reads an import file as a stream of rows: XLSX through exceljs's streaming WorkbookReader (every
// sheet of the layout, in the file's order), CSV (the person sheet only) through the RFC 4180 parser.
// Each row is mapped to column keys by its sheet's header.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { PERSON_SHEET, keyOfHeader, sheetNamed, type Sheet } from './columns.ts';
import type { Cell } from './cells.ts';
import { parseCsv } from './csv.ts';

export type { Cell } from './cells.ts';
export interface SourceRow {
  sheet: Sheet;
  row: number;
  cells: Record<string, Cell>;
}
export type Format = 'xlsx' | 'csv';

/** Sniffs the format from the first bytes: XLSX is a zip ("PK\x03\x04"). */
export const formatOf = (head: Buffer): Format =>
  head.length >= 4 && head.readUInt32BE(0) === 0x504b0304 ? 'xlsx' : 'csv';

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (Array.isArray(o.richText)) return cellValue(o.richText.map((t) => t.text).join(''));
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  return null;
}

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes each decompressed chunk on its own, so a Vietnamese letter
 * split between two chunks comes out as U+FFFD ("Nữ" → "N��"). Its worksheet and shared-string
 * parsers are handed text decoded across chunks instead.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: number): unknown {
    const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
      _parseWorksheet(this: unknown, it: AsyncIterable<string>, n: number): unknown;
    };
    return parent._parseWorksheet.call(this, utf8(iterator), sheetNo);
  }
  _parseSharedStrings(entry: Readable): unknown {
    entry.setEncoding('utf8');
    const parent = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as {
      _parseSharedStrings(this: unknown, e: Readable): unknown;
    };
    return parent._parseSharedStrings.call(this, entry);
  }
}

interface RawRow {
  /** The worksheet's name and position (0 = first); CSV has one sheet. */
  sheet: string;
  sheetIndex: number;
  row: number;
  values: Cell[];
}

async function* xlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const reader = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheetIndex = 0;
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    for await (const r of sheet) {
      const row = r as ExcelJS.Row;
      const values: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => (values[col - 1] = cellValue(cell.value)));
      yield { sheet: name, sheetIndex, row: row.number, values };
    }
    sheetIndex++;
  }
}

async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  for await (const r of parseCsv(input as AsyncIterable<Buffer>)) {
    yield { sheet: PERSON_SHEET.name, sheetIndex: 0, row: r.row, values: r.fields.map((f) => cellValue(f)) };
  }
}

function headerKeys(sheet: Sheet, values: Cell[]): (string | undefined)[] {
  const keys = values.map((v) => (typeof v === 'string' ? keyOfHeader(sheet, v) : undefined));
  const missing = sheet.columns.filter((c) => c.required && !keys.includes(c.key));
  if (missing.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Tệp không đúng mẫu: trang "${sheet.name}" thiếu cột bắt buộc ở dòng tiêu đề`,
      missing.map((c) => ({
        field: `header/${sheet.kind === 'person' ? '' : `${sheet.kind}/`}${c.key}`,
        reason: `Trang "${sheet.name}" thiếu cột "${c.label}"`,
      })),
    );
  }
  return keys;
}

/** The template's hidden second row: the field keys of the columns (every filled cell a key). */
function isKeyRow(sheet: Sheet, values: Cell[]): boolean {
  const filled = values.filter((v) => v !== null && v !== undefined);
  return (
    filled.length > 0 &&
    values[0] === 'personId' &&
    filled.every((v) => typeof v === 'string' && sheet.columns.some((c) => c.key === v))
  );
}

/** Which layout sheet a worksheet is: the first one is the people; others by name (the rest ignored). */
function sheetOf(raw: RawRow): Sheet | undefined {
  const named = sheetNamed(raw.sheet);
  if (raw.sheetIndex === 0) {
    if (named && named !== PERSON_SHEET)
      throw new AppError('VALIDATION_FAILED', 'Tệp không đúng mẫu: trang đầu tiên phải là trang "Hồ sơ"', [
        { field: 'file', reason: `Trang đầu tiên là "${raw.sheet}"` },
      ]);
    return PERSON_SHEET;
  }
  return named === PERSON_SHEET ? undefined : named;
}

/**
 * Opens the file and reads its first header; the returned iterator yields the data rows of every sheet
 * of the layout, people first (blank rows skipped). A file that is not a readable XLSX/CSV with the
 * required columns is refused before anything is done; a later sheet without them, when it is reached.
 */
export async function openRows(input: Readable, format: Format): Promise<AsyncGenerator<SourceRow>> {
  const raw = format === 'xlsx' ? xlsxRows(input) : csvRows(input);
  let first;
  try {
    first = await raw.next();
  } catch (err) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Không đọc được tệp (cần XLSX hoặc CSV UTF-8)', [
      { field: 'file', reason: err instanceof Error ? err.message.slice(0, 200) : 'unreadable' },
    ]);
  }
  if (first.done)
    throw new AppError('VALIDATION_FAILED', 'Tệp trống', [{ field: 'file', reason: 'no rows' }]);
  const head = first.value;
  const firstKeys = headerKeys(sheetOf(head)!, head.values);
  return (async function* () {
    let sheet: Sheet | undefined = PERSON_SHEET;
    let at = 0;
    let keys: (string | undefined)[] | undefined = firstKeys;
    let headerRow = head.row;
    for await (const r of raw) {
      if (r.sheetIndex !== at) {
        at = r.sheetIndex;
        sheet = sheetOf(r);
        keys = undefined;
      }
      if (!sheet) continue;
      if (r.values.every((v) => v === null || v === undefined)) continue;
      if (!keys) {
        keys = headerKeys(sheet, r.values);
        headerRow = r.row;
        continue;
      }
      if (r.row === headerRow + 1 && isKeyRow(sheet, r.values)) {
        keys = r.values.map((v) => (typeof v === 'string' ? v : undefined));
        continue;
      }
      const cells: Record<string, Cell> = {};
      keys.forEach((k, i) => k && (cells[k] = r.values[i] ?? null));
      yield { sheet, row: r.row, cells };
    }
  })();
}
