// Reads an import file as a stream of rows: XLSX through exceljs's streaming WorkbookReader (first
// worksheet only), CSV through the RFC 4180 parser. Each row is mapped to column keys by the header.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { COLUMNS, keyOfHeader } from './columns.ts';
import { parseCsv } from './csv.ts';

export type Cell = string | number | Date | null;
export interface SourceRow {
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

async function* xlsxRows(input: Readable): AsyncGenerator<{ row: number; values: Cell[] }> {
  const reader = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const r of sheet) {
      const row = r as ExcelJS.Row;
      const values: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => (values[col - 1] = cellValue(cell.value)));
      yield { row: row.number, values };
    }
    return; // the first sheet holds the data; the others explain it
  }
}

async function* csvRows(input: Readable): AsyncGenerator<{ row: number; values: Cell[] }> {
  for await (const r of parseCsv(input as AsyncIterable<Buffer>)) {
    yield { row: r.row, values: r.fields.map((f) => cellValue(f)) };
  }
}

function headerKeys(values: Cell[]): (string | undefined)[] {
  const keys = values.map((v) => (typeof v === 'string' ? keyOfHeader(v) : undefined));
  const missing = COLUMNS.filter((c) => c.required && !keys.includes(c.key));
  if (missing.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Tệp không đúng mẫu: thiếu cột bắt buộc ở dòng tiêu đề',
      missing.map((c) => ({ field: `header/${c.key}`, reason: `Thiếu cột "${c.label} (${c.key})"` })),
    );
  }
  return keys;
}

/**
 * Opens the file and reads its header; the returned iterator yields the data rows (blank rows skipped).
 * A file that is not a readable XLSX/CSV with the required columns is refused before anything is done.
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
  const keys = headerKeys(first.value.values);
  return (async function* () {
    for await (const { row, values } of raw) {
      if (values.every((v) => v === null || v === undefined)) continue;
      const cells: Record<string, Cell> = {};
      keys.forEach((k, i) => k && (cells[k] = values[i] ?? null));
      yield { row, cells };
    }
  })();
}
