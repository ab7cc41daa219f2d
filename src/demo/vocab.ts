// Word lists for the demo e-records: occupations, majors, institutions, tasks, branches and the like,
// with rough weights where a share matters (blood groups, ethnic groups). Synthetic, not real records.

/** Ethnic groups (catalog codes) with an approximate share among state employees (minorities ≈ 12%). */
export const ETHNIC: [string, number][] = [
  ['01', 88],
  ['02', 2.2],
  ['03', 2],
  ['06', 1.6],
  ['05', 1.4],
  ['07', 1.1],
  ['04', 0.8],
  ['08', 0.8],
  ['09', 0.6],
  ['10', 0.4],
  ['12', 0.4],
  ['13', 0.3],
  ['15', 0.2],
];
export const RELIGION: [string, number][] = [
  ['00', 83],
  ['01', 9],
  ['02', 5.5],
  ['03', 1],
  ['04', 0.8],
  ['05', 0.7],
];
/** ABO and Rh(D) as they occur in Vietnam (Rh− is rare). */
export const BLOOD: [string, number][] = [
  ['O+', 42],
  ['B+', 30],
  ['A+', 21],
  ['AB+', 6],
  ['O-', 0.3],
  ['A-', 0.2],
  ['B-', 0.2],
];
export const RATINGS: [string, number][] = [
  ['excellent', 15],
  ['good', 62],
  ['satisfactory', 20],
  ['unsatisfactory', 3],
];

export const PARENT_JOBS = [
  'Nông dân',
  'Công nhân',
  'Giáo viên',
  'Cán bộ hưu trí',
  'Buôn bán',
  'Bộ đội nghỉ hưu',
  'Nhân viên y tế',
];
export const ADULT_JOBS: [string, string][] = [
  ['Giáo viên', 'Trường Trung học cơ sở'],
  ['Kỹ sư', 'Công ty Cổ phần Xây dựng'],
  ['Bác sĩ', 'Bệnh viện Đa khoa'],
  ['Kế toán', 'Công ty TNHH Thương mại'],
  ['Công chức', 'Ủy ban nhân dân phường'],
  ['Viên chức', 'Trung tâm Y tế'],
  ['Nhân viên ngân hàng', 'Ngân hàng TMCP Công Thương Việt Nam'],
  ['Kinh doanh tự do', ''],
  ['Nội trợ', ''],
  ['Công nhân', 'Khu công nghiệp'],
];
export const PARTY_NOTE = 'Đảng viên Đảng Cộng sản Việt Nam';
export const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Phan Đình Phùng',
  'Nguyễn Du',
  'Điện Biên Phủ',
  'Hùng Vương',
];

/** Majors by the kind of work; the last entry of each is the generic one. */
export const MAJORS: Record<'health' | 'school' | 'finance' | 'general', string[]> = {
  health: ['Y đa khoa', 'Điều dưỡng', 'Dược học', 'Y học dự phòng'],
  school: ['Sư phạm Toán', 'Sư phạm Ngữ văn', 'Sư phạm Tiếng Anh', 'Sư phạm Vật lý'],
  finance: ['Kế toán', 'Tài chính - Ngân hàng', 'Kiểm toán', 'Kinh tế'],
  general: [
    'Luật',
    'Quản lý nhà nước',
    'Kinh tế',
    'Công nghệ thông tin',
    'Quản trị nhân lực',
    'Hành chính học',
  ],
};
export const UNIVERSITIES = [
  'Học viện Hành chính Quốc gia',
  'Đại học Quốc gia Hà Nội',
  'Đại học Kinh tế Quốc dân',
  'Đại học Luật Hà Nội',
  'Đại học Huế',
  'Đại học Quốc gia Thành phố Hồ Chí Minh',
  'Đại học Đà Nẵng',
  'Đại học Y Hà Nội',
  'Đại học Sư phạm Hà Nội',
  'Học viện Tài chính',
];
export const POLITICAL_SCHOOL = 'Trường Chính trị tỉnh';
export const TRAININGS = [
  'Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên',
  'Bồi dưỡng kỹ năng chuyển đổi số',
  'Bồi dưỡng nghiệp vụ công tác tổ chức cán bộ',
  'Bồi dưỡng kỹ năng soạn thảo văn bản quản lý nhà nước',
];
export const LANGUAGES: [string, string, string][] = [
  ['Tiếng Anh', 'Bậc 3 (B1)', 'Chứng chỉ tiếng Anh bậc 3 theo Khung năng lực ngoại ngữ 6 bậc'],
  ['Tiếng Anh', 'Bậc 2 (A2)', 'Chứng chỉ tiếng Anh bậc 2 theo Khung năng lực ngoại ngữ 6 bậc'],
  ['Tiếng Anh', 'Bậc 4 (B2)', 'VSTEP B2'],
  ['Tiếng Pháp', 'Bậc 2 (A2)', 'Chứng chỉ tiếng Pháp A2'],
  ['Tiếng Trung Quốc', 'Bậc 3 (B1)', 'HSK 3'],
];
export const IT_LEVELS = ['Ứng dụng công nghệ thông tin cơ bản', 'Ứng dụng công nghệ thông tin nâng cao'];
export const REWARDS: [string, string][] = [
  ['Giấy khen của Thủ trưởng đơn vị', 'Cấp cơ sở'],
  ['Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'Cấp tỉnh'],
  ['Bằng khen của Bộ trưởng', 'Cấp bộ'],
  ['Chiến sĩ thi đua cơ sở', 'Cấp cơ sở'],
];
export const STRENGTHS = [
  'Tổng hợp, tham mưu xây dựng văn bản',
  'Giao tiếp, phối hợp công tác',
  'Ứng dụng công nghệ thông tin trong công việc',
  'Nghiên cứu, phân tích số liệu',
];
export const BRANCHES = [
  'Sư đoàn 312, Quân đoàn 12',
  'Bộ Chỉ huy Quân sự tỉnh',
  'Quân khu 4',
  'Bộ đội Biên phòng',
  'Hải quân, Vùng 3',
];
export const PRIVATE_JOBS: [string, string][] = [
  ['Nhân viên văn phòng', 'Công ty TNHH Minh Phát'],
  ['Nhân viên kinh doanh', 'Công ty Cổ phần Thương mại Hòa Bình'],
  ['Giáo viên hợp đồng', 'Trường Trung học phổ thông'],
  ['Nhân viên kỹ thuật', 'Công ty Cổ phần Viễn thông'],
];
