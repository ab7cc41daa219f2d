// Names for the codes a record's rows hold: the catalogs they name are fetched once per page load and
// cached, so rows read "Cha đẻ", "Đảng Cộng sản Việt Nam", "Nhóm máu O Rh+" rather than codes.
import { useEffect, useMemo, useState } from 'react';
import type { Lookups } from '../../../api/record/display.ts';
import { ROW_KINDS } from '../../../api/record/spec.ts';
import { catalogs, type CatalogItem } from '../api/admin.ts';

const NEEDED = [
  ...new Set(
    ROW_KINDS.flatMap((k) =>
      k.fields.flatMap((f) => [
        ...(f.catalog ? [f.catalog] : []),
        ...(f.type === 'rank' ? ['civil-servant-ranks', 'professional-titles'] : []),
        ...Object.values(f.catalogBy?.catalogs ?? {}),
      ]),
    ),
  ),
];

const cache = new Map<string, Promise<CatalogItem[]>>();
export function catalogItems(name: string): Promise<CatalogItem[]> {
  let p = cache.get(name);
  if (!p) {
    p = catalogs.get(name).then(
      (r) => r.items,
      () => [],
    );
    cache.set(name, p);
  }
  return p;
}

/** Catalog names for every code a row may hold, and unit names from the record read. */
export function useRecordLookups(unitNames: Record<string, string> = {}, lang: 'vi' | 'en' = 'vi'): Lookups {
  const [names, setNames] = useState<Map<string, Map<string, string>>>(new Map());
  useEffect(() => {
    let live = true;
    void Promise.all(NEEDED.map(async (n) => [n, await catalogItems(n)] as const)).then((all) => {
      if (live) setNames(new Map(all.map(([n, items]) => [n, new Map(items.map((i) => [i.code, i.name]))])));
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(
    () => ({
      catalogName: (c: string, code: string) => names.get(c)?.get(code),
      unitName: (id: number) => unitNames[String(id)],
      lang,
    }),
    [names, unitNames, lang],
  );
}
