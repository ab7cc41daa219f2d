// The generic "download this table": every array of objects in an answer becomes a sheet, nested
// objects become dotted columns, and a headcount cross-tab is laid out as rows × columns.
import { workbook, type CellValue, type Sheet } from './xlsx.ts';

function flatten(o: Record<string, unknown>, prefix = ''): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    else if (Array.isArray(v)) out[key] = v.join(', ');
    else out[key] = typeof v === 'number' || typeof v === 'string' || v === null ? v : String(v);
  }
  return out;
}

function sheetOf(name: string, items: Record<string, unknown>[]): Sheet {
  const flat = items.map((i) => flatten(i));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return { name, columns, rows: flat.map((r) => columns.map((c) => r[c] ?? null)) };
}

interface CrossTab {
  rows: string;
  cols: string | null;
  cells: { row: string | null; col: string | null; count: number | null; suppressed: boolean }[];
  labels: Record<string, string>;
}

function isCrossTab(d: unknown): d is CrossTab {
  return typeof d === 'object' && d !== null && 'cells' in d && 'rows' in d && 'labels' in d;
}

/** A headcount as a grid: one line per row key, one column per column key, "<5" where suppressed. */
export function crossTabSheet(d: CrossTab, title?: string): Sheet {
  const label = (k: string | null) => (k === null ? '(không rõ)' : (d.labels[k] ?? k));
  const rowKeys = [...new Set(d.cells.map((c) => c.row))];
  const colKeys = [...new Set(d.cells.map((c) => c.col))];
  const at = new Map(d.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  const value = (r: string | null, c: string | null): CellValue => {
    const cell = at.get(`${r}\u0000${c}`);
    return cell ? (cell.suppressed ? '<5' : cell.count) : 0;
  };
  return {
    name: 'Số lượng',
    title,
    columns: [d.rows, ...(d.cols ? colKeys.map(label) : ['Số người'])],
    rows: rowKeys.map((r) => [label(r), ...colKeys.map((c) => value(r, c))]),
  };
}

export async function tableFile(name: string, data: unknown): Promise<Buffer> {
  const sheets: Sheet[] = [];
  if (isCrossTab(data)) sheets.push(crossTabSheet(data, name));
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null)) {
        sheets.push(sheetOf(k, v as Record<string, unknown>[]));
      }
    }
    const scalars = Object.entries(data).filter(([, v]) => !Array.isArray(v));
    sheets.unshift(sheetOf(name, [Object.fromEntries(scalars)]));
  }
  return workbook(sheets);
}
