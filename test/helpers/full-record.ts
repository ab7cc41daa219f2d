// A fully filled e-record for tests: one declaration of every declarable kind of the content spec and
// the HR actions that produce the other kinds, all valid under the content rules, for a person born
// 1990-05-17 (recruitBody's default). A test checks that every declarable kind has data here.
import type { NewAction } from '../../api/personnel-actions.ts';
import type { World } from './fixtures.ts';

const PHOTO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Data of each declarable kind (its group from the spec). */
export const DECLARED: Record<string, Record<string, unknown>> = {
  identity: {
    otherNames: 'Hường Đặng',
    birthPlaceCommune: 'Phường Ba Đình',
    birthPlaceProvince: '01',
    hometownCommune: 'Xã Hải Hậu',
    hometownProvince: '25',
    permanentAddress: 'Số 12 phố Kim Mã, phường Ba Đình, Hà Nội',
    currentAddress: 'Số 5 phố Huế, phường Hai Bà Trưng, Hà Nội',
    phone: '0912345678',
    email: 'huong.dt@hanoi.gov.vn',
    socialInsuranceNo: '0123456789',
    healthInsuranceNo: 'DN4010123456789',
    taxCode: '8012345678',
    photo: PHOTO,
  },
  member: {
    relationship: 'CHA',
    fullName: 'Đặng Văn Bình',
    birthYear: 1962,
    occupation: 'Giáo viên nghỉ hưu',
    workplace: 'Trường THCS Hải Hậu',
    address: 'Hải Hậu, Nam Định',
    politicalNote: 'Đảng viên',
  },
  work_period: { fromDate: '2015-03-01', description: 'Chuyên viên Phòng Tổ chức, Sở Nội vụ Hà Nội' },
  detention: {
    fromDate: '2009-06-01',
    toDate: '2009-06-03',
    place: 'Công an quận Đống Đa',
    details: 'Tạm giữ hành chính, đã khai báo với chi bộ',
  },
  foreign_organisation: {
    organisation: 'Hội Sinh viên Việt Nam tại Pháp',
    country: 'Pháp',
    role: 'Hội viên',
    fromDate: '2012-09-01',
    toDate: '2014-06-30',
  },
  relative_abroad: {
    relationship: 'CHI',
    fullName: 'Đặng Thị Lan',
    country: 'Nhật Bản',
    occupation: 'Kỹ sư',
  },
  pre_recruitment: { occupation: 'Nhân viên văn phòng', workplace: 'Công ty TNHH Minh Phát' },
  probation: {
    fromDate: '2015-03-01',
    toDate: '2016-03-01',
    mentor: 'Trần Văn Hướng',
    result: 'Đạt yêu cầu',
  },
  planning: {
    position: 'Phó Giám đốc Sở',
    period: '2026-2031',
    decidingBody: 'Ban Thường vụ Thành ủy Hà Nội',
  },
  concurrent_post: { positionTitle: 'Bí thư Chi đoàn', fromDate: '2018-01-01' },
  general_education: { level: '12/12' },
  language: { language: 'Tiếng Anh', level: 'Bậc 4 (B2)', certificate: 'VSTEP B2' },
  it_skill: { level: 'Ứng dụng CNTT nâng cao' },
  defence_security: { level: 'Đối tượng 3', year: 2019 },
  leadership: { positionCode: 'PTPS', allowanceCoefficient: 0.4, termNote: '2021-2026' },
  main_task: { task: 'Tham mưu công tác tuyển dụng và quản lý hồ sơ công chức' },
  strengths: { text: 'Tổng hợp, xây dựng văn bản quy phạm' },
  highest_title: { titleCode: 'CSTDCS', year: 2023 },
  membership: {
    organisationKind: 'DANG',
    joinedOn: '2014-05-19',
    officialOn: '2015-05-19',
    post: 'Chi ủy viên',
  },
  service: {
    enlistedOn: '2008-02-20',
    dischargedOn: '2010-02-20',
    highestRankCode: 'THS',
    branch: 'Quân khu Thủ đô',
  },
  war_invalid: { gradeCode: 'TB4', rate: 31 },
  policy_family: { statusCode: 'LS' },
  asset_land: {
    description: 'Đất ở',
    location: 'Hải Hậu, Nam Định',
    areaM2: 120,
    certificate: 'CS 012345',
    value: 900000000,
    owner: 'Đặng Thị Ngọc Hường',
    declaredYear: 2025,
  },
  asset_house: {
    description: 'Căn hộ chung cư',
    location: 'Cầu Giấy, Hà Nội',
    areaM2: 75.5,
    value: 3200000000,
    declaredYear: 2025,
  },
  asset_valuable: { description: 'Vàng 9999, 10 lượng', value: 850000000, declaredYear: 2025 },
  asset_vehicle: { description: 'Ô tô Toyota Vios 30A-123.45', value: 450000000, declaredYear: 2025 },
  asset_abroad: { description: 'Tài khoản tiết kiệm tại Nhật Bản', value: 120000000, declaredYear: 2025 },
  asset_income: { description: 'Lương và phụ cấp năm 2024', value: 310000000, declaredYear: 2025 },
  health_status: { status: 'good', heightCm: 158, weightKg: 50, bloodType: 'O+', disability: 'Không' },
};

const decision = (n: string, date: string) => ({
  number: `${n}/QĐ-SNV`,
  date,
  signerName: 'Lê Văn Ký',
  signerTitle: 'Giám đốc',
  issuingBody: 'Sở Nội vụ Hà Nội',
});

/** Every action of the full record, in order, for a person recruited on 2015-03-01. */
export function fullRecordActions(w: World, groupOf: (kind: string) => string): NewAction[] {
  const declares: NewAction[] = Object.entries(DECLARED).map(([kind, data]) => ({
    type: 'declare',
    effectiveDate: '2025-06-01',
    payload: { group: groupOf(kind) as 'family', kind, data },
  }));
  // A second family member and a Youth Union membership: repeatable kinds hold several rows.
  declares.push(
    {
      type: 'declare',
      effectiveDate: '2025-06-01',
      payload: {
        group: 'family',
        kind: 'member',
        data: { relationship: 'CON', fullName: 'Nguyễn Minh An', birthYear: 2019, occupation: 'Học sinh' },
      },
    },
    {
      type: 'declare',
      effectiveDate: '2025-06-01',
      payload: {
        group: 'political',
        kind: 'membership',
        data: { organisationKind: 'CONGDOAN', joinedOn: '2015-04-01', post: 'Đoàn viên' },
      },
    },
  );
  const hr: NewAction[] = [
    {
      type: 'degree',
      effectiveDate: '2015-04-01',
      payload: {
        kind: 'education',
        levelCode: 'THS',
        major: 'Quản lý công',
        institution: 'Học viện Hành chính Quốc gia',
        year: 2014,
      },
    },
    {
      type: 'degree',
      effectiveDate: '2020-07-01',
      payload: { kind: 'political_theory', levelCode: 'TC', year: 2020 },
    },
    {
      type: 'degree',
      effectiveDate: '2021-07-01',
      payload: { kind: 'state_management', levelCode: 'CV', year: 2021 },
    },
    {
      type: 'training',
      effectiveDate: '2022-03-01',
      payload: {
        program: 'Bồi dưỡng lãnh đạo cấp phòng',
        institution: 'Trường Đào tạo cán bộ Lê Hồng Phong',
        from: '2022-03-01',
        to: '2022-05-30',
        form: 'Tập trung',
        certificate: 'Chứng chỉ',
      },
    },
    {
      type: 'appoint',
      effectiveDate: '2021-06-01',
      decision: decision('51', '2021-05-25'),
      payload: { positionTitle: 'Phó Trưởng phòng Tổ chức', workingUnitId: w.hanoiHome, termYears: 5 },
    },
    {
      type: 'salary_step',
      effectiveDate: '2018-03-01',
      decision: decision('12', '2018-02-20'),
      payload: { salaryStep: 2 },
    },
    {
      type: 'rank_change',
      effectiveDate: '2023-01-01',
      decision: decision('3', '2022-12-20'),
      payload: { rankCode: '01.002', salaryStep: 1 },
    },
    {
      type: 'allowance',
      effectiveDate: '2021-06-01',
      decision: decision('52', '2021-05-25'),
      payload: { kind: 'Phụ cấp chức vụ', coefficient: 0.4 },
    },
    { type: 'assessment', effectiveDate: '2024-12-20', payload: { year: 2024, rating: 'excellent' } },
    {
      type: 'reward',
      effectiveDate: '2024-12-28',
      decision: decision('99', '2024-12-28'),
      payload: {
        form: 'Bằng khen của Chủ tịch UBND thành phố',
        level: 'Cấp tỉnh',
        decidingBody: 'UBND thành phố Hà Nội',
      },
    },
    {
      type: 'discipline',
      effectiveDate: '2019-04-01',
      decision: decision('7', '2019-03-25'),
      payload: { form: 'Khiển trách', reason: 'Chậm nộp báo cáo', until: '2020-04-01' },
    },
  ];
  return [...hr, ...declares];
}
