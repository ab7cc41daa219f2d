// The e-record's content: every row kind of the ten Decree-27 groups with its typed fields, in the order
// of the CV form for cadres, civil servants and public employees (Mẫu 2C, which Circular 06's record
// follows). Kinds produced by HR actions (recruit, appoint, rank change…) are described here too, so the
// extract, the portal and the XLSX export read every row by the same labels.
import { GROUPS, type GroupKey } from './groups.ts';
import {
  boolean,
  choice,
  code,
  date,
  integer,
  longtext,
  money,
  number,
  opt,
  photo,
  rank,
  text,
  unit,
  year,
  type FieldSpec,
  type RowKindSpec,
} from './fields.ts';

export const SEX_OPTIONS = [opt('M', 'Nam', 'Male'), opt('F', 'Nữ', 'Female')] as const;
export const CATEGORY_OPTIONS = [
  opt('cadre', 'Cán bộ', 'Cadre'),
  opt('civil_servant', 'Công chức', 'Civil servant'),
  opt('public_employee', 'Viên chức', 'Public employee'),
  opt('worker', 'Người lao động', 'Worker'),
] as const;
export const RATING_OPTIONS = [
  opt('excellent', 'Hoàn thành xuất sắc nhiệm vụ', 'Excellent'),
  opt('good', 'Hoàn thành tốt nhiệm vụ', 'Good'),
  opt('satisfactory', 'Hoàn thành nhiệm vụ', 'Satisfactory'),
  opt('unsatisfactory', 'Không hoàn thành nhiệm vụ', 'Unsatisfactory'),
] as const;
export const DEGREE_KIND_OPTIONS = [
  opt('education', 'Trình độ chuyên môn', 'Professional level'),
  opt('professional', 'Chứng chỉ nghiệp vụ', 'Professional certificate'),
  opt('political_theory', 'Lý luận chính trị', 'Political theory'),
  opt('state_management', 'Quản lý nhà nước', 'State management'),
  opt('foreign_language', 'Ngoại ngữ', 'Foreign language'),
  opt('it', 'Tin học', 'Information technology'),
] as const;
export const GENERAL_EDUCATION_OPTIONS = [
  opt('12/12', '12/12', '12/12'),
  opt('10/10', '10/10', '10/10'),
  opt('9/12', '9/12', '9/12'),
  opt('9/9', '9/9', '9/9'),
  opt('other', 'Khác', 'Other'),
] as const;
export const HEALTH_OPTIONS = [
  opt('good', 'Tốt', 'Good'),
  opt('fair', 'Khá', 'Fair'),
  opt('average', 'Trung bình', 'Average'),
  opt('poor', 'Yếu', 'Poor'),
] as const;

const decisionNote = longtext('notes', 'Ghi chú', 'Notes', { maxLength: 4000 });
const from = (extra = {}) => date('fromDate', 'Từ ngày', 'From', extra);
const to = (extra = {}) => date('toDate', 'Đến ngày', 'To', { future: true, ...extra });

const identityFields: FieldSpec[] = [
  text('fullName', 'Họ và tên khai sinh', 'Birth name', {
    required: true,
    maxLength: 120,
    upper: true,
    requiredForCompleteness: true,
  }),
  text('otherNames', 'Tên gọi khác', 'Other names', { maxLength: 120 }),
  date('birthDate', 'Ngày, tháng, năm sinh', 'Date of birth', {
    required: true,
    requiredForCompleteness: true,
  }),
  choice('sex', 'Giới tính', 'Sex', SEX_OPTIONS, { required: true, requiredForCompleteness: true }),
  text('personId', 'Số định danh cá nhân', 'Personal ID number', {
    required: true,
    pattern: '^[0-9]{12}$',
    patternHint: 'gồm đúng 12 chữ số',
    requiredForCompleteness: true,
  }),
  text('birthPlaceCommune', 'Nơi sinh: xã, phường', 'Birthplace: commune', {
    maxLength: 200,
    requiredForCompleteness: true,
  }),
  code('birthPlaceProvince', 'Nơi sinh: tỉnh, thành phố', 'Birthplace: province', 'provinces', {
    requiredForCompleteness: true,
  }),
  text('birthPlace', 'Nơi sinh (ghi đầy đủ)', 'Birthplace (full text)', { maxLength: 300 }),
  text('hometownCommune', 'Quê quán: xã, phường', 'Hometown: commune', {
    maxLength: 200,
    requiredForCompleteness: true,
  }),
  code('hometownProvince', 'Quê quán: tỉnh, thành phố', 'Hometown: province', 'provinces', {
    requiredForCompleteness: true,
  }),
  text('hometown', 'Quê quán (ghi đầy đủ)', 'Hometown (full text)', { maxLength: 300 }),
  code('ethnicCode', 'Dân tộc', 'Ethnic group', 'ethnic-groups', {
    required: true,
    sensitive: true,
    requiredForCompleteness: true,
  }),
  code('religionCode', 'Tôn giáo', 'Religion', 'religions', {
    required: true,
    sensitive: true,
    requiredForCompleteness: true,
  }),
  text('permanentAddress', 'Nơi thường trú', 'Permanent address', {
    maxLength: 300,
    requiredForCompleteness: true,
  }),
  text('currentAddress', 'Nơi ở hiện nay', 'Current address', {
    maxLength: 300,
    requiredForCompleteness: true,
  }),
  text('phone', 'Điện thoại', 'Phone', { pattern: '^[0-9+ ]{8,15}$', patternHint: '8–15 chữ số' }),
  text('email', 'Thư điện tử', 'Email', {
    maxLength: 200,
    pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    patternHint: 'dạng ten@mien.vn',
  }),
  text('socialInsuranceNo', 'Số sổ bảo hiểm xã hội', 'Social-insurance number', {
    pattern: '^[0-9]{10}$',
    patternHint: 'gồm 10 chữ số',
    requiredForCompleteness: true,
  }),
  text('healthInsuranceNo', 'Số thẻ bảo hiểm y tế', 'Health-insurance number', {
    pattern: '^[A-Z]{2}[0-9]{13}$|^[0-9]{10}$',
    patternHint: '2 chữ cái và 13 chữ số, hoặc mã 10 chữ số',
  }),
  text('taxCode', 'Mã số thuế cá nhân', 'Personal tax code', {
    pattern: '^[0-9]{10}([0-9]{3})?$|^[0-9]{12}$',
    patternHint: '10, 12 hoặc 13 chữ số',
  }),
  photo('photo', 'Ảnh 3 × 4', 'Photo (3 × 4)'),
];

/** Every row kind, in the order the extract prints them within their group. */
export const ROW_KINDS: readonly RowKindSpec[] = [
  // 1. Identity
  {
    kind: 'identity',
    group: 'identity',
    label: 'Thông tin định danh',
    labelEn: 'Identity',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: identityFields,
  },
  // 2. Family
  {
    kind: 'member',
    group: 'family',
    label: 'Thành viên gia đình',
    labelEn: 'Family member',
    declarable: true,
    selfService: true,
    repeatable: true,
    sensitive: true,
    rules: ['childBornAfterParent', 'parentBornBeforeChild'],
    fields: [
      code('relationship', 'Quan hệ', 'Relationship', 'family-relationships', { required: true }),
      text('fullName', 'Họ và tên', 'Full name', { required: true, maxLength: 120 }),
      year('birthYear', 'Năm sinh', 'Year of birth', { min: 1880 }),
      boolean('deceased', 'Đã mất', 'Deceased'),
      text('hometown', 'Quê quán', 'Hometown', { maxLength: 300 }),
      text('occupation', 'Nghề nghiệp', 'Occupation', { maxLength: 200 }),
      text('workplace', 'Chức danh, chức vụ, đơn vị công tác, học tập', 'Post and workplace', {
        maxLength: 300,
      }),
      text('address', 'Nơi ở (trong, ngoài nước)', 'Residence (in or outside Vietnam)', { maxLength: 300 }),
      longtext(
        'politicalNote',
        'Thành viên các tổ chức chính trị - xã hội, đặc điểm lịch sử',
        'Memberships and political history',
        { maxLength: 2000 },
      ),
    ],
  },
  // 3. Personal history
  {
    kind: 'work_period',
    group: 'personalHistory',
    label: 'Tóm tắt quá trình công tác',
    labelEn: 'Work history',
    declarable: true,
    selfService: true,
    repeatable: true,
    rules: ['toAfterFrom'],
    fields: [
      from({ required: true }),
      to(),
      longtext('description', 'Chức danh, chức vụ, đơn vị công tác', 'Post and unit', {
        required: true,
        maxLength: 1000,
      }),
    ],
  },
  {
    kind: 'detention',
    group: 'personalHistory',
    label: 'Bị bắt, bị tù',
    labelEn: 'Arrest or detention',
    declarable: true,
    selfService: true,
    repeatable: true,
    sensitive: true,
    rules: ['toAfterFrom'],
    fields: [
      from({ required: true }),
      to(),
      text('place', 'Ở đâu', 'Where', { maxLength: 300 }),
      longtext('details', 'Đã khai báo cho ai, những vấn đề gì', 'Declared to whom, on what', {
        maxLength: 2000,
      }),
    ],
  },
  {
    kind: 'foreign_organisation',
    group: 'personalHistory',
    label: 'Tham gia tổ chức, có quan hệ với tổ chức ở nước ngoài',
    labelEn: 'Membership of foreign organisations',
    declarable: true,
    selfService: true,
    repeatable: true,
    rules: ['toAfterFrom'],
    fields: [
      text('organisation', 'Tên tổ chức', 'Organisation', { required: true, maxLength: 300 }),
      text('country', 'Nước', 'Country', { maxLength: 100 }),
      text('role', 'Làm gì', 'Role', { maxLength: 200 }),
      from(),
      to(),
      longtext('details', 'Trụ sở, nội dung quan hệ', 'Seat and details', { maxLength: 2000 }),
    ],
  },
  {
    kind: 'relative_abroad',
    group: 'personalHistory',
    label: 'Thân nhân ở nước ngoài',
    labelEn: 'Relatives abroad',
    declarable: true,
    selfService: true,
    repeatable: true,
    fields: [
      code('relationship', 'Quan hệ', 'Relationship', 'family-relationships', { required: true }),
      text('fullName', 'Họ và tên', 'Full name', { required: true, maxLength: 120 }),
      text('country', 'Nước định cư', 'Country', { required: true, maxLength: 100 }),
      text('occupation', 'Nghề nghiệp', 'Occupation', { maxLength: 200 }),
      longtext('details', 'Làm gì, ở đâu', 'Details', { maxLength: 2000 }),
    ],
  },
  // 4. Recruitment and movements
  {
    kind: 'pre_recruitment',
    group: 'movements',
    label: 'Nghề nghiệp bản thân trước khi được tuyển dụng',
    labelEn: 'Occupation before recruitment',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      text('occupation', 'Nghề nghiệp', 'Occupation', {
        required: true,
        maxLength: 200,
        requiredForCompleteness: true,
      }),
      text('workplace', 'Nơi làm việc', 'Workplace', { maxLength: 300 }),
    ],
  },
  {
    kind: 'recruitment',
    group: 'movements',
    label: 'Tuyển dụng',
    labelEn: 'Recruitment',
    declarable: false,
    repeatable: false,
    fields: [
      choice('category', 'Đối tượng', 'Category', CATEGORY_OPTIONS, { required: true }),
      text('form', 'Hình thức tuyển dụng', 'Form of recruitment'),
      text('recruitingBody', 'Cơ quan, đơn vị tuyển dụng', 'Recruiting body', { maxLength: 300 }),
    ],
  },
  {
    kind: 'probation',
    group: 'movements',
    label: 'Tập sự',
    labelEn: 'Probation',
    declarable: true,
    repeatable: false,
    rules: ['toAfterFrom'],
    fields: [
      from({ required: true }),
      to(),
      text('mentor', 'Người hướng dẫn tập sự', 'Mentor', { maxLength: 120 }),
      text('result', 'Kết quả tập sự', 'Result', { maxLength: 300 }),
    ],
  },
  {
    kind: 'appointment',
    group: 'movements',
    label: 'Bổ nhiệm',
    labelEn: 'Appointment',
    declarable: false,
    repeatable: false,
    fields: [
      text('positionTitle', 'Chức vụ', 'Post', { required: true }),
      unit('workingUnitId', 'Đơn vị', 'Unit'),
      integer('termYears', 'Thời hạn bổ nhiệm (năm)', 'Term (years)', { min: 1, max: 10 }),
    ],
  },
  {
    kind: 'planning',
    group: 'movements',
    label: 'Quy hoạch',
    labelEn: 'Leadership planning',
    declarable: true,
    repeatable: true,
    fields: [
      text('position', 'Chức danh quy hoạch', 'Planned post', { required: true, maxLength: 200 }),
      text('period', 'Giai đoạn', 'Period', {
        required: true,
        pattern: '^[0-9]{4}-[0-9]{4}$',
        patternHint: 'dạng 2026-2031',
      }),
      text('decidingBody', 'Cơ quan phê duyệt', 'Approving body', { maxLength: 300 }),
    ],
  },
  {
    kind: 'concurrent_post',
    group: 'movements',
    label: 'Kiêm nhiệm',
    labelEn: 'Concurrent post',
    declarable: true,
    repeatable: true,
    rules: ['toAfterFrom'],
    fields: [
      text('positionTitle', 'Chức vụ kiêm nhiệm', 'Concurrent post', { required: true, maxLength: 200 }),
      unit('workingUnitId', 'Đơn vị', 'Unit'),
      from(),
      to(),
    ],
  },
  ...(['transfer', 'second', 'rotate'] as const).map((kind): RowKindSpec => ({
    kind,
    group: 'movements',
    label: { transfer: 'Điều động, chuyển công tác', second: 'Biệt phái', rotate: 'Luân chuyển' }[kind],
    labelEn: { transfer: 'Transfer', second: 'Secondment', rotate: 'Rotation' }[kind],
    declarable: false,
    repeatable: true,
    fields: [
      unit('workingUnitId', 'Đến đơn vị', 'To unit', { required: true }),
      unit('managingUnitId', 'Cơ quan quản lý', 'Managing body'),
      text('positionTitle', 'Chức vụ, chức danh', 'Post'),
      date('until', 'Đến ngày', 'Until', { future: true }),
    ],
  })),
  {
    kind: 'leave',
    group: 'movements',
    label: 'Nghỉ không lương, tạm nghỉ',
    labelEn: 'Leave',
    declarable: false,
    repeatable: true,
    fields: [
      text('kind', 'Hình thức', 'Kind', { required: true }),
      date('until', 'Đến ngày', 'Until', { future: true }),
    ],
  },
  ...(['retire', 'resign', 'terminate', 'death'] as const).map((kind): RowKindSpec => ({
    kind,
    group: 'movements',
    label: { retire: 'Nghỉ hưu', resign: 'Thôi việc', terminate: 'Chấm dứt', death: 'Từ trần' }[kind],
    labelEn: { retire: 'Retirement', resign: 'Resignation', terminate: 'Termination', death: 'Death' }[kind],
    declarable: false,
    repeatable: false,
    fields: kind === 'death' ? [] : [longtext('reason', 'Lý do', 'Reason', { maxLength: 1000 })],
  })),
  // 5. Education and training
  {
    kind: 'general_education',
    group: 'education',
    label: 'Trình độ giáo dục phổ thông',
    labelEn: 'General education',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      choice('level', 'Trình độ', 'Level', GENERAL_EDUCATION_OPTIONS, {
        required: true,
        requiredForCompleteness: true,
      }),
    ],
  },
  {
    kind: 'degree',
    group: 'education',
    label: 'Văn bằng, chứng chỉ',
    labelEn: 'Degree or certificate',
    declarable: false,
    repeatable: true,
    rules: ['degreeLevelInCatalog'],
    fields: [
      choice('kind', 'Loại', 'Kind', DEGREE_KIND_OPTIONS, { required: true }),
      text('levelCode', 'Trình độ', 'Level', {
        required: true,
        maxLength: 20,
        catalogBy: {
          field: 'kind',
          catalogs: {
            education: 'education-levels',
            political_theory: 'political-theory-levels',
            state_management: 'state-management-levels',
          },
        },
      }),
      text('major', 'Chuyên ngành', 'Major'),
      text('institution', 'Cơ sở đào tạo', 'Institution'),
      year('year', 'Năm tốt nghiệp', 'Year', { required: true, min: 1950 }),
    ],
  },
  {
    kind: 'training',
    group: 'education',
    label: 'Đào tạo, bồi dưỡng',
    labelEn: 'Training course',
    declarable: false,
    repeatable: true,
    rules: ['toAfterFrom'],
    fields: [
      text('program', 'Chuyên ngành, nội dung', 'Programme', { required: true }),
      text('institution', 'Tên trường, cơ sở đào tạo', 'Institution'),
      date('from', 'Từ ngày', 'From', { required: true }),
      date('to', 'Đến ngày', 'To', { future: true }),
      text('form', 'Hình thức đào tạo', 'Form of training', { maxLength: 100 }),
      text('certificate', 'Văn bằng, chứng chỉ', 'Certificate', { maxLength: 200 }),
    ],
  },
  {
    kind: 'language',
    group: 'education',
    label: 'Ngoại ngữ',
    labelEn: 'Foreign language',
    declarable: true,
    selfService: true,
    repeatable: true,
    fields: [
      text('language', 'Ngoại ngữ', 'Language', { required: true, maxLength: 60 }),
      text('level', 'Trình độ', 'Level', { required: true, maxLength: 60 }),
      text('certificate', 'Chứng chỉ', 'Certificate', { maxLength: 200 }),
    ],
  },
  {
    kind: 'it_skill',
    group: 'education',
    label: 'Tin học',
    labelEn: 'IT skills',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      text('level', 'Trình độ', 'Level', { required: true, maxLength: 100 }),
      text('certificate', 'Chứng chỉ', 'Certificate', { maxLength: 200 }),
    ],
  },
  {
    kind: 'defence_security',
    group: 'education',
    label: 'Kiến thức quốc phòng, an ninh',
    labelEn: 'Defence and security knowledge',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      text('level', 'Đối tượng bồi dưỡng', 'Course level', { required: true, maxLength: 100 }),
      year('year', 'Năm', 'Year'),
      text('certificate', 'Chứng chỉ', 'Certificate', { maxLength: 200 }),
    ],
  },
  // 6. Unit, position and pay
  {
    kind: 'unit',
    group: 'employment',
    label: 'Đơn vị công tác',
    labelEn: 'Unit',
    declarable: false,
    repeatable: false,
    fields: [
      unit('workingUnitId', 'Đơn vị công tác', 'Working unit', { required: true }),
      unit('managingUnitId', 'Cơ quan quản lý', 'Managing body', { required: true }),
    ],
  },
  {
    kind: 'title',
    group: 'employment',
    label: 'Chức vụ, chức danh',
    labelEn: 'Post',
    declarable: false,
    repeatable: false,
    fields: [text('positionTitle', 'Chức vụ (Đảng, chính quyền, đoàn thể)', 'Post', { required: true })],
  },
  {
    kind: 'leadership',
    group: 'employment',
    label: 'Chức vụ lãnh đạo, quản lý',
    labelEn: 'Leadership post',
    declarable: true,
    repeatable: false,
    fields: [
      code('positionCode', 'Chức vụ lãnh đạo', 'Leadership post', 'leadership-positions', { required: true }),
      number('allowanceCoefficient', 'Hệ số phụ cấp chức vụ', 'Post allowance coefficient', {
        min: 0,
        max: 2,
      }),
      text('termNote', 'Nhiệm kỳ', 'Term', { maxLength: 100 }),
    ],
  },
  {
    kind: 'rank_salary',
    group: 'employment',
    label: 'Ngạch, chức danh nghề nghiệp, bậc lương',
    labelEn: 'Rank or professional title, salary',
    declarable: false,
    repeatable: false,
    rules: ['rankMatchesCategory'],
    fields: [
      rank('rankCode', 'Ngạch công chức / chức danh nghề nghiệp viên chức', 'Rank or professional title', {
        required: true,
      }),
      text('rankName', 'Tên ngạch, chức danh nghề nghiệp', 'Rank name', { derived: true, hidden: true }),
      text('salaryGroup', 'Nhóm, loại thang lương', 'Salary group', { derived: true }),
      integer('salaryStep', 'Bậc lương', 'Salary step', { min: 1, max: 20 }),
      number('coefficient', 'Hệ số lương', 'Salary coefficient', { derived: true }),
    ],
  },
  {
    kind: 'allowance',
    group: 'employment',
    label: 'Phụ cấp',
    labelEn: 'Allowance',
    declarable: false,
    repeatable: true,
    fields: [
      text('kind', 'Loại phụ cấp', 'Allowance', { required: true }),
      number('coefficient', 'Hệ số', 'Coefficient', { min: 0, max: 10 }),
      number('percent', 'Tỷ lệ (%)', 'Percent', { min: 0, max: 100 }),
    ],
  },
  {
    kind: 'main_task',
    group: 'employment',
    label: 'Công việc chính được giao',
    labelEn: 'Main task assigned',
    declarable: true,
    repeatable: false,
    fields: [
      longtext('task', 'Công việc chính được giao', 'Main task', {
        required: true,
        maxLength: 2000,
        requiredForCompleteness: true,
      }),
    ],
  },
  {
    kind: 'strengths',
    group: 'employment',
    label: 'Sở trường công tác',
    labelEn: 'Strengths',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [longtext('text', 'Sở trường công tác', 'Strengths', { required: true, maxLength: 2000 })],
  },
  {
    kind: 'assessment',
    group: 'employment',
    label: 'Đánh giá, xếp loại',
    labelEn: 'Annual assessment',
    declarable: false,
    repeatable: true,
    fields: [
      year('year', 'Năm', 'Year', { required: true, min: 1990 }),
      choice('rating', 'Xếp loại', 'Rating', RATING_OPTIONS, { required: true }),
    ],
  },
  {
    kind: 'reward',
    group: 'employment',
    label: 'Khen thưởng',
    labelEn: 'Reward',
    declarable: false,
    repeatable: true,
    fields: [
      text('form', 'Hình thức khen thưởng', 'Form', { required: true }),
      text('level', 'Cấp khen thưởng', 'Level', { maxLength: 100 }),
      text('decidingBody', 'Cơ quan quyết định', 'Deciding body', { maxLength: 300 }),
    ],
  },
  {
    kind: 'highest_title',
    group: 'employment',
    label: 'Danh hiệu được phong tặng cao nhất',
    labelEn: 'Highest title awarded',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      code('titleCode', 'Danh hiệu', 'Title', 'awarded-titles', { required: true }),
      year('year', 'Năm', 'Year'),
    ],
  },
  {
    kind: 'discipline',
    group: 'employment',
    label: 'Kỷ luật',
    labelEn: 'Discipline',
    declarable: false,
    repeatable: true,
    fields: [
      text('form', 'Hình thức kỷ luật', 'Form', { required: true }),
      longtext('reason', 'Lý do', 'Reason', { required: true, maxLength: 1000 }),
      date('until', 'Thời hạn đến', 'Until', { future: true }),
    ],
  },
  // 7. Political and socio-political memberships
  {
    kind: 'membership',
    group: 'political',
    label: 'Tham gia tổ chức chính trị, chính trị - xã hội',
    labelEn: 'Membership',
    declarable: true,
    selfService: true,
    repeatable: true,
    sensitive: true,
    rules: ['partyOfficialAfterProbation', 'officialOnlyForParty'],
    fields: [
      code('organisationKind', 'Tổ chức', 'Organisation', 'organisation-kinds', { required: true }),
      date('joinedOn', 'Ngày vào (kết nạp)', 'Joined on', { required: true }),
      date('officialOn', 'Ngày chính thức', 'Full membership on'),
      text('post', 'Chức vụ trong tổ chức', 'Post held', { maxLength: 200 }),
      date('leftOn', 'Ngày ra khỏi tổ chức', 'Left on'),
    ],
  },
  // 8. Armed forces
  {
    kind: 'service',
    group: 'military',
    label: 'Quá trình phục vụ trong lực lượng vũ trang',
    labelEn: 'Armed-forces service',
    declarable: true,
    selfService: true,
    repeatable: true,
    rules: ['dischargeAfterEnlistment'],
    fields: [
      date('enlistedOn', 'Ngày nhập ngũ', 'Enlisted on', { required: true }),
      date('dischargedOn', 'Ngày xuất ngũ', 'Discharged on'),
      code('highestRankCode', 'Quân hàm cao nhất', 'Highest rank', 'military-ranks'),
      text('branch', 'Quân chủng, binh chủng, đơn vị', 'Branch and unit', { maxLength: 200 }),
    ],
  },
  {
    kind: 'war_invalid',
    group: 'military',
    label: 'Thương binh, bệnh binh',
    labelEn: 'War invalid',
    declarable: true,
    selfService: true,
    repeatable: false,
    sensitive: true,
    fields: [
      code('gradeCode', 'Hạng', 'Grade', 'war-invalid-grades', { required: true }),
      integer('rate', 'Tỷ lệ tổn thương cơ thể (%)', 'Injury rate (%)', { min: 5, max: 100 }),
    ],
  },
  {
    kind: 'policy_family',
    group: 'military',
    label: 'Gia đình chính sách',
    labelEn: 'Policy family',
    declarable: true,
    selfService: true,
    repeatable: false,
    fields: [
      code('statusCode', 'Là con gia đình chính sách', 'Policy-family status', 'policy-families', {
        required: true,
      }),
    ],
  },
  // 9. Assets and income (Law on Anti-Corruption 2018 Art. 35; Decree 130/2020/NĐ-CP)
  ...(
    [
      ['land', 'Quyền sử dụng đất', 'Land-use right'],
      ['house', 'Nhà ở, công trình xây dựng', 'House or building'],
      [
        'valuable',
        'Kim khí quý, đá quý, tiền, giấy tờ có giá, động sản khác từ 50 triệu đồng',
        'Valuables over 50 million VND',
      ],
      ['vehicle', 'Phương tiện, tài sản có đăng ký', 'Vehicle or registered asset'],
      ['abroad', 'Tài sản, tài khoản ở nước ngoài', 'Assets and accounts abroad'],
      ['income', 'Tổng thu nhập giữa hai lần kê khai', 'Total income between two declarations'],
    ] as const
  ).map(([kind, label, labelEn]): RowKindSpec => ({
    kind: `asset_${kind}`,
    group: 'assets',
    label,
    labelEn,
    declarable: true,
    selfService: true,
    repeatable: true,
    sensitive: true,
    fields: [
      text('description', 'Mô tả', 'Description', { required: true, maxLength: 500 }),
      ...(kind === 'land' || kind === 'house'
        ? [
            text('location', 'Địa chỉ', 'Location', { maxLength: 300 }),
            number('areaM2', 'Diện tích (m²)', 'Area (m²)', { min: 0, max: 100_000_000 }),
            text('certificate', 'Giấy chứng nhận', 'Certificate', { maxLength: 200 }),
          ]
        : []),
      money('value', 'Giá trị (đồng)', 'Value (VND)', { required: true, min: 0 }),
      text('owner', 'Người đứng tên', 'Registered owner', { maxLength: 120 }),
      year('declaredYear', 'Năm kê khai', 'Year declared', { required: true, min: 2000 }),
    ],
  })),
  // 10. Health
  {
    kind: 'health_status',
    group: 'health',
    label: 'Tình trạng sức khỏe',
    labelEn: 'Health status',
    declarable: true,
    selfService: true,
    repeatable: false,
    sensitive: true,
    fields: [
      choice('status', 'Tình trạng sức khỏe', 'Health status', HEALTH_OPTIONS, {
        required: true,
        requiredForCompleteness: true,
      }),
      integer('heightCm', 'Chiều cao (cm)', 'Height (cm)', { min: 50, max: 250 }),
      integer('weightKg', 'Cân nặng (kg)', 'Weight (kg)', { min: 20, max: 300 }),
      code('bloodType', 'Nhóm máu', 'Blood group', 'blood-groups'),
      text('disability', 'Khuyết tật', 'Disability', { maxLength: 300 }),
    ],
  },
  // Declarations of an older shape whose kind has no typed place: their content is kept in notes.
  ...GROUPS.map((group): RowKindSpec => ({
    kind: `legacy_${group}`,
    group,
    label: 'Thông tin khác (từ dữ liệu trước đây)',
    labelEn: 'Other information (from older data)',
    declarable: false,
    repeatable: true,
    fields: [],
  })),
];

/** Common to every row: what the fold could not map from an older shape (migration) or a free note. */
export const NOTES_FIELD = decisionNote;

const BY_KIND = new Map(ROW_KINDS.map((k) => [k.kind, k]));

/** The spec of a row kind; allowance rows are stored as `allowance:<name>`. */
export function findRowKind(kind: string): RowKindSpec | undefined {
  return BY_KIND.get(kind.startsWith('allowance:') ? 'allowance' : kind);
}

export const kindsOf = (group: GroupKey): RowKindSpec[] => ROW_KINDS.filter((k) => k.group === group);

export const DECLARABLE_KINDS = ROW_KINDS.filter((k) => k.declarable).map((k) => k.kind);

/** Every group has at least one kind, and kinds are unique: checked once at load. */
for (const g of GROUPS) if (!ROW_KINDS.some((k) => k.group === g)) throw new Error(`no kind for ${g}`);
if (BY_KIND.size !== ROW_KINDS.length) throw new Error('duplicate row kind');
