// The language context: Vietnamese first, English on request; the choice is kept in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTS: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORE = 'hoso.lang';

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m)) : text;
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: T;
}

const I18nContext = createContext<I18n>({
  lang: 'vi',
  setLang: () => {},
  t: (k, p) => translate('vi', k, p),
});

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORE) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    document.documentElement.lang = l;
    try {
      localStorage.setItem(STORE, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (k, p) => translate(lang, k, p) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);

/** A key made at run time from an API value ("status." + status); falls back to the raw value. */
export function label(t: T, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return t('none');
  const key = `${prefix}.${value}` as MessageKey;
  return key in vi ? t(key) : value;
}
