// The validation report as a real Excel file: a summary, then one line per problem (sheet, row, the
// column's header, value, reason in Vietnamese), in file order. People read headers, never field keys.
import ExcelJS from 'exceljs';
import type { ImportDetail } from '../../../api/imports.ts';
import { PERSON_SHEET, labelOf } from './columns.ts';

const STATUS_LABELS: Record<string, string> = {
  running: 'Đang chạy',
  done: 'Đã nhập',
  rejected: 'Từ chối: có dòng lỗi, không ghi gì',
  checked: 'Chạy thử: không ghi gì',
  failed: 'Lỗi hệ thống: không ghi gì',
};

export async function reportWorkbook(job: ImportDetail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoso';
  const sum = wb.addWorksheet('Tổng hợp');
  sum.columns = [{ width: 34 }, { width: 60 }];
  const lines: [string, string | number][] = [
    ['Tệp', job.fileName],
    ['SHA-256', job.sha256],
    ['Trạng thái', STATUS_LABELS[job.status] ?? job.status],
    ['Số dòng dữ liệu', job.rows],
    ['Số dòng lỗi', job.invalid],
    ['Hồ sơ tạo mới', job.created],
    ['Hồ sơ đính chính', job.updated],
    ['Không thay đổi', job.unchanged],
    ['Xung đột', job.conflicts],
    ['Bắt đầu', job.startedAt],
  ];
  for (const l of lines) sum.addRow(l);
  if (job.issuesTotal > job.issues.length)
    sum.addRow(['Ghi chú', `Chỉ liệt kê ${job.issues.length}/${job.issuesTotal} lỗi đầu tiên`]);
  sum.getColumn(1).font = { bold: true };
  const ws = wb.addWorksheet('Lỗi');
  ws.columns = [
    { header: 'Trang', width: 26 },
    { header: 'Dòng', width: 8 },
    { header: 'Cột', width: 34 },
    { header: 'Giá trị', width: 26 },
    { header: 'Lý do', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of job.issues)
    ws.addRow([
      i.sheet ?? PERSON_SHEET.name,
      i.row,
      i.column ?? labelOf(PERSON_SHEET, i.field),
      i.value,
      i.reason,
    ]);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
