import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import {
  CATALOG_NAMES,
  catalogSnapshot,
  importCatalogs,
  reference,
  takeCatalogs,
  useCatalogs,
  useStoredCatalogs,
} from './index.ts';

interface Item {
  code: string;
  name: string;
  [key: string]: unknown;
}
interface Catalog {
  name: string;
  items: Item[];
}
interface ProvinceItem extends Item {
  fullName: string;
  merged: boolean;
  mergedFrom: { code: string; name: string }[];
}
interface ScaleItem extends Item {
  steps: { step: number; coefficient: number }[];
  stepCount: number;
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string; details: unknown[] } }>();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.details)).toBe(true);
}

describe.each(ENGINES)('reference catalogs on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let world: World;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
    world = await buildWorld(testCtx(d));
    app = await testApp(d);
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const catalog = async <T extends Item>(name: string): Promise<T[]> => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/catalogs/${name}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Catalog>();
    expect(body.name).toBe(name);
    return body.items as T[];
  };

  it('lists the eighteen catalogs with the number of entries of each', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalogs' });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ name: string; count: number }[]>();
    expect(list.map((c) => c.name)).toEqual([...CATALOG_NAMES]);
    expect(list).toHaveLength(18);
    for (const c of list) {
      expect(c.count, c.name).toBeGreaterThan(0);
      expect(c.count, c.name).toBe(reference().catalogs[c.name as (typeof CATALOG_NAMES)[number]].length);
    }
  });

  it('serves every catalog in the order of its file, each item with a code and a name', async () => {
    for (const name of CATALOG_NAMES) {
      const items = await catalog(name);
      expect(
        items.map((i) => i.code),
        name,
      ).toEqual(reference().catalogs[name].map((i) => i.code));
      for (const it of items) {
        expect(it.code.length, name).toBeGreaterThan(0);
        expect(it.name.length, name).toBeGreaterThan(0);
      }
      expect(new Set(items.map((i) => i.code)).size, `${name} codes are unique`).toBe(items.length);
    }
  });

  it('serves the 34 provinces after the 2025 merger, with the 63 old ones they were merged from', async () => {
    const provinces = await catalog<ProvinceItem>('provinces');
    expect(provinces).toHaveLength(34);
    const old = new Set<string>();
    for (const p of provinces) {
      expect(Array.isArray(p.mergedFrom), p.code).toBe(true);
      expect(p.mergedFrom.length, p.code).toBeGreaterThan(0);
      expect(p.merged, p.code).toBe(p.mergedFrom.length > 1);
      expect(p.code).toMatch(/^\d{2}$/);
      old.add(p.code);
      for (const m of p.mergedFrom) {
        expect(m.code).toMatch(/^\d{2}$/);
        expect(m.name.length).toBeGreaterThan(0);
        old.add(m.code);
      }
    }
    expect(old.size).toBe(63);
    const hanoi = provinces.find((p) => p.code === '01');
    expect(hanoi).toMatchObject({ name: 'Hà Nội', fullName: 'Thành phố Hà Nội' });
    const tuyenQuang = provinces.find((p) => p.code === '08');
    expect(tuyenQuang?.mergedFrom.map((m) => m.code).sort()).toEqual(['02', '08']);
    // no old province went into two new ones
    const all = provinces.flatMap((p) => p.mergedFrom.map((m) => m.code));
    expect(new Set(all).size).toBe(all.length);
  });

  it('serves at least the 54 ethnic groups, Kinh first', async () => {
    const groups = await catalog('ethnic-groups');
    expect(groups.length).toBeGreaterThanOrEqual(54);
    expect(groups[0]).toMatchObject({ code: '01', name: 'Kinh' });
  });

  it('serves salary scales keyed by group, each with its steps and rising coefficients', async () => {
    const scales = await catalog<ScaleItem>('salary-scales');
    expect(scales.length).toBeGreaterThan(0);
    for (const s of scales) {
      expect(s.steps.length, s.code).toBeGreaterThan(0);
      expect(s.steps.length, s.code).toBe(s.stepCount);
      expect(
        s.steps.map((x) => x.step),
        s.code,
      ).toEqual(s.steps.map((_, i) => i + 1));
      for (let i = 1; i < s.steps.length; i++) {
        expect(s.steps[i]!.coefficient, s.code).toBeGreaterThan(s.steps[i - 1]!.coefficient);
      }
    }
    const a1 = scales.find((s) => s.code === 'A1');
    expect(a1?.steps[0]).toEqual({ step: 1, coefficient: 2.34 });
  });

  it('answers 404 NOT_FOUND for a catalog that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalogs/nope' });
    expectError(res, 404, 'NOT_FOUND');
  });

  it.each(['NOPE!', 'Provinces', 'a'.repeat(41), 'prov%20inces'])(
    'answers 400 VALIDATION_FAILED for the malformed catalog name %j',
    async (name) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/catalogs/${name}` });
      expectError(res, 400, 'VALIDATION_FAILED');
    },
  );

  it('importing again replaces the catalogs rather than duplicating them', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/v1/catalogs' })).json<unknown>();
    await importCatalogs(testCtx(d));
    const after = (await app.inject({ method: 'GET', url: '/api/v1/catalogs' })).json<unknown>();
    expect(after).toEqual(before);
    expect(await catalog('provinces')).toHaveLength(34);
  });

  it('validates against the catalogs a node took from the national node, also after a restart', async () => {
    const ctx = testCtx(d);
    const snap = await catalogSnapshot(d.db);
    const ranks = snap.catalogs['civil-servant-ranks']!;
    // A rank the national node added after this version shipped (same scale as Chuyên viên).
    const added = { ...ranks.find((r) => r.code === '01.003')!, code: '01.999', name: 'Ngạch thử nghiệm' };
    const hire = () =>
      createEmployee(ctx, recruitBody(world.hanoiHome, { rankCode: '01.999', salaryStep: 2 }));
    try {
      await expect(hire()).rejects.toMatchObject({ details: [{ field: '/payload/rankCode' }] });
      await takeCatalogs(ctx, {
        version: 'national-v2',
        catalogs: { ...snap.catalogs, 'civil-servant-ranks': [...ranks, added] },
      });
      const e = await hire();
      expect([e.rankCode, e.salaryCoefficient]).toEqual(['01.999', 2.67]);
      // A restart: the shipped catalogs until the node reads what it took.
      useCatalogs(undefined);
      expect(reference().ranks.has('01.999')).toBe(false);
      expect(await useStoredCatalogs(d.db)).toBe(true);
      expect(reference().ranks.get('01.999')?.name).toBe('Ngạch thử nghiệm');
      // An incomplete set is never taken for validation.
      expect(useCatalogs({ version: 'partial', catalogs: { provinces: [] } })).toBe(false);
      expect(reference().ranks.has('01.999')).toBe(true);
    } finally {
      useCatalogs(undefined);
      await importCatalogs(ctx);
    }
  });
});
