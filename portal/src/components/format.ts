// Dates and numbers the Vietnamese way (dd/mm/yyyy, "1.234"), or the English way.
import type { Lang } from '../i18n/index.tsx';

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

export function fmtDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
}

// Whole numbers grouped by hand: a page's first toLocaleString loads ICU's locale data, tens of ms of
// the overview's cold load (issue 8); fractions still go through Intl.
export const fmtNumber = (n: number, lang: Lang) =>
  Number.isSafeInteger(n)
    ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',')
    : n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
