// Vietnamese text helpers: diacritic-free search keys and a byte-order sort key that agrees with
// Intl.Collator('vi'), so that the database can sort and paginate with COLLATE "C" on both engines
// (PGlite has no Vietnamese collation).

/** Lower-case, no diacritics, đ → d, single spaces: the form both stored and searched. */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
// CLDR root order: white space, then punctuation and symbols, then digits, then letters.
const PUNCTUATION = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const LETTER_MARKS: Record<string, string> = { '\u0306': 'ă', '\u0302': '^', '\u031b': '+' };
// ICU's Vietnamese tailoring orders tones: none, grave, hook above, tilde, acute, dot below.
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };

interface Weighed {
  primary: number;
  tone: number;
  upper: number;
}

function baseLetter(base: string, marks: string[]): string {
  const b = base.toLowerCase();
  if (b === 'đ') return 'đ';
  for (const m of marks) {
    const kind = LETTER_MARKS[m];
    if (kind === 'ă' && b === 'a') return 'ă';
    if (kind === '^' && 'aeo'.includes(b)) return ({ a: 'â', e: 'ê', o: 'ô' } as Record<string, string>)[b]!;
    if (kind === '+' && 'ou'.includes(b)) return b === 'o' ? 'ơ' : 'ư';
  }
  return b;
}

function weigh(s: string): Weighed[] {
  const out: Weighed[] = [];
  // Split into base character + its combining marks (đ has no decomposition and stays whole).
  for (const cluster of s.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const chars = [...cluster];
    const base = chars[0]!;
    const marks = chars.slice(1);
    const letter = baseLetter(base, marks);
    const tone = marks.reduce((t, m) => TONES[m] ?? t, 0);
    const upper = base !== base.toLowerCase() ? 1 : 0;
    const idx = ALPHABET.indexOf(letter);
    const punct = PUNCTUATION.indexOf(base);
    let primary: number;
    if (/\s/.test(base)) primary = 1;
    else if (punct >= 0) primary = 2 + punct;
    else if (/[0-9]/.test(base)) primary = 40 + Number(base);
    else if (idx >= 0) primary = 60 + idx;
    else primary = 200 + (base.codePointAt(0) ?? 0);
    out.push({ primary, tone, upper });
  }
  return out;
}

const enc = (n: number): string => String.fromCodePoint(0x20 + n);

/** A string whose code-point order equals Intl.Collator('vi') order (primary, then tone, then case). */
export function collationKey(s: string): string {
  const w = weigh(s.trim().replace(/\s+/g, ' '));
  return (
    w.map((x) => enc(x.primary)).join('') +
    '\u0001' +
    w.map((x) => enc(x.tone)).join('') +
    '\u0001' +
    w.map((x) => enc(x.upper)).join('')
  );
}

/** Vietnamese lists sort people by given name (the last word), then by the whole name. */
export function nameSortKey(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return collationKey(words[words.length - 1] ?? '') + '\u0001' + collationKey(fullName);
}

export const viCollator = new Intl.Collator('vi');
