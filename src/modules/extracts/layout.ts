// The PDF in the CV layout used for civil servants' records (A4): national motto, issuing body and
// extract number, the title, a 3×4 photo box, the basic details, then the ten data groups of Decree 27
// as tables, and at the end the verification block (QR code, short code) and the two signers.
import type { ExtractContent, ExtractRow } from './content.ts';

const SEX: Record<string, string> = { M: 'Nam', F: 'Nữ' };

function vnDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function vnDateTime(iso: string): string {
  // Vietnam time (UTC+7), as printed on paper documents.
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(11, 16)} ngày ${vnDate(t)}`;
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function rowText(r: ExtractRow): string {
  const parts = Object.entries(r.data)
    .filter(([k]) => k !== 'photo')
    .map(([k, v]) => `${k}: ${value(v)}`);
  return [r.kind, ...parts].join('; ');
}

function header(c: ExtractContent): object {
  return {
    columns: [
      {
        width: '45%',
        stack: [
          { text: c.issuingUnit.name.toUpperCase(), bold: true, alignment: 'center' },
          { text: `Số: ${c.number}`, alignment: 'center', margin: [0, 4, 0, 0] },
        ],
      },
      {
        width: '55%',
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, alignment: 'center' },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, alignment: 'center', decoration: 'underline' },
        ],
      },
    ],
  };
}

function basics(c: ExtractContent): object {
  const p = c.person;
  const rows: [string, string][] = [
    ['Họ và tên', p.fullName],
    ['Ngày sinh', vnDate(p.birthDate)],
    ['Giới tính', SEX[p.sex] ?? p.sex],
    ['Số định danh cá nhân', p.personId],
    ['Đơn vị công tác', p.workingUnit],
    ['Cơ quan quản lý', p.managingUnit],
    ['Chức vụ, chức danh', p.positionTitle ?? ''],
    ['Ngạch / chức danh nghề nghiệp', p.rankCode ?? ''],
    ['Bậc lương, hệ số', [p.salaryStep, p.salaryCoefficient].filter((x) => x !== null).join(', ')],
    ['Ngày tuyển dụng', vnDate(p.recruitedOn)],
  ];
  const photo = p.photo
    ? { image: p.photo, fit: [85, 113] }
    : { text: 'Ảnh\n3 × 4', alignment: 'center', color: '#888', margin: [0, 40, 0, 0] };
  return {
    columns: [
      {
        width: 95,
        table: { widths: [85], heights: [113], body: [[photo]] },
      },
      {
        width: '*',
        table: {
          widths: [150, '*'],
          body: rows.map(([k, v]) => [{ text: k, bold: true }, v]),
        },
        layout: 'noBorders',
      },
    ],
    columnGap: 12,
    margin: [0, 12, 0, 8],
  };
}

function group(g: ExtractContent['groups'][number]): object[] {
  const title = { text: g.label, style: 'group' };
  if (g.masked)
    return [title, { text: '(Không hiển thị: ngoài quyền xem của người yêu cầu)', italics: true }];
  if (g.rows.length === 0) return [title, { text: '(Không có thông tin)', italics: true, color: '#666' }];
  const body = [
    ['Từ ngày', 'Đến ngày', 'Nội dung', 'Quyết định'].map((t) => ({ text: t, bold: true })),
    ...g.rows.map((r) => [vnDate(r.validFrom), vnDate(r.validTo), rowText(r), r.decisionNo ?? '']),
  ];
  return [title, { table: { headerRows: 1, widths: [55, 55, '*', 80], body }, fontSize: 8.5 }];
}

function footer(c: ExtractContent): object {
  return {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    columns: [
      {
        width: 130,
        stack: [
          { qr: c.verifyUrl, fit: 110 },
          { text: 'Mã xác thực:', margin: [0, 4, 0, 0] },
          { text: c.code, bold: true, fontSize: 11 },
          { text: 'Tra cứu tại trang xác thực trích lục', fontSize: 7.5 },
        ],
      },
      {
        width: '*',
        stack: [
          { text: `Cấp lúc ${vnDateTime(c.issuedAt)}`, italics: true, alignment: 'right' },
          {
            columns: [
              { stack: [{ text: 'NGƯỜI CÓ THẨM QUYỀN', bold: true }, '(Ký số)', c.signers.person] },
              { stack: [{ text: 'CƠ QUAN CẤP', bold: true }, '(Ký số)', c.signers.agency] },
            ],
            alignment: 'center',
            margin: [0, 12, 0, 0],
          },
        ],
      },
    ],
  };
}

/** The pdfmake document definition of an extract. */
export function extractLayout(c: ExtractContent): object {
  return {
    pageSize: 'A4',
    pageMargins: [50, 40, 40, 50],
    footer: (page: number, pages: number) => ({
      text: `Trích lục số ${c.number} · Mã xác thực ${c.code} · Trang ${page}/${pages}`,
      alignment: 'center',
      fontSize: 7.5,
      color: '#555',
    }),
    styles: { group: { bold: true, fontSize: 10.5, margin: [0, 10, 0, 4] } },
    content: [
      header(c),
      {
        text: 'TRÍCH LỤC HỒ SƠ ĐIỆN TỬ',
        bold: true,
        fontSize: 15,
        alignment: 'center',
        margin: [0, 18, 0, 0],
      },
      {
        text: 'Cán bộ, công chức, viên chức (Thông tư 06/2023/TT-BNV, Điều 8)',
        italics: true,
        alignment: 'center',
      },
      basics(c),
      ...c.groups.flatMap(group),
      ...(c.masked.length
        ? [
            {
              text: `Phần không hiển thị: ${c.masked.join(', ')}`,
              italics: true,
              fontSize: 8,
              margin: [0, 8, 0, 0],
            },
          ]
        : []),
      footer(c),
    ],
  };
}
