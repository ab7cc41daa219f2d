// Synthetic people for the import benchmark, written as the import template's rows: names from the
// demo generators, valid ID numbers, units of a small province tree, ranks and steps in scale.
import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { personName, rng, HOMETOWN_PLACES, pickOne } from '../src/demo/names.ts';
import { makePersonId } from '../src/platform/person-id.ts';
import { COLUMNS, headerOf } from '../src/modules/imports/index.ts';

const RANKS: [string, number][] = [
  ['01.003', 6],
  ['01.002', 4],
  ['06.031', 6],
  ['01.004', 6],
];
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const pad = (n: number) => String(n).padStart(2, '0');

export function* benchRows(
  n: number,
  unitCodes: string[],
  seed = 9,
): Generator<Record<string, string | number>> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const sex = r() < 0.52 ? 'F' : 'M';
    const year = 1966 + Math.floor(r() * 36);
    const birth = `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    const recruit = `${Math.min(2025, year + 23 + Math.floor(r() * 10))}-${pad(1 + Math.floor(r() * 12))}-01`;
    const unit = pickOne(r, unitCodes);
    const [rank, maxStep] = pickOne(r, RANKS);
    yield {
      personId: makePersonId('01', { birthDate: birth, sex }, i),
      fullName: personName(r, sex),
      birthDate: dmy(birth),
      sex: sex === 'F' ? 'Nữ' : 'Nam',
      ethnicCode: r() < 0.9 ? '01' : '02',
      religionCode: '00',
      hometown: pickOne(r, HOMETOWN_PLACES),
      category: 'civil_servant',
      managingUnitCode: unit,
      workingUnitCode: unit,
      rankCode: rank,
      salaryStep: 1 + Math.floor(r() * maxStep),
      recruitDate: dmy(recruit),
      decisionNo: `${i + 1}/QĐ-UBND`,
      decisionDate: dmy(recruit),
      signerName: 'Nguyễn Văn Minh',
      issuingBody: 'Ủy ban nhân dân thành phố Hà Nội',
    };
  }
}

export async function writeXlsx(
  file: string,
  rows: Iterable<Record<string, string | number>>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(COLUMNS.map(headerOf)).commit();
  for (const p of rows) ws.addRow(COLUMNS.map((c) => p[c.key] ?? null)).commit();
  ws.commit();
  await wb.commit();
}

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export async function writeCsv(file: string, rows: Iterable<Record<string, string | number>>): Promise<void> {
  const out = createWriteStream(file);
  out.write(`\ufeff${COLUMNS.map((c) => q(headerOf(c))).join(',')}\r\n`);
  for (const p of rows) {
    if (!out.write(`${COLUMNS.map((c) => q(String(p[c.key] ?? ''))).join(',')}\r\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
