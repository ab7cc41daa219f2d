// The 12-digit personal identification number (số định danh cá nhân), per the Ministry of Public
// Security's rules: 0 + 2-digit province of birth registration, a sex/century digit, the last two
// digits of the birth year, then six random digits.
import type { ErrorDetail } from './errors.ts';

export interface PersonIdFacts {
  birthDate: string; // YYYY-MM-DD
  sex: 'M' | 'F';
}

export function sexCenturyDigit(birthYear: number, sex: 'M' | 'F'): number {
  const century = Math.floor((birthYear - 1900) / 100);
  return century * 2 + (sex === 'F' ? 1 : 0);
}

/**
 * Returns the reasons the number is invalid for this person (empty when valid).
 * `provinceCodes` holds every province code that may appear, old (pre-2025) and current.
 */
export function checkPersonId(
  personId: string,
  facts: PersonIdFacts,
  provinceCodes: ReadonlySet<string>,
  field = '/identity/personId',
): ErrorDetail[] {
  if (!/^\d{12}$/.test(personId)) return [{ field, reason: 'Số định danh cá nhân phải gồm đúng 12 chữ số' }];
  const errors: ErrorDetail[] = [];
  const province = personId.slice(0, 3);
  if (province[0] !== '0' || !provinceCodes.has(province.slice(1))) {
    errors.push({ field, reason: `Ba chữ số đầu (${province}) không phải mã tỉnh nơi đăng ký khai sinh` });
  }
  const year = Number(facts.birthDate.slice(0, 4));
  const expected = sexCenturyDigit(year, facts.sex);
  if (year < 1900 || Number(personId[3]) !== expected) {
    errors.push({
      field,
      reason: `Chữ số thứ 4 (${personId[3]}) không khớp giới tính và thế kỷ sinh (cần ${expected})`,
    });
  }
  if (personId.slice(4, 6) !== String(year % 100).padStart(2, '0')) {
    errors.push({ field, reason: `Chữ số thứ 5–6 (${personId.slice(4, 6)}) không khớp năm sinh ${year}` });
  }
  return errors;
}

/** Builds a number that satisfies the rules (for demo data and tests): `serial` fills the last six digits. */
export function makePersonId(provinceCode: string, facts: PersonIdFacts, serial: number): string {
  const year = Number(facts.birthDate.slice(0, 4));
  return `0${provinceCode}${sexCenturyDigit(year, facts.sex)}${String(year % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}
