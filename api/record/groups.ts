// The ten data groups of Decree 27/2026/NĐ-CP, in the decree's order (plain data: the portal imports it).

export const GROUPS = [
  'identity',
  'family',
  'personalHistory',
  'movements',
  'education',
  'employment',
  'political',
  'military',
  'assets',
  'health',
] as const;
export type GroupKey = (typeof GROUPS)[number];

export const GROUP_LABELS: Record<GroupKey, string> = {
  identity: '1. Thông tin định danh',
  family: '2. Quan hệ gia đình',
  personalHistory: '3. Lịch sử bản thân',
  movements: '4. Tuyển dụng, bổ nhiệm, quy hoạch, điều động, luân chuyển, biệt phái, thôi việc, nghỉ hưu',
  education: '5. Đào tạo, bồi dưỡng',
  employment: '6. Đơn vị, vị trí việc làm, chức danh, lương, phụ cấp, đánh giá, khen thưởng, kỷ luật',
  political: '7. Tham gia tổ chức chính trị, chính trị - xã hội',
  military: '8. Tham gia lực lượng vũ trang',
  assets: '9. Tài sản, thu nhập',
  health: '10. Sức khỏe',
};

export const GROUP_LABELS_EN: Record<GroupKey, string> = {
  identity: '1. Identity',
  family: '2. Family relations',
  personalHistory: '3. Personal history',
  movements: '4. Recruitment, appointment, planning, transfer, rotation, secondment, resignation, retirement',
  education: '5. Education and training',
  employment: '6. Unit, job position, title, salary, allowances, assessment, rewards, discipline',
  political: '7. Political and socio-political memberships',
  military: '8. Armed-forces service',
  assets: '9. Assets and income',
  health: '10. Health',
};
