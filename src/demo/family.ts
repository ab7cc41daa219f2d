// Group 1 (identity) and group 2 (family) of a demo person: birthplace and hometown as communes of the
// old provinces, the ID numbers, addresses, and a family whose ages fit together (parents older than
// the person, children born after the marriage, the spouse's parents for some).
import { reference } from '../modules/catalogs/index.ts';
import { makePersonId } from '../platform/person-id.ts';
import { declare, minDate, yearOf, type Fact, type Life } from './life.ts';
import { COMMUNE_NAMES, personName, pick, pickOne } from './names.ts';
import { ADULT_JOBS, ETHNIC, PARENT_JOBS, PARTY_NOTE, RELIGION, STREETS } from './vocab.ts';

interface OldProvince {
  code: string;
  name: string;
}
let oldProvinces: OldProvince[] | undefined;
/** The 63 provinces before 01/07/2025: a birth or a hometown before that date names one of them. */
export function oldProvinceList(): OldProvince[] {
  if (!oldProvinces) {
    const seen = new Map<string, OldProvince>();
    for (const p of reference().provinces) for (const o of p.mergedFrom) seen.set(o.code, o);
    oldProvinces = [...seen.values()];
  }
  return oldProvinces;
}

const currentProvince = (code: string): string =>
  reference().provinces.find((p) => p.code === code)?.fullName ?? 'Thành phố Hà Nội';

const commune = (r: () => number, prefix = 'Xã'): string => `${prefix} ${pickOne(r, COMMUNE_NAMES)}`;

/** Letters without diacritics, for an e-mail address. */
const ascii = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

/** A plausible agency mail domain: the province's name ("tuyenquang.gov.vn") or the ministry's code. */
function mailDomain(org: string): string {
  const p = reference().provinces.find((x) => x.code === org);
  return `${p ? ascii(String(p.nameEn ?? p.name)).replace(/[^a-z]/g, '') : org.toLowerCase()}.gov.vn`;
}

// Bijections of the serial, so numbers look random yet never repeat within a seed.
const scramble = (n: number, mult: number, mod: number): number => (n * mult + 12_345) % mod;

/** The identity a recruitment opens the record with: every field of the form but the photo. */
export function identityOf(life: Life): Record<string, unknown> {
  const { r, serial, sex, birthDate, fullName } = life;
  const born = oldProvinceList().find((p) => p.code === life.birthProvince)!;
  const home = r() < 0.7 ? born : pickOne(r, oldProvinceList());
  const bornCommune = commune(r);
  const homeCommune = r() < 0.7 && home === born ? bornCommune : commune(r);
  const workProvince = reference().provinces.some((p) => p.code === life.unit.org) ? life.unit.org : '01';
  const address = `Số ${1 + Math.floor(r() * 200)} đường ${pickOne(r, STREETS)}, ${commune(r, 'Phường')}, ${currentProvince(workProvince)}`;
  const personId = makePersonId(life.birthProvince, { birthDate, sex }, scramble(serial, 7919, 1_000_000));
  const insurance = `${life.birthProvince}${String(scramble(serial, 104_729, 100_000_000)).padStart(8, '0')}`;
  const words = fullName.split(' ');
  const initials = words
    .slice(0, -1)
    .map((w) => ascii(w)[0])
    .join('');
  return {
    personId,
    fullName,
    ...(r() < 0.03 ? { otherNames: words.at(-1) === 'Anh' ? 'Tuấn Anh' : `Út ${words.at(-1)}` } : {}),
    birthDate,
    sex,
    birthPlaceCommune: bornCommune,
    birthPlaceProvince: born.code,
    birthPlace: `${bornCommune}, ${born.name}`,
    hometownCommune: homeCommune,
    hometownProvince: home.code,
    hometown: `${homeCommune}, ${home.name}`,
    ethnicCode: pick(r, ETHNIC),
    religionCode: pick(r, RELIGION),
    permanentAddress: address,
    currentAddress: r() < 0.85 ? address : `Khu tập thể cơ quan, ${currentProvince(workProvince)}`,
    phone: `09${String(scramble(serial, 48_271, 100_000_000)).padStart(8, '0')}`,
    email: `${ascii(words.at(-1)!)}.${initials}${serial % 1000}@${mailDomain(life.unit.org)}`,
    socialInsuranceNo: insurance,
    // HC: cadres, civil servants and public employees; 4: the benefit level; then the province and the
    // social-insurance number (the 15-character card of BHXH Việt Nam).
    healthInsuranceNo: `HC4${life.birthProvince}${insurance}`,
    // Since 01/07/2025 the personal ID number serves as the personal tax code.
    taxCode: personId,
  };
}

type Member = Record<string, unknown>;

/** Father, mother, siblings, and for most adults a spouse and children; the spouse's parents for some. */
export function familyOf(life: Life): Fact[] {
  const { r, birthYear, surname, sex } = life;
  const now = yearOf(life.today);
  const rows: Member[] = [];
  const elder = (code: string, s: 'M' | 'F', year: number, name?: string): Member => {
    const deceased = year < 1950 ? r() < 0.6 : year < 1960 && r() < 0.2;
    return {
      relationship: code,
      fullName: name ?? personName(r, s),
      birthYear: year,
      ...(deceased ? { deceased: true } : { occupation: pickOne(r, PARENT_JOBS) }),
      address: `${commune(r)}, ${pickOne(r, oldProvinceList()).name}`,
      ...(r() < 0.3 ? { politicalNote: PARTY_NOTE } : {}),
    };
  };
  const fatherYear = birthYear - 24 - Math.floor(r() * 10);
  rows.push(elder('CHA', 'M', fatherYear, personName(r, 'M').replace(/^\S+/, surname)));
  rows.push(elder('ME', 'F', birthYear - 21 - Math.floor(r() * 9)));
  const siblings = Math.floor(r() * 3.2);
  for (let i = 0; i < siblings; i++) {
    const s = r() < 0.5 ? 'M' : 'F';
    const older = r() < 0.5 && birthYear - 1 > fatherYear + 20;
    const year = older
      ? Math.max(fatherYear + 20, birthYear - 1 - Math.floor(r() * 6))
      : Math.min(now - 1, birthYear + 1 + Math.floor(r() * 8));
    rows.push(adult(r, older ? (s === 'M' ? 'ANH' : 'CHI') : 'EM', year, now, s, surname));
  }
  if (now - birthYear >= 24 && r() < 0.88) {
    const spouseSex = sex === 'M' ? 'F' : 'M';
    const spouseYear = birthYear + (sex === 'M' ? Math.floor(r() * 7) : -Math.floor(r() * 6));
    const spouseName = personName(r, spouseSex);
    const married = Math.min(now, Math.max(birthYear, spouseYear) + 22 + Math.floor(r() * 6));
    rows.push({
      ...adult(r, sex === 'M' ? 'VO' : 'CHONG', spouseYear, now, spouseSex),
      fullName: spouseName,
      since: married,
    });
    const childSurname = sex === 'M' ? surname : spouseName.split(' ')[0]!;
    const children =
      married < now
        ? pick(r, [
            [0, 10],
            [1, 35],
            [2, 45],
            [3, 10],
          ] as [number, number][])
        : 0;
    for (let i = 0, y = married + 1; i < children && y <= now; i++, y += 2 + Math.floor(r() * 4))
      rows.push({ ...adult(r, 'CON', y, now, r() < 0.5 ? 'M' : 'F', childSurname), since: y });
    if (r() < 0.35) {
      const inLawFather = spouseName.split(' ')[0]!;
      const fatherName = personName(r, 'M').replace(/^\S+/, inLawFather);
      rows.push({
        ...elder('CHA_VC', 'M', spouseYear - 25 - Math.floor(r() * 8), fatherName),
        since: married,
      });
      rows.push({ ...elder('ME_VC', 'F', spouseYear - 22 - Math.floor(r() * 8)), since: married });
    }
  }
  // Who was in the family at recruitment is declared then; a later marriage or birth when it happens.
  const first = yearOf(life.declared);
  const out = rows.map(({ since, ...data }) =>
    declare(
      'family',
      'member',
      typeof since === 'number' && since > first ? minDate(`${since}-06-15`, life.today) : life.declared,
      data,
    ),
  );
  if (r() < 0.03)
    out.push(
      declare('personalHistory', 'relative_abroad', life.declared, {
        relationship: 'EM',
        fullName: personName(r, r() < 0.5 ? 'M' : 'F').replace(/^\S+/, surname),
        country: pickOne(r, ['Nhật Bản', 'Hàn Quốc', 'Cộng hòa Liên bang Đức', 'Australia', 'Hoa Kỳ']),
        occupation: pickOne(r, ['Kỹ sư', 'Du học sinh', 'Lao động theo hợp đồng']),
      }),
    );
  return out;
}

/** A relative of working age or younger: what they do follows from their age. */
function adult(
  r: () => number,
  code: string,
  year: number,
  now: number,
  s: 'M' | 'F',
  surname?: string,
): Member {
  const name = personName(r, s);
  const age = now - year;
  const [occupation, workplace] =
    age < 6
      ? ['Còn nhỏ', '']
      : age < 18
        ? ['Học sinh', '']
        : age < 22
          ? ['Sinh viên', '']
          : pickOne(r, ADULT_JOBS);
  return {
    relationship: code,
    fullName: surname ? name.replace(/^\S+/, surname) : name,
    birthYear: year,
    occupation,
    ...(workplace ? { workplace } : {}),
    address:
      age < 22 ? 'Sống cùng gia đình' : `${commune(r, 'Phường')}, ${pickOne(r, oldProvinceList()).name}`,
  };
}
