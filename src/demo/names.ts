// Synthetic Vietnamese people/place/unit data for demo seeding; not real records (figures approximate).

/** Deterministic PRNG (mulberry32). Returns a function yielding floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted pick; weights need not sum to anything in particular (they are normalised). */
export function pick<T>(r: () => number, items: readonly [T, number][]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  let total = 0;
  for (const [, w] of items) total += w > 0 ? w : 0;
  let x = r() * total;
  for (const [item, w] of items) {
    if (w <= 0) continue;
    x -= w;
    if (x < 0) return item;
  }
  // Floating-point edge case: fall back to the last positively weighted item.
  for (let i = items.length - 1; i >= 0; i--) {
    const entry = items[i];
    if (entry && entry[1] > 0) return entry[0];
  }
  throw new Error('pick: no positive weights');
}

/** Uniform pick. */
export function pickOne<T>(r: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pickOne: empty list');
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) return items[items.length - 1] as T;
  return item;
}

/** Family names with approximate share of the population (percent). */
export const SURNAMES: readonly [string, number][] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3.1],
  ['Huỳnh', 2],
  ['Phan', 4.5],
  ['Vũ', 2.2],
  ['Võ', 1.7],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.5],
  ['Trương', 0.5],
  ['Đào', 0.4],
  ['Đoàn', 0.4],
  ['Lâm', 0.3],
  ['Mai', 0.3],
  ['Cao', 0.3],
  ['Hà', 0.3],
  ['Lương', 0.3],
  ['Trịnh', 0.3],
  ['Tạ', 0.2],
  ['Chu', 0.2],
  ['Lưu', 0.2],
  ['Tô', 0.15],
  ['Thái', 0.15],
  ['Quách', 0.1],
  ['Kiều', 0.1],
  ['Triệu', 0.1],
];

/** Male middle names (tên đệm) with relative weights. */
export const MALE_MIDDLE_NAMES: readonly [string, number][] = [
  ['Văn', 30],
  ['Đức', 8],
  ['Minh', 8],
  ['Quang', 6],
  ['Hữu', 6],
  ['Công', 5],
  ['Thanh', 5],
  ['Ngọc', 4],
  ['Xuân', 4],
  ['Đình', 4],
  ['Quốc', 4],
  ['Anh', 3],
  ['Trung', 3],
  ['Hoàng', 3],
  ['Thế', 3],
  ['Mạnh', 2],
  ['Tiến', 2],
  ['Duy', 2],
  ['Việt', 2],
  ['Bá', 2],
  ['Khắc', 1.5],
  ['Trọng', 1.5],
  ['Hải', 1.5],
  ['Tuấn', 1.5],
  ['Gia', 1],
  ['Nhật', 1],
  ['Thành', 1],
  ['Hồng', 1],
];

/** Female middle names (tên đệm) with relative weights; "Thị" is by far the most common. */
export const FEMALE_MIDDLE_NAMES: readonly [string, number][] = [
  ['Thị', 50],
  ['Ngọc', 6],
  ['Thu', 5],
  ['Thanh', 5],
  ['Minh', 4],
  ['Phương', 3],
  ['Hồng', 3],
  ['Mai', 2.5],
  ['Kim', 2.5],
  ['Thùy', 2.5],
  ['Bích', 2],
  ['Hoài', 2],
  ['Diệu', 1.5],
  ['Khánh', 1.5],
  ['Bảo', 1.5],
  ['Thúy', 1.5],
  ['Quỳnh', 1.5],
  ['Lan', 1],
  ['Hải', 1],
  ['Hà', 1],
  ['Xuân', 1],
  ['Tuyết', 1],
  ['Cẩm', 1],
  ['Ánh', 1],
];

/** Male given names with relative weights. */
export const MALE_GIVEN_NAMES: readonly [string, number][] = [
  ['An', 1.5],
  ['Bảo', 1],
  ['Bình', 2],
  ['Chiến', 1],
  ['Công', 1],
  ['Cường', 2],
  ['Dân', 0.5],
  ['Dũng', 3],
  ['Duy', 1.5],
  ['Dương', 1],
  ['Đạt', 2],
  ['Định', 1],
  ['Đông', 1],
  ['Đức', 2.5],
  ['Giang', 1],
  ['Hải', 3],
  ['Hào', 0.8],
  ['Hậu', 1],
  ['Hiển', 0.8],
  ['Hiệp', 1],
  ['Hiếu', 2],
  ['Hòa', 1.5],
  ['Hoàng', 1.5],
  ['Học', 0.5],
  ['Hùng', 3],
  ['Hưng', 2],
  ['Huy', 2.5],
  ['Khải', 0.8],
  ['Khang', 1],
  ['Khánh', 1.5],
  ['Khoa', 1.5],
  ['Kiên', 1],
  ['Lâm', 1],
  ['Lộc', 1],
  ['Lợi', 0.8],
  ['Long', 2.5],
  ['Luân', 0.5],
  ['Mạnh', 1.5],
  ['Minh', 3],
  ['Nam', 3],
  ['Nghĩa', 1.5],
  ['Nhân', 1],
  ['Phát', 1],
  ['Phong', 1.5],
  ['Phú', 1],
  ['Phúc', 1.5],
  ['Phước', 1],
  ['Quân', 1.5],
  ['Quang', 1.5],
  ['Quý', 1],
  ['Sang', 0.8],
  ['Sơn', 2.5],
  ['Tài', 1],
  ['Tâm', 1],
  ['Tân', 1],
  ['Thái', 1],
  ['Thắng', 2],
  ['Thành', 2.5],
  ['Thiện', 1],
  ['Thịnh', 1],
  ['Thuận', 1],
  ['Tiến', 1.5],
  ['Toàn', 1.5],
  ['Trí', 1],
  ['Trọng', 1],
  ['Trung', 2],
  ['Trường', 1.5],
  ['Tú', 1],
  ['Tuấn', 3],
  ['Tùng', 1.5],
  ['Việt', 1.5],
  ['Vinh', 1.5],
  ['Vũ', 1],
];

/** Female given names with relative weights. */
export const FEMALE_GIVEN_NAMES: readonly [string, number][] = [
  ['Anh', 2.5],
  ['Ánh', 1],
  ['Bích', 0.8],
  ['Châu', 0.8],
  ['Chi', 1.5],
  ['Cúc', 0.5],
  ['Diệp', 0.5],
  ['Dung', 2],
  ['Duyên', 1],
  ['Giang', 1.5],
  ['Hà', 2],
  ['Hân', 1],
  ['Hạnh', 2],
  ['Hằng', 2.5],
  ['Hảo', 0.5],
  ['Hậu', 0.8],
  ['Hiền', 2],
  ['Hoa', 2],
  ['Hồng', 1.5],
  ['Huệ', 1],
  ['Huyền', 2],
  ['Hương', 3],
  ['Hường', 1],
  ['Lan', 2.5],
  ['Lệ', 0.5],
  ['Liên', 1.5],
  ['Liễu', 0.5],
  ['Linh', 3],
  ['Loan', 1.5],
  ['Ly', 1],
  ['Mai', 2.5],
  ['My', 1],
  ['Nga', 2],
  ['Ngân', 1.5],
  ['Ngọc', 2],
  ['Nguyệt', 1],
  ['Nhàn', 1],
  ['Nhi', 1],
  ['Nhung', 2],
  ['Oanh', 1],
  ['Phương', 2.5],
  ['Phượng', 1],
  ['Quyên', 1],
  ['Quỳnh', 1.5],
  ['Tâm', 1],
  ['Thanh', 1.5],
  ['Thảo', 2.5],
  ['Thắm', 0.5],
  ['Thơ', 0.5],
  ['Thu', 1.5],
  ['Thúy', 1.5],
  ['Thủy', 2],
  ['Thương', 1.5],
  ['Trâm', 1],
  ['Trang', 3],
  ['Trinh', 1],
  ['Tuyết', 1],
  ['Uyên', 1],
  ['Vân', 2],
  ['Vy', 1],
  ['Xuân', 1],
  ['Yến', 2],
];

/** Middle names that (almost) only ever appear as the first of two middle words. */
const LEADING_ONLY_MIDDLE = new Set(['Văn', 'Thị']);

const MAX_NAME_ATTEMPTS = 20;

/** Builds "Surname Middle Given"; ~15% of names carry two middle words. No word repeats within a name. */
export function personName(r: () => number, sex: 'M' | 'F'): string {
  const middles = sex === 'M' ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES;
  const givens = sex === 'M' ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES;
  const surname = pick(r, SURNAMES);
  const twoMiddles = r() < 0.15;
  const used = new Set<string>([surname.toLowerCase()]);
  const words: string[] = [surname];

  const pickFresh = (items: readonly [string, number][], exclude?: Set<string>): string => {
    for (let i = 0; i < MAX_NAME_ATTEMPTS; i++) {
      const w = pick(r, items);
      if (!used.has(w.toLowerCase()) && !exclude?.has(w)) return w;
    }
    // Deterministic fallback: first eligible entry.
    const found = items.find(([w]) => !used.has(w.toLowerCase()) && !exclude?.has(w));
    if (!found) throw new Error('personName: no eligible word');
    return found[0];
  };

  const first = pickFresh(middles);
  used.add(first.toLowerCase());
  words.push(first);
  if (twoMiddles) {
    const second = pickFresh(middles, LEADING_ONLY_MIDDLE);
    used.add(second.toLowerCase());
    words.push(second);
  }
  words.push(pickFresh(givens));
  return words.join(' ');
}

/** Birthplace / hometown strings (pre-2025 three-level administrative names). */
export const HOMETOWN_PLACES: readonly string[] = [
  'xã Kim Liên, huyện Nam Đàn, tỉnh Nghệ An',
  'xã Hành Thiện, huyện Xuân Trường, tỉnh Nam Định',
  'xã Hoằng Lộc, huyện Hoằng Hóa, tỉnh Thanh Hóa',
  'xã Thạch Châu, huyện Lộc Hà, tỉnh Hà Tĩnh',
  'xã Tiên Điền, huyện Nghi Xuân, tỉnh Hà Tĩnh',
  'xã Lộc Thủy, huyện Lệ Thủy, tỉnh Quảng Bình',
  'xã Hải Thượng, huyện Hải Lăng, tỉnh Quảng Trị',
  'xã Quảng Phú, huyện Quảng Điền, tỉnh Thừa Thiên Huế',
  'xã Duy Trung, huyện Duy Xuyên, tỉnh Quảng Nam',
  'xã Nghĩa Kỳ, huyện Tư Nghĩa, tỉnh Quảng Ngãi',
  'xã Phước Hưng, huyện Tuy Phước, tỉnh Bình Định',
  'xã Diên Phú, huyện Diên Khánh, tỉnh Khánh Hòa',
  'xã Ea Kly, huyện Krông Pắc, tỉnh Đắk Lắk',
  'xã Cổ Loa, huyện Đông Anh, thành phố Hà Nội',
  'xã Bát Tràng, huyện Gia Lâm, thành phố Hà Nội',
  'xã Tam Hiệp, huyện Phúc Thọ, thành phố Hà Nội',
  'xã Tân Thông Hội, huyện Củ Chi, Thành phố Hồ Chí Minh',
  'xã Yên Đồng, huyện Yên Mô, tỉnh Ninh Bình',
  'xã Gia Thủy, huyện Nho Quan, tỉnh Ninh Bình',
  'xã Đông Hợp, huyện Đông Hưng, tỉnh Thái Bình',
  'xã Thái Thịnh, huyện Thái Thụy, tỉnh Thái Bình',
  'xã Liên Nghĩa, huyện Văn Giang, tỉnh Hưng Yên',
  'xã Tam Đa, huyện Phù Cừ, tỉnh Hưng Yên',
  'xã Cẩm Vũ, huyện Cẩm Giàng, tỉnh Hải Dương',
  'xã Đại Đồng, huyện Tiên Du, tỉnh Bắc Ninh',
  'xã Phú Đình, huyện Định Hóa, tỉnh Thái Nguyên',
  'xã Cao Xá, huyện Lâm Thao, tỉnh Phú Thọ',
  'xã Tân Trào, huyện Sơn Dương, tỉnh Tuyên Quang',
  'xã Trường Hà, huyện Hà Quảng, tỉnh Cao Bằng',
  'xã Chiềng Mung, huyện Mai Sơn, tỉnh Sơn La',
  'xã Long Định, huyện Châu Thành, tỉnh Tiền Giang',
  'xã An Khánh, huyện Châu Thành, tỉnh Bến Tre',
  'xã Phú Hựu, huyện Châu Thành, tỉnh Đồng Tháp',
  'xã Hòa Bình, huyện Chợ Mới, tỉnh An Giang',
  'xã Long Hậu, huyện Cần Giuộc, tỉnh Long An',
  'xã Biển Bạch, huyện Thới Bình, tỉnh Cà Mau',
];

/** Standard departments (sở) of a province after the 2025 reorganisation; append the province name. */
export const PROVINCIAL_DEPARTMENTS: readonly { code: string; name: string }[] = [
  { code: 'VP', name: 'Văn phòng Ủy ban nhân dân tỉnh' },
  { code: 'SNV', name: 'Sở Nội vụ' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'SXD', name: 'Sở Xây dựng' },
  { code: 'SCT', name: 'Sở Công Thương' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'SYT', name: 'Sở Y tế' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch' },
  { code: 'TTT', name: 'Thanh tra tỉnh' },
  { code: 'SNGV', name: 'Sở Ngoại vụ' },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo' },
];

/** Typical units of a ministry (generic, not tied to a specific ministry). */
export const MINISTRY_DEPARTMENTS: readonly {
  code: string;
  name: string;
  kind: 'central_department' | 'public_service_unit';
}[] = [
  { code: 'VPB', name: 'Văn phòng Bộ', kind: 'central_department' },
  { code: 'VTCCB', name: 'Vụ Tổ chức cán bộ', kind: 'central_department' },
  { code: 'VKHTC', name: 'Vụ Kế hoạch - Tài chính', kind: 'central_department' },
  { code: 'VPC', name: 'Vụ Pháp chế', kind: 'central_department' },
  { code: 'TTB', name: 'Thanh tra Bộ', kind: 'central_department' },
  { code: 'VHTQT', name: 'Vụ Hợp tác quốc tế', kind: 'central_department' },
  { code: 'CQLCN', name: 'Cục Quản lý chuyên ngành', kind: 'central_department' },
  { code: 'TTCNTT', name: 'Trung tâm Công nghệ thông tin', kind: 'public_service_unit' },
  { code: 'TDTBD', name: 'Trường Đào tạo, bồi dưỡng cán bộ', kind: 'public_service_unit' },
];

/** Provincial public service unit name patterns; append the province name where it fits. */
export const PUBLIC_SERVICE_UNITS: readonly string[] = [
  'Bệnh viện Đa khoa tỉnh',
  'Bệnh viện Y dược cổ truyền tỉnh',
  'Trung tâm Kiểm soát bệnh tật tỉnh',
  'Trường Trung học phổ thông chuyên',
  'Trường Cao đẳng',
  'Trung tâm Lưu trữ lịch sử tỉnh',
  'Đài Phát thanh và Truyền hình tỉnh',
  'Trung tâm Dịch vụ việc làm tỉnh',
  'Trung tâm Khuyến nông tỉnh',
  'Thư viện tỉnh',
  'Bảo tàng tỉnh',
  'Ban Quản lý dự án đầu tư xây dựng tỉnh',
];

export const COMMUNE_PREFIXES: readonly string[] = ['Xã', 'Phường'];

/** Plausible commune / ward names (generic; many exist in several provinces). */
export const COMMUNE_NAMES: readonly string[] = [
  'Tân Lập',
  'Hòa Bình',
  'Đông Hưng',
  'Phú Mỹ',
  'An Phú',
  'Quang Trung',
  'Tân Phú',
  'Tân Thành',
  'Tân Hiệp',
  'Tân Tiến',
  'Bình An',
  'Bình Minh',
  'Hòa An',
  'Hòa Lạc',
  'Hòa Thành',
  'Phú Hòa',
  'Phú Thịnh',
  'Phú Lâm',
  'Vĩnh Phúc',
  'Vĩnh Hòa',
  'Vĩnh Thạnh',
  'Thanh Xuân',
  'Thanh Sơn',
  'Thanh Hà',
  'Yên Thế',
  'Yên Hòa',
  'Yên Lạc',
  'Đồng Tâm',
  'Đồng Xuân',
  'Hợp Thành',
  'Tiên Phong',
  'Thống Nhất',
  'Hưng Đạo',
  'Lê Lợi',
  'Minh Khai',
  'Đại Đồng',
  'Đại Phong',
  'Cẩm Phú',
  'Long Thạnh',
  'Long Hưng',
  'Long Phước',
  'Mỹ Hòa',
  'Mỹ Lộc',
  'An Lạc',
  'An Hòa',
  'An Thịnh',
  'Xuân Phương',
  'Xuân Lâm',
  'Tam Hiệp',
  'Kim Sơn',
  'Quang Minh',
  'Đông Sơn',
  'Nam Sơn',
  'Bắc Sơn',
  'Tây Sơn',
  'Trung Hòa',
  'Phúc Lợi',
  'Vạn Phúc',
  'Hiệp Hòa',
  'Nghĩa Đô',
  'Quảng Phú',
  'Hải Thành',
  'Thạch Bàn',
  'Tân Hưng',
  'Phước Long',
  'Phước Hòa',
  'Thái Hòa',
  'Thuận An',
  'Thuận Thành',
  'Trung Sơn',
  'Liên Hiệp',
  'Hồng Phong',
  'Hồng Hà',
  'Cao Thắng',
  'Ngọc Lâm',
  'Bình Thạnh',
  'Định Công',
  'Khánh Bình',
  'Nhơn Hải',
  'Sơn Thủy',
  'Lạc Long',
  'Hòa Hiệp',
];
