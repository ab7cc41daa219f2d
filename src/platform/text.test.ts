import { describe, expect, it } from 'vitest';
import { nameSortKey, searchKey } from './text.ts';
import { personName, rng } from '../demo/names.ts';

const collator = new Intl.Collator('vi');
const givenName = (fullName: string): string => fullName.trim().split(/\s+/).at(-1) ?? '';

/** The order Vietnamese lists use: given name (the last word) first, then the whole name. */
const byViCollator = (a: string, b: string): number =>
  collator.compare(givenName(a), givenName(b)) || collator.compare(a, b);

const byNameSortKey = (a: string, b: string): number => {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Every pair the two orders disagree on (sign of the comparison), for a readable failure. */
function disagreements(names: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const a of names) {
    for (const b of names) {
      if (Math.sign(byViCollator(a, b)) !== Math.sign(byNameSortKey(a, b))) out.push([a, b]);
    }
  }
  return out;
}

describe('searchKey', () => {
  it.each([
    ['Nguyễn Thị Hoài Thương', 'nguyen thi hoai thuong'],
    ['NGUYỄN THỊ HOÀI THƯƠNG', 'nguyen thi hoai thuong'],
    ['Đặng Đình Đức', 'dang dinh duc'],
    ['đỗ đạt', 'do dat'],
    ['ĐOÀN ĐỨC', 'doan duc'],
    ['Trần Ánh Ước Ơn Ân Ăn Ê', 'tran anh uoc on an an e'],
    ['Lê Thị Huệ Hạ Hả Hã Há Hà', 'le thi hue ha ha ha ha ha'],
  ])('folds %j to %j', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });

  it('gives the same key for precomposed (NFC) and decomposed (NFD) input', () => {
    const name = 'Nguyễn Thị Hoài Thương';
    expect(searchKey(name.normalize('NFD'))).toBe('nguyen thi hoai thuong');
    expect(searchKey(name.normalize('NFC'))).toBe(searchKey(name.normalize('NFD')));
  });

  it.each([
    ['  Nguyễn   Thị\tHoài \n Thương  ', 'nguyen thi hoai thuong'],
    ['\u00a0Lê\u00a0\u00a0Văn An\r\n', 'le van an'],
    ['   ', ''],
    ['', ''],
  ])('collapses and trims whitespace in %j', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });

  it('leaves only lower-case ASCII letters, digits and single spaces for Vietnamese names', () => {
    const r = rng(11);
    for (let i = 0; i < 500; i++) {
      const key = searchKey(personName(r, i % 2 === 0 ? 'F' : 'M'));
      expect(key).toMatch(/^[a-z]+( [a-z]+)+$/);
    }
  });
});

describe('nameSortKey', () => {
  const tricky = [
    // the six tones on one base letter, in both cases
    'Lê Thị Ha',
    'Lê Thị Hà',
    'Lê Thị Hả',
    'Lê Thị Hã',
    'Lê Thị Há',
    'Lê Thị Hạ',
    'Lê Thị HA',
    'Lê Thị HÀ',
    'lê thị hạ',
    // a ă â, with tones
    'Trần Văn Ang',
    'Trần Văn Ăng',
    'Trần Văn Âng',
    'Trần Thị Hang',
    'Trần Thị Hăng',
    'Trần Thị Hằng',
    'Trần Thị Hâng',
    'Trần Thị Hàng',
    'Nguyễn Văn An',
    'Nguyễn Văn Ân',
    'Nguyễn Văn Ăn',
    'Nguyễn Văn Anh',
    // d đ
    'Phạm Văn Dũng',
    'Phạm Văn Duc',
    'Phạm Văn Đức',
    'Phạm Văn đức',
    'Phạm Văn Đông',
    'Phạm Văn Doan',
    'Đỗ Văn Dat',
    'Đỗ Văn Đạt',
    // o ô ơ, u ư
    'Võ Thị On',
    'Võ Thị Ôn',
    'Võ Thị Ơn',
    'Võ Thị Tơ',
    'Võ Thị To',
    'Võ Thị Tô',
    'Vũ Thị Ung',
    'Vũ Thị Ưng',
    'Vũ Thị Tu',
    'Vũ Thị Tư',
    'Vũ Thị Từ',
    'Vũ Thị Tự',
    'Nguyễn Văn Uóc',
    'Nguyễn Văn Ước',
    // ê and stacked marks
    'Lê Thị Huê',
    'Lê Thị Huế',
    'Lê Thị Huệ',
    'Y Moan Ênuôl',
    // upper/lower case of whole names
    'Nguyễn Thị Thương',
    'nguyễn thị thương',
    'NGUYỄN THỊ THƯƠNG',
    // names differing only in the middle name(s)
    'Nguyễn Thị Hoài Thương',
    'Nguyễn Hoài Thương',
    'Nguyễn Thi Thương',
    'Nguyễn Thu Hà',
    'Nguyễn Thụ Hà',
    'Nguyễn Thù Hà',
    'Nguyễn Thị Hà',
    'Nguyễn Hà',
    // same given name, different surnames
    'Hoàng Hà',
    'Đặng Hà',
    'Dương Hà',
    // decomposed (NFD) input sorts as its precomposed form
    'Nguyễn Thị Hằng'.normalize('NFD'),
    'Lê Thị Hạ'.normalize('NFD'),
    // letters outside the Vietnamese alphabet proper
    'Lò Văn Zên',
    'Giàng A Ja',
    'Ksor Wil',
  ];

  it('agrees with Intl.Collator("vi") by (given name, full name) on tricky names', () => {
    expect(tricky.length).toBeGreaterThanOrEqual(40);
    expect(disagreements(tricky)).toEqual([]);
    // NFC only for comparing: an NFD name and its NFC twin are equal in both orders
    const nfc = (list: string[]) => list.map((n) => n.normalize('NFC'));
    const expected = nfc([...tricky].sort(byViCollator));
    expect(nfc([...tricky].sort(byNameSortKey))).toEqual(expected);
    // reversing the input must not change the result (the order is total, not input-dependent)
    expect(nfc([...tricky].reverse().sort(byNameSortKey))).toEqual(expected);
  });

  it('orders tones as none, grave, hook, tilde, acute, dot below', () => {
    const tones = ['Lê Hạ', 'Lê Há', 'Lê Hã', 'Lê Hả', 'Lê Hà', 'Lê Ha'];
    expect(tones.sort(byNameSortKey)).toEqual(['Lê Ha', 'Lê Hà', 'Lê Hả', 'Lê Hã', 'Lê Há', 'Lê Hạ']);
  });

  it('orders the letters a < ă < â, d < đ, o < ô < ơ, u < ư before any tone', () => {
    expect(['Lê Âm', 'Lê Ám', 'Lê Ăm', 'Lê Am'].sort(byNameSortKey)).toEqual([
      'Lê Am',
      'Lê Ám',
      'Lê Ăm',
      'Lê Âm',
    ]);
    expect(['Lê Đa', 'Lê Dz', 'Lê Dạ'].sort(byNameSortKey)).toEqual(['Lê Dạ', 'Lê Dz', 'Lê Đa']);
    expect(['Lê Ơ', 'Lê Ố', 'Lê Ó', 'Lê Pa'].sort(byNameSortKey)).toEqual(['Lê Ó', 'Lê Ố', 'Lê Ơ', 'Lê Pa']);
    expect(['Lê Ư', 'Lê Ứ', 'Lê Uz'].sort(byNameSortKey)).toEqual(['Lê Uz', 'Lê Ư', 'Lê Ứ']);
  });

  it('sorts by given name before the rest of the name', () => {
    expect(['Nguyễn Văn Bình', 'Trần Thị An', 'Bùi Văn Bình', 'Lê Anh'].sort(byNameSortKey)).toEqual([
      'Trần Thị An',
      'Lê Anh',
      'Bùi Văn Bình',
      'Nguyễn Văn Bình',
    ]);
  });

  it('agrees with Intl.Collator("vi") on ethnic-minority names with an apostrophe or a hyphen', () => {
    const names = [
      "Ksor H'Bia",
      'Ksor Hà',
      'Ksor Ha',
      'Ksor Hz',
      "H'Hen Niê",
      'Hen Niê',
      'Rơ Mah Hơ-Bia',
      'Rơ Mah Hơbia',
    ];
    expect(disagreements(names)).toEqual([]);
  });

  it('agrees with Intl.Collator("vi") on 2,000 generated names', () => {
    const r = rng(7);
    const names = Array.from({ length: 2000 }, (_, i) => personName(r, i % 3 === 0 ? 'M' : 'F'));
    expect(new Set(names).size).toBeGreaterThan(500); // the sample really is varied
    const expected = [...names].sort(byViCollator);
    const actual = [...names].sort(byNameSortKey);
    const firstDiff = expected.findIndex((n, i) => n !== actual[i]);
    expect(
      firstDiff,
      `first disagreement at ${firstDiff}: ${expected[firstDiff]} vs ${actual[firstDiff]}`,
    ).toBe(-1);
  });

  it('gives equal names equal keys and is insensitive to surrounding and repeated spaces', () => {
    expect(nameSortKey('Nguyễn Thị Hoài Thương')).toBe(
      nameSortKey('Nguyễn Thị Hoài Thương'.normalize('NFD')),
    );
    expect(nameSortKey('  Nguyễn  Thị Hoài   Thương ')).toBe(nameSortKey('Nguyễn Thị Hoài Thương'));
    expect(nameSortKey('Nguyễn Thị Thương')).not.toBe(nameSortKey('nguyễn thị thương'));
  });
});
