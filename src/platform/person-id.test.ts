import { describe, expect, it } from 'vitest';
import { checkPersonId, makePersonId, sexCenturyDigit, type PersonIdFacts } from './person-id.ts';
import { reference } from '../modules/catalogs/index.ts';
import { rng } from '../demo/names.ts';

const codes = reference().provinceCodes;
const FIELD = '/identity/personId';
// A Vietnamese sentence: at least one letter only Vietnamese uses (ă â đ ê ô ơ ư or a toned vowel).
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;

const man = (birthDate: string): PersonIdFacts => ({ birthDate, sex: 'M' });
const woman = (birthDate: string): PersonIdFacts => ({ birthDate, sex: 'F' });

/** Asserts exactly one problem, on the personId field, with a Vietnamese reason matching `words`. */
function expectOneReason(personId: string, facts: PersonIdFacts, words: RegExp): void {
  const details = checkPersonId(personId, facts, codes);
  expect(details, JSON.stringify(details)).toHaveLength(1);
  const [d] = details;
  expect(d?.field).toBe(FIELD);
  expect(d?.reason).toMatch(VIETNAMESE);
  expect(d?.reason).toMatch(words);
}

describe('the province codes of the catalog', () => {
  it('hold the 63 pre-2025 codes, which include the 34 current ones', () => {
    expect(codes.size).toBe(63);
    for (const p of reference().provinces) expect(codes.has(p.code)).toBe(true);
    expect(codes.has('02')).toBe(true); // Hà Giang, merged into Tuyên Quang in 2025
    expect(codes.has('03')).toBe(false);
    expect(codes.has('99')).toBe(false);
  });
});

describe('checkPersonId', () => {
  it.each([
    ['a man born in 1990 in Hà Nội', '001090123456', man('1990-05-17')],
    ['a woman born in 1990 in Hà Nội', '001190123456', woman('1990-05-17')],
    ['a man born in 1900', '001000000001', man('1900-01-01')],
    ['a woman born in 1999', '079199999999', woman('1999-12-31')],
    ['a man born in 2000', '001200000000', man('2000-01-01')],
    ['a woman born in 2005 in Hồ Chí Minh City', '079305654321', woman('2005-06-30')],
    ['a man born in 2099', '001299000000', man('2099-02-28')],
    ['a woman born in 2010 under the old code of Hà Giang', '002310000007', woman('2010-03-08')],
    ['a man born in 1975 under the old code of Quảng Nam', '049075000123', man('1975-04-30')],
  ])('accepts %s', (_what, personId, facts) => {
    expect(checkPersonId(personId, facts, codes)).toEqual([]);
  });

  it.each([
    ['11 digits', '00109012345'],
    ['13 digits', '0010901234567'],
    ['a letter', '00109012345a'],
    ['a space inside', '001090 23456'],
    ['a leading space', ' 001090123456'],
    ['a trailing newline', '001090123456\n'],
    ['full-width digits', '００１０９０１２３４５６'],
    ['a sign', '+01090123456'],
    ['nothing', ''],
  ])('rejects a number with %s as not 12 digits', (_what, personId) => {
    expectOneReason(personId, man('1990-05-17'), /12 chữ số/);
  });

  it.each([
    ['a first digit other than 0', '101090123456'],
    ['an unknown code 99', '099090123456'],
    ['an unknown code 03', '003090123456'],
    ['the code 00', '000090123456'],
  ])('rejects a province prefix with %s', (_what, personId) => {
    expectOneReason(personId, man('1990-05-17'), /mã tỉnh/);
  });

  it.each([
    ['a man born in the 1900s marked as a woman', '001190123456', man('1990-05-17'), '0'],
    ['a woman born in the 1900s marked as a man', '001090123456', woman('1990-05-17'), '1'],
    ['a man born in the 2000s marked as born in the 1900s', '001001123456', man('2001-01-01'), '2'],
    ['a woman born in the 2000s marked as a man', '001201123456', woman('2001-01-01'), '3'],
    ['a woman born in the 2000s marked as born in the 1900s', '001101123456', woman('2001-01-01'), '3'],
    ['a digit no one has', '001901123456', man('2001-01-01'), '2'],
  ])('rejects the sex/century digit of %s', (_what, personId, facts, expected) => {
    expectOneReason(personId, facts, /giới tính và thế kỷ/);
    expect(checkPersonId(personId, facts, codes)[0]?.reason).toContain(`cần ${expected}`);
  });

  it.each([
    ['1990 written as 91', '001091123456', man('1990-05-17')],
    ['2005 written as 50', '079350123456', woman('2005-06-30')],
    ['2000 written as 01', '001201123456', man('2000-01-01')],
    ['1909 written as 90', '001090123456', man('1909-01-01')],
  ])('rejects year digits: %s', (_what, personId, facts) => {
    expectOneReason(personId, facts, /năm sinh/);
  });

  it('reports every rule broken at once, each on the field', () => {
    const details = checkPersonId('199091123456', woman('2001-01-01'), codes);
    expect(details).toHaveLength(3);
    for (const d of details) {
      expect(d.field).toBe(FIELD);
      expect(d.reason).toMatch(VIETNAMESE);
    }
    expect(details.map((d) => d.reason).join(' | ')).toMatch(/mã tỉnh.*giới tính.*năm sinh/);
  });

  it('names the field it is given', () => {
    const [d] = checkPersonId('123', man('1990-01-01'), codes, '/payload/identity/personId');
    expect(d?.field).toBe('/payload/identity/personId');
  });

  it('depends on the province codes it is given', () => {
    expect(checkPersonId('001090123456', man('1990-05-17'), new Set(['79']))).toHaveLength(1);
    expect(checkPersonId('079090123456', man('1990-05-17'), new Set(['79']))).toEqual([]);
  });
});

describe('makePersonId', () => {
  it('gives the sex/century digit 0/1 for the 1900s and 2/3 for the 2000s', () => {
    expect(sexCenturyDigit(1900, 'M')).toBe(0);
    expect(sexCenturyDigit(1999, 'F')).toBe(1);
    expect(sexCenturyDigit(2000, 'M')).toBe(2);
    expect(sexCenturyDigit(2099, 'F')).toBe(3);
    expect(makePersonId('01', man('1990-05-17'), 123456)).toBe('001090123456');
    expect(makePersonId('79', woman('2005-06-30'), 42)).toBe('079305000042');
    expect(makePersonId('02', man('2000-01-01'), 1_234_567)).toBe('002200234567');
  });

  it('always builds a number that passes checkPersonId', () => {
    const r = rng(2025);
    const serials = [0, 1, 999_999, 1_000_000, 123_456_789];
    let checked = 0;
    for (const code of codes) {
      for (const sex of ['M', 'F'] as const) {
        for (const year of [1900, 1901, 1959, 1999, 2000, 2001, 2050, 2099]) {
          const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
          const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
          const facts = { birthDate: `${year}-${month}-${day}`, sex };
          for (const serial of [...serials, Math.floor(r() * 1e9)]) {
            const id = makePersonId(code, facts, serial);
            expect(id).toMatch(/^\d{12}$/);
            expect(checkPersonId(id, facts, codes), `${id} for ${JSON.stringify(facts)}`).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(63 * 2 * 8 * 6);
  });
});
