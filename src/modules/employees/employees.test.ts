import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import type { CreateEmployee } from '../../../api/personnel-actions.ts';
import type { Category } from '../../../api/actions.ts';
import type { EmployeeSummary } from '../../../api/employees.ts';
import { makePersonId } from '../../platform/person-id.ts';

// TEST_NOW is 2026-11-20 (10:00 in Vietnam): every `age` below is worked out by hand for that day.
interface Person {
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  age: number;
  unit: 'hanoiHome' | 'hanoiCommune' | 'ministryDept' | 'tuyenquang';
  effectiveDate: string;
  category: Category;
  rankCode: string;
  salaryStep: number;
  ethnicCode: string;
  province: string; // province of birth registration, the ID number's prefix
  then?: 'leave' | 'resign';
}

const PEOPLE: Person[] = [
  {
    fullName: 'Nguyễn Thị Hoài Thương',
    sex: 'F',
    birthDate: '1990-05-17',
    age: 36,
    unit: 'hanoiHome',
    effectiveDate: '2015-03-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 1,
    ethnicCode: '01',
    province: '02', // Hà Giang, a pre-2025 code: her ID starts 002190, no one else's does
  },
  {
    fullName: 'Nguyễn Thị Thương',
    sex: 'F',
    birthDate: '1985-11-20', // 41 today, her birthday
    age: 41,
    unit: 'hanoiCommune', // opens 2025-07-01
    effectiveDate: '2025-08-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Trần Hoài Thu',
    sex: 'F',
    birthDate: '1995-02-10',
    age: 31,
    unit: 'hanoiHome',
    effectiveDate: '2018-01-01',
    category: 'public_employee',
    rankCode: 'V.07.03.29',
    salaryStep: 2,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Lê Văn Đức',
    sex: 'M',
    birthDate: '1970-01-01',
    age: 56,
    unit: 'ministryDept',
    effectiveDate: '1995-06-01',
    category: 'civil_servant',
    rankCode: '01.002',
    salaryStep: 3,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Phạm Văn Hùng',
    sex: 'M',
    birthDate: '2000-11-21', // 26 tomorrow
    age: 25,
    unit: 'hanoiCommune',
    effectiveDate: '2025-07-01',
    category: 'public_employee',
    rankCode: 'V.07.03.29',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Hoàng Thị Hà',
    sex: 'F',
    birthDate: '1988-03-03',
    age: 38,
    unit: 'hanoiHome',
    effectiveDate: '2012-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 4,
    ethnicCode: '02', // Tày
    province: '01',
  },
  {
    fullName: 'Bùi Thị Ánh',
    sex: 'F',
    birthDate: '1998-07-15',
    age: 28,
    unit: 'ministryDept',
    effectiveDate: '2021-01-01',
    category: 'public_employee',
    rankCode: 'V.07.05.15',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Đỗ Minh Anh',
    sex: 'M',
    birthDate: '1992-12-31', // 34 only on 31 December
    age: 33,
    unit: 'hanoiHome',
    effectiveDate: '2016-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 2,
    ethnicCode: '01',
    province: '01',
    then: 'leave',
  },
  {
    fullName: 'Nguyễn Văn Dũng',
    sex: 'M',
    birthDate: '1966-06-30',
    age: 60,
    unit: 'hanoiHome',
    effectiveDate: '2010-01-01',
    category: 'cadre',
    rankCode: '01.001',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Trịnh Văn Đạt',
    sex: 'M',
    birthDate: '1980-01-15',
    age: 46,
    unit: 'tuyenquang',
    effectiveDate: '2005-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 3,
    ethnicCode: '03', // Thái
    province: '08',
    then: 'resign',
  },
  {
    fullName: 'Lê Thị Hằng',
    sex: 'F',
    birthDate: '2003-04-04',
    age: 23,
    unit: 'hanoiCommune',
    effectiveDate: '2025-09-01',
    category: 'civil_servant',
    rankCode: '01.004',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Nguyễn Văn An',
    sex: 'M',
    birthDate: '2000-11-20', // 26 today
    age: 26,
    unit: 'ministryDept',
    effectiveDate: '2023-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Nguyễn Văn An', // the same name again: the order falls back on the record id
    sex: 'M',
    birthDate: '1996-08-08',
    age: 30,
    unit: 'hanoiHome',
    effectiveDate: '2020-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 2,
    ethnicCode: '01',
    province: '01',
  },
  {
    fullName: 'Vũ Thị Hạ',
    sex: 'F',
    birthDate: '1999-09-09',
    age: 27,
    unit: 'hanoiHome',
    effectiveDate: '2022-01-01',
    category: 'civil_servant',
    rankCode: '01.003',
    salaryStep: 1,
    ethnicCode: '01',
    province: '01',
  },
];

const THUONG = 'Nguyễn Thị Hoài Thương';
const collator = new Intl.Collator('vi');
const givenName = (n: string): string => n.split(' ').at(-1) ?? '';
const viOrder = (a: string, b: string): number =>
  collator.compare(givenName(a), givenName(b)) || collator.compare(a, b);
/** The names of the people matching `pred`, in the order a Vietnamese list uses. */
const namesWhere = (pred: (p: Person) => boolean): string[] =>
  PEOPLE.filter(pred)
    .map((p) => p.fullName)
    .sort(viOrder);

const decision = (n: string, date: string) => ({
  number: n,
  date,
  signerName: 'Trần Văn Ký',
  issuingBody: 'UBND thành phố Hà Nội',
});

type Query = Record<string, string | number>;
interface Page {
  items: EmployeeSummary[];
  nextCursor: string | null;
}

function expectError(res: LightMyRequestResponse, status: number, code?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: unknown; message: unknown; details: unknown } }>();
  expect(typeof body.error.code).toBe('string');
  if (code) expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Array.isArray(body.error.details)).toBe(true);
}

const encodeCursor = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

describe.each(ENGINES)('searching e-records on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  const created = new Map<Person, EmployeeSummary & { salaryCoefficient: number }>();

  const raw = (q: Query | string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/employees?${typeof q === 'string' ? q : new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
    });
  const search = async (q: Query): Promise<Page> => {
    const res = await raw({ limit: 200, ...q });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const names = async (q: Query): Promise<string[]> => (await search(q)).items.map((i) => i.fullName);

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    app = await testApp(d);
    for (const [i, p] of PEOPLE.entries()) {
      const base = recruitBody(w[p.unit], {
        fullName: p.fullName,
        sex: p.sex,
        birthDate: p.birthDate,
        ethnicCode: p.ethnicCode,
        personId: makePersonId(p.province, p, 500 + i),
        effectiveDate: p.effectiveDate,
        rankCode: p.rankCode,
        salaryStep: p.salaryStep,
      });
      const body: CreateEmployee = { ...base, payload: { ...base.payload, category: p.category } };
      const res = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body });
      expect(res.statusCode, res.body).toBe(201);
      created.set(p, res.json());
      if (p.then) {
        const action = await app.inject({
          method: 'POST',
          url: `/api/v1/employees/${res.json<{ id: string }>().id}/actions`,
          payload:
            p.then === 'leave'
              ? {
                  type: 'leave',
                  effectiveDate: '2026-09-01',
                  decision: decision(`${i}/QĐ-NKL`, '2026-08-20'),
                  payload: { kind: 'Nghỉ không lương' },
                }
              : {
                  type: 'resign',
                  effectiveDate: '2024-01-01',
                  decision: decision(`${i}/QĐ-TV`, '2023-12-20'),
                  payload: { reason: 'Nguyện vọng cá nhân' },
                },
        });
        expect(action.statusCode, action.body).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const thuong = () => created.get(PEOPLE[0]!)!;

  describe('by name and ID number', () => {
    it.each([
      'nguyen thi hoai thuong',
      'hoai thuong',
      THUONG,
      'NGUYEN THI HOAI THUONG',
      'NGUYỄN THỊ HOÀI THƯƠNG',
      '  nguyen   thi  hoai thuong ',
      THUONG.normalize('NFD'),
    ])('finds only her with q=%j', async (q) => {
      expect(await names({ q })).toEqual([THUONG]);
    });

    it('finds her by her 12-digit personal ID number, and only her', async () => {
      const personId = thuong().personId;
      expect(personId).toMatch(/^002190\d{6}$/);
      const page = await search({ q: personId });
      expect(page.items.map((i) => i.id)).toEqual([thuong().id]);
      expect(page.nextCursor).toBeNull();
    });

    it('returns the summary of the record', async () => {
      const [item] = (await search({ q: thuong().personId })).items;
      expect(item).toEqual({
        id: thuong().id,
        personId: thuong().personId,
        fullName: THUONG,
        birthDate: '1990-05-17',
        sex: 'F',
        category: 'civil_servant',
        status: 'active',
        workingUnitId: w.hanoiHome,
        workingUnitName: 'Sở Nội vụ Hà Nội',
        managingUnitId: w.hanoiHome,
        rankCode: '01.003',
        salaryStep: 1,
        positionTitle: null,
      });
    });

    it('finds by the beginning of an ID number', async () => {
      expect(await names({ q: thuong().personId.slice(0, 6) })).toEqual([THUONG]);
      // '001' is Hà Nội: everyone but her (Hà Giang, 002) and Đạt (Tuyên Quang, 008)
      expect(await names({ q: '001' })).toEqual(namesWhere((p) => p.province === '01'));
      expect(await names({ q: '008' })).toEqual(['Trịnh Văn Đạt']);
      expect(await names({ q: '0021909' })).toEqual([]);
      expect(await names({ q: '999999999999' })).toEqual([]);
    });

    it('lets the last word be a word prefix', async () => {
      // "hoai thu" is also all of "Trần Hoài Thu"
      expect(await names({ q: 'hoai thu' })).toEqual(['Trần Hoài Thu', THUONG]);
      expect(await names({ q: 'hoai thuo' })).toEqual([THUONG]);
      expect(await names({ q: 'nguyen thi hoai th' })).toEqual([THUONG]);
      expect(await names({ q: 'thuong' })).toEqual([THUONG, 'Nguyễn Thị Thương']);
    });

    it('matches only at the start of words', async () => {
      expect(await names({ q: 'oai thuong' })).toEqual([]);
      expect(await names({ q: 'huong' })).toEqual([]);
      expect(await names({ q: 'guyen thi hoai thuong' })).toEqual([]);
      // a word before the last must be whole: "hoa" is not "hoai"
      expect(await names({ q: 'hoa thuong' })).toEqual([]);
    });

    it('ignores diacritics and treats đ as d', async () => {
      expect(await names({ q: 'duc' })).toEqual(['Lê Văn Đức']);
      expect(await names({ q: 'Đức' })).toEqual(['Lê Văn Đức']);
      expect(await names({ q: 'DAT' })).toEqual(['Trịnh Văn Đạt']);
      expect(await names({ q: 'ha' })).toEqual(['Hoàng Thị Hà', 'Vũ Thị Hạ', 'Lê Thị Hằng']);
      expect(await names({ q: 'an' })).toEqual([
        'Nguyễn Văn An',
        'Nguyễn Văn An',
        'Đỗ Minh Anh',
        'Bùi Thị Ánh',
      ]);
    });

    it.each(['%', '_', '%%', 'nguy_n', 'ng%', '\\', "'", 'thuong%'])(
      'treats LIKE wildcards and quotes in q=%j as plain text',
      async (q) => {
        expect(await names({ q })).toEqual([]);
      },
    );

    it('returns everyone for an empty or blank q', async () => {
      const all = namesWhere(() => true);
      expect(await names({ q: '' })).toEqual(all);
      expect(await names({ q: '   ' })).toEqual(all);
    });
  });

  describe('filters', () => {
    it('unitId takes the whole subtree of the unit', async () => {
      const inHanoi = namesWhere((p) => p.unit === 'hanoiHome' || p.unit === 'hanoiCommune');
      expect(await names({ unitId: w.hanoi })).toEqual(inHanoi);
      expect(inHanoi).not.toContain('Lê Văn Đức'); // the ministry's
      expect(inHanoi).not.toContain('Trịnh Văn Đạt'); // Tuyên Quang's
      expect(await names({ unitId: w.hanoiCommune })).toEqual([
        'Lê Thị Hằng',
        'Phạm Văn Hùng',
        'Nguyễn Thị Thương',
      ]);
      expect(await names({ unitId: w.hanoiHome })).toEqual(namesWhere((p) => p.unit === 'hanoiHome'));
      expect(await names({ unitId: w.ministry })).toEqual(['Nguyễn Văn An', 'Bùi Thị Ánh', 'Lê Văn Đức']);
      expect(await names({ unitId: w.ministryDept })).toEqual(['Nguyễn Văn An', 'Bùi Thị Ánh', 'Lê Văn Đức']);
      expect(await names({ unitId: w.tuyenquang })).toEqual(['Trịnh Văn Đạt']);
      expect(await names({ unitId: w.nation })).toEqual(namesWhere(() => true));
      expect(await names({ unitId: w.hagiang })).toEqual([]);
    });

    it('managedBy takes those managed by exactly that unit, not its subtree', async () => {
      expect(await names({ managedBy: w.hanoiHome })).toEqual(namesWhere((p) => p.unit === 'hanoiHome'));
      expect(await names({ managedBy: w.hanoi })).toEqual([]); // its departments manage their own people
      expect(await names({ managedBy: w.ministryDept, q: 'an' })).toEqual(['Nguyễn Văn An', 'Bùi Thị Ánh']);
    });

    it('unitId keeps the two people of the same name apart', async () => {
      const page = await search({ q: 'nguyen van an', unitId: w.hanoi });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ fullName: 'Nguyễn Văn An', birthDate: '1996-08-08' });
    });

    it.each([
      ['category', 'public_employee', (p: Person) => p.category === 'public_employee'],
      ['category', 'cadre', (p: Person) => p.category === 'cadre'],
      ['category', 'worker', () => false],
      ['status', 'on_leave', (p: Person) => p.then === 'leave'],
      ['status', 'resigned', (p: Person) => p.then === 'resign'],
      ['status', 'active', (p: Person) => p.then === undefined],
      ['rankCode', '01.002', (p: Person) => p.rankCode === '01.002'],
      ['rankCode', '01.004', (p: Person) => p.rankCode === '01.004'],
      ['ethnicCode', '02', (p: Person) => p.ethnicCode === '02'],
      ['ethnicCode', '03', (p: Person) => p.ethnicCode === '03'],
      ['sex', 'M', (p: Person) => p.sex === 'M'],
      ['sex', 'F', (p: Person) => p.sex === 'F'],
    ])('%s=%s', async (key, value, pred) => {
      const expected = namesWhere(pred);
      expect(await names({ [key]: value })).toEqual(expected);
    });

    it('filters are hand-checked, not just derived', async () => {
      expect(await names({ status: 'on_leave' })).toEqual(['Đỗ Minh Anh']);
      expect(await names({ category: 'public_employee' })).toEqual([
        'Bùi Thị Ánh',
        'Phạm Văn Hùng',
        'Trần Hoài Thu',
      ]);
      expect(await names({ ethnicCode: '02' })).toEqual(['Hoàng Thị Hà']);
      expect(await names({ rankCode: '01.002' })).toEqual(['Lê Văn Đức']);
    });

    it.each([
      [{ ageMin: 41 }, ['Nguyễn Văn Dũng', 'Trịnh Văn Đạt', 'Lê Văn Đức', 'Nguyễn Thị Thương']],
      [{ ageMin: 41, ageMax: 41 }, ['Nguyễn Thị Thương']],
      [{ ageMin: 42, ageMax: 55 }, ['Trịnh Văn Đạt']],
      [{ ageMax: 25 }, ['Lê Thị Hằng', 'Phạm Văn Hùng']],
      [{ ageMin: 26, ageMax: 26 }, ['Nguyễn Văn An']],
      [{ ageMin: 25, ageMax: 25 }, ['Phạm Văn Hùng']],
      [{ ageMin: 33, ageMax: 33 }, ['Đỗ Minh Anh']],
      [{ ageMin: 30, ageMax: 36 }, ['Nguyễn Văn An', 'Đỗ Minh Anh', 'Trần Hoài Thu', THUONG]],
      [{ ageMin: 60 }, ['Nguyễn Văn Dũng']],
      [{ ageMin: 61 }, []],
      [{ ageMax: 22 }, []],
      [{ ageMin: 0, ageMax: 120 }, PEOPLE.map((p) => p.fullName).sort(viOrder)],
    ])('ages %j on 2026-11-20', async (q, expected) => {
      expect(await names(q)).toEqual(expected);
      // the hand-worked ages in PEOPLE agree with the hand-written expectation
      const min = 'ageMin' in q ? q.ageMin : 0;
      const max = 'ageMax' in q ? q.ageMax : 200;
      expect(namesWhere((p) => p.age >= min && p.age <= max)).toEqual(expected);
    });

    it('combines filters with the name search', async () => {
      expect(await names({ q: 'thuong', unitId: w.hanoi, sex: 'F' })).toEqual([THUONG, 'Nguyễn Thị Thương']);
      expect(await names({ q: 'thuong', unitId: w.hanoiHome })).toEqual([THUONG]);
      expect(await names({ q: 'thuong', unitId: w.ministry })).toEqual([]);
      expect(await names({ q: 'thuong', ageMin: 40 })).toEqual(['Nguyễn Thị Thương']);
      expect(await names({ sex: 'M', unitId: w.hanoi, status: 'active' })).toEqual([
        'Nguyễn Văn An',
        'Nguyễn Văn Dũng',
        'Phạm Văn Hùng',
      ]);
    });
  });

  describe('order and pages', () => {
    it('lists in Vietnamese order: given name, then full name', async () => {
      const got = await names({});
      expect(got).toHaveLength(PEOPLE.length);
      expect(got).toEqual([...got].sort(viOrder));
      expect(got).toEqual([
        'Nguyễn Văn An',
        'Nguyễn Văn An',
        'Đỗ Minh Anh',
        'Bùi Thị Ánh',
        'Nguyễn Văn Dũng',
        'Trịnh Văn Đạt',
        'Lê Văn Đức',
        'Hoàng Thị Hà',
        'Vũ Thị Hạ',
        'Lê Thị Hằng',
        'Phạm Văn Hùng',
        'Trần Hoài Thu',
        THUONG,
        'Nguyễn Thị Thương',
      ]);
    });

    async function walk(q: Query, limit: number): Promise<Page[]> {
      const pages: Page[] = [];
      let cursor: string | null = null;
      do {
        const page = await search({ ...q, limit, ...(cursor ? { cursor } : {}) });
        pages.push(page);
        cursor = page.nextCursor;
        expect(pages.length, 'pagination does not end').toBeLessThanOrEqual(PEOPLE.length + 2);
      } while (cursor);
      return pages;
    }

    it.each([1, 2, 3, 7, 13, 14, 200])(
      'walks every page with limit=%i, without duplicates or gaps',
      async (limit) => {
        const all = (await search({})).items.map((i) => i.id);
        expect(all).toHaveLength(PEOPLE.length);
        const pages = await walk({}, limit);
        expect(pages).toHaveLength(Math.max(1, Math.ceil(PEOPLE.length / limit)));
        for (const [i, p] of pages.entries()) {
          if (i < pages.length - 1) {
            expect(p.items).toHaveLength(limit);
            expect(typeof p.nextCursor).toBe('string');
          }
        }
        const last = pages.at(-1)!;
        expect(last.nextCursor).toBeNull();
        expect(last.items.length).toBeGreaterThan(0);
        const walked = pages.flatMap((p) => p.items.map((i) => i.id));
        expect(new Set(walked).size).toBe(walked.length);
        expect(walked).toEqual(all);
      },
    );

    it('pages keep the filters', async () => {
      const expected = namesWhere((p) => p.unit === 'hanoiHome' || p.unit === 'hanoiCommune');
      const pages = await walk({ unitId: w.hanoi }, 3);
      expect(pages.flatMap((p) => p.items.map((i) => i.fullName))).toEqual(expected);
      const sexPages = await walk({ sex: 'F', q: 'thi' }, 2);
      expect(sexPages.flatMap((p) => p.items.map((i) => i.fullName))).toEqual(
        namesWhere((p) => p.sex === 'F' && p.fullName.includes(' Thị ')),
      );
    });

    it('has no next cursor when nothing matches', async () => {
      expect(await search({ q: 'khong ai ten nay' })).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('invalid requests', () => {
    it.each([
      ['not base64 JSON', 'not-a-cursor'],
      ['punctuation', '!!!'],
      ['a JSON object', encodeCursor({ sortKey: 'x', id: '00000000-0000-4000-8000-000000000000' })],
      ['one element', encodeCursor(['x'])],
      ['a number for the sort key', encodeCursor([1, '00000000-0000-4000-8000-000000000000'])],
      ['an id that is not a UUID', encodeCursor(['x', 'not-a-uuid'])],
      ['36 dashes for an id', encodeCursor(['x', '-'.repeat(36)])],
      ['36 hex digits for an id', encodeCursor(['x', 'a'.repeat(36)])],
      ['a NUL character in the sort key', encodeCursor(['\u0000', '00000000-0000-4000-8000-000000000000'])],
    ])('rejects a cursor with %s: 400 INVALID_CURSOR', async (_what, cursor) => {
      expectError(await raw({ cursor }), 400, 'INVALID_CURSOR');
    });

    it.each([
      ['limit=0', 'limit=0'],
      ['limit=1000', 'limit=1000'],
      ['limit=201', 'limit=201'],
      ['limit=-1', 'limit=-1'],
      ['limit=1.5', 'limit=1.5'],
      ['limit=ten', 'limit=ten'],
      ['ageMin > ageMax', 'ageMin=50&ageMax=40'],
      ['a negative age', 'ageMin=-1'],
      ['an age over 120', 'ageMax=121'],
      ['an unknown parameter', 'foo=1'],
      ['a parameter in the wrong case', 'unitID=1'],
      ['an unknown category', 'category=king'],
      ['an unknown status', 'status=sleeping'],
      ['an unknown sex', 'sex=X'],
      ['unitId=0', 'unitId=0'],
      ['unitId not a number', 'unitId=hanoi'],
      ['a q over 100 characters', `q=${'a'.repeat(101)}`],
      ['a cursor over 500 characters', `cursor=${'a'.repeat(501)}`],
    ])('rejects %s with 400 VALIDATION_FAILED', async (_what, qs) => {
      expectError(await raw(qs), 400, 'VALIDATION_FAILED');
    });

    it('names the unknown parameter and the bad limit', async () => {
      const unknown = (await raw('foo=1')).json<{ error: { details: { field?: string }[] } }>();
      expect(unknown.error.details.some((x) => x.field?.includes('foo'))).toBe(true);
      const limit = (await raw('limit=0')).json<{ error: { details: { field?: string }[] } }>();
      expect(limit.error.details.some((x) => x.field?.includes('limit'))).toBe(true);
      const ages = (await raw('ageMin=50&ageMax=40')).json<{ error: { details: { field?: string }[] } }>();
      expect(ages.error.details.some((x) => x.field?.includes('ageMin'))).toBe(true);
    });

    it('accepts the limits of the ranges', async () => {
      expect((await raw('limit=1')).statusCode).toBe(200);
      expect((await raw('limit=200')).statusCode).toBe(200);
      expect((await raw('ageMin=40&ageMax=40')).statusCode).toBe(200);
      expect((await raw(`q=${'a'.repeat(100)}`)).statusCode).toBe(200);
    });
  });

  // Last, because it adds people: a keyset cursor stays exact while others are recruited.
  it('keeps pages exact when people are recruited between two page reads', async () => {
    const inHaGiang = ['Lê Văn Bình', 'Lê Văn Cường', 'Lê Văn Khoa', 'Lê Văn Long'];
    for (const fullName of inHaGiang) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/employees',
        payload: recruitBody(w.hagiang, { fullName, sex: 'M', birthDate: '1985-01-01' }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const first = await search({ unitId: w.hagiang, limit: 2 });
    expect(first.items.map((i) => i.fullName)).toEqual(['Lê Văn Bình', 'Lê Văn Cường']);
    // one who sorts before the cursor, one after
    for (const fullName of ['Lê Văn An', 'Lê Văn Dũng']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/employees',
        payload: recruitBody(w.hagiang, { fullName, sex: 'M', birthDate: '1985-01-01' }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const second = await search({ unitId: w.hagiang, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.fullName)).toEqual(['Lê Văn Dũng', 'Lê Văn Khoa']);
    const third = await search({ unitId: w.hagiang, limit: 2, cursor: second.nextCursor! });
    expect(third).toMatchObject({ nextCursor: null });
    expect(third.items.map((i) => i.fullName)).toEqual(['Lê Văn Long']);
  });
});
