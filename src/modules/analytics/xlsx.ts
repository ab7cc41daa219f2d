// Tables as real Excel files (exceljs): every on-screen table can be downloaded with ?format=xlsx.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type CellValue = string | number | null;
export interface Sheet {
  name: string;
  title?: string;
  columns: string[];
  rows: CellValue[][];
}

export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoso';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    if (s.title) {
      ws.addRow([s.title]).font = { bold: true, size: 13 };
      ws.addRow([]);
    }
    const header = ws.addRow(s.columns);
    header.font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file download; the route's JSON schema does not apply to a Buffer body. */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string): Buffer {
  reply.type(type);
  reply.header('content-disposition', `attachment; filename="${name}"`);
  reply.header('cache-control', 'no-store');
  return body;
}
