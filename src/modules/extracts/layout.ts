// The PDF in the CV layout used for civil servants' records (A4): national motto, issuing body and
// extract number, the title, a 3×4 photo box, the basic details, then the ten data groups of Decree 27
// as tables, and at the end the verification block (QR code, short code) and the two signers.
import type { ExtractContent, ExtractRow } from './content.ts';
import { vnDate } from '../../../api/record/display.ts';

const SEX: Record<string, string> = { M: 'Nam', F: 'Nữ' };

function vnDateTime(iso: string): string {
  // Vietnam time (UTC+7), as printed on paper documents.
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(11, 16)} ngày ${vnDate(t)}`;
}

/** A row's content as the CV form writes it: "Label: value; Label: value". */
function rowText(r: ExtractRow): string {
  if (r.data.secret === true && r.fields.length === 0) return '(Thông tin mật: không hiển thị)';
  const parts = (r.fields ?? []).map((f) => `${f.label}: ${f.value}`);
  return parts.length ? parts.join('; ') : '';
}

/** The first open row of a kind in a group, or the latest one. */
function latest(c: ExtractContent, kind: string): ExtractRow | undefined {
  const rows = c.groups.flatMap((g) => g.rows).filter((r) => r.kind === kind);
  return rows.find((r) => r.validTo === null) ?? rows[rows.length - 1];
}

/** A field's readable value from the latest row of a kind ('' when absent or masked). */
function field(c: ExtractContent, kind: string, key: string): string {
  const fields = kind === 'identity' ? c.person.identity : latest(c, kind)?.fields;
  return fields?.find((f) => f.key === key)?.value ?? '';
}

function all(c: ExtractContent, kind: string, render: (r: ExtractRow) => string): string {
  return c.groups
    .flatMap((g) => g.rows)
    .filter((r) => r.kind === kind && r.validTo === null)
    .map(render)
    .filter(Boolean)
    .join('; ');
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

const place = (c: ExtractContent, prefix: 'birthPlace' | 'hometown'): string =>
  [field(c, 'identity', `${prefix}Commune`), field(c, 'identity', `${prefix}Province`)]
    .filter(Boolean)
    .join(', ') || field(c, 'identity', prefix);

/** The CV form's numbered items (Mẫu 2C), from the identity and the latest row of each kind. */
function basics(c: ExtractContent): object {
  const p = c.person;
  const degree = (kind: string) =>
    all(c, 'degree', (r) =>
      r.data.kind === kind ? r.fields.map((f) => (f.key === 'levelCode' ? f.value : '')).join('') : '',
    );
  const party = c.groups
    .find((g) => g.key === 'political')
    ?.rows.find((r) => r.data.organisationKind === 'DANG');
  const partyField = (key: string) => party?.fields.find((f) => f.key === key)?.value ?? '';
  const rows: [string, string][] = [
    ['Họ và tên khai sinh', p.fullName.toUpperCase()],
    ['Tên gọi khác', field(c, 'identity', 'otherNames')],
    ['Sinh ngày', vnDate(p.birthDate)],
    ['Giới tính', SEX[p.sex] ?? ''],
    ['Nơi sinh', place(c, 'birthPlace')],
    ['Quê quán', place(c, 'hometown')],
    ['Dân tộc', field(c, 'identity', 'ethnicCode')],
    ['Tôn giáo', field(c, 'identity', 'religionCode')],
    ['Số định danh cá nhân', p.personId],
    ['Số sổ bảo hiểm xã hội', field(c, 'identity', 'socialInsuranceNo')],
    ['Nơi thường trú', field(c, 'identity', 'permanentAddress')],
    ['Nơi ở hiện nay', field(c, 'identity', 'currentAddress')],
    ['Nghề nghiệp khi được tuyển dụng', field(c, 'pre_recruitment', 'occupation')],
    ['Ngày tuyển dụng', vnDate(p.recruitedOn)],
    ['Cơ quan tuyển dụng', field(c, 'recruitment', 'recruitingBody')],
    ['Đối tượng', p.categoryLabel ?? ''],
    ['Đơn vị công tác', p.workingUnit],
    ['Cơ quan quản lý', p.managingUnit],
    ['Chức vụ hiện tại', p.positionTitle ?? ''],
    ['Chức vụ lãnh đạo', field(c, 'leadership', 'positionCode')],
    ['Công việc chính được giao', field(c, 'main_task', 'task')],
    ['Ngạch / chức danh nghề nghiệp', p.rankCode ? `${p.rankName ?? ''} (mã ${p.rankCode})`.trim() : ''],
    [
      'Bậc lương, hệ số, ngày hưởng',
      [
        p.salaryStep !== null ? `bậc ${p.salaryStep}` : '',
        p.salaryCoefficient !== null ? `hệ số ${String(p.salaryCoefficient).replace('.', ',')}` : '',
        latest(c, 'rank_salary') ? `từ ${vnDate(latest(c, 'rank_salary')!.validFrom)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    ],
    ['Phụ cấp', all(c, 'allowance', (r) => r.fields.map((f) => f.value).join(' '))],
    ['Trình độ giáo dục phổ thông', field(c, 'general_education', 'level')],
    ['Trình độ chuyên môn cao nhất', degree('education')],
    ['Lý luận chính trị', degree('political_theory')],
    ['Quản lý nhà nước', degree('state_management')],
    ['Ngoại ngữ', all(c, 'language', (r) => r.fields.map((f) => f.value).join(' '))],
    ['Tin học', field(c, 'it_skill', 'level')],
    ['Ngày vào Đảng', partyField('joinedOn')],
    ['Ngày chính thức', partyField('officialOn')],
    ['Ngày nhập ngũ', field(c, 'service', 'enlistedOn')],
    ['Ngày xuất ngũ', field(c, 'service', 'dischargedOn')],
    ['Quân hàm cao nhất', field(c, 'service', 'highestRankCode')],
    ['Danh hiệu được phong tặng cao nhất', field(c, 'highest_title', 'titleCode')],
    ['Sở trường công tác', field(c, 'strengths', 'text')],
    ['Tình trạng sức khỏe', field(c, 'health_status', 'status')],
    [
      'Chiều cao, cân nặng, nhóm máu',
      [
        field(c, 'health_status', 'heightCm') && `${field(c, 'health_status', 'heightCm')} cm`,
        field(c, 'health_status', 'weightKg') && `${field(c, 'health_status', 'weightKg')} kg`,
        field(c, 'health_status', 'bloodType'),
      ]
        .filter(Boolean)
        .join(', '),
    ],
    ['Là thương binh hạng', field(c, 'war_invalid', 'gradeCode')],
    ['Là con gia đình chính sách', field(c, 'policy_family', 'statusCode')],
  ];
  const filled = rows.filter(([, v]) => v !== '');
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
          body: filled.map(([k, v]) => [{ text: k, bold: true }, v]),
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
    ['Từ ngày', 'Đến ngày', 'Loại', 'Nội dung', 'Quyết định'].map((t) => ({ text: t, bold: true })),
    ...g.rows.map((r) => [
      vnDate(r.validFrom),
      vnDate(r.validTo),
      r.label ?? '',
      rowText(r),
      r.decisionNo ?? '',
    ]),
  ];
  return [title, { table: { headerRows: 1, widths: [48, 48, 80, '*', 62], body }, fontSize: 8 }];
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
        text: 'Sơ yếu lý lịch cán bộ, công chức, viên chức (Nghị định 27/2026/NĐ-CP; Thông tư 06/2023/TT-BNV, Điều 8)',
        italics: true,
        alignment: 'center',
      },
      basics(c),
      ...c.groups.flatMap(group),
      ...(c.masked.length
        ? [
            {
              text: `Phần không hiển thị: ${(c.maskedLabels ?? c.masked).join('; ')}`,
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
