// The e-record's content rules at the edge, on both engines: each rule between fields refuses what
// breaks it (4xx, the JSON pointer, the rule in Vietnamese) and writes nothing, accepts what keeps it;
// a fuzz over every declarable kind's fields gets only 4xx (or 201 for what happens to be valid), never
// a 500; and the published JSON Schema lists every group and kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { GROUPS } from '../../../api/record/groups.ts';
import { findRowKind, NOTES_FIELD, ROW_KINDS } from '../../../api/record/spec.ts';
import { Identity } from '../../../api/actions.ts';
import type { FieldSpec } from '../../../api/record/fields.ts';
import { reference } from '../catalogs/index.ts';

const BIRTH = '1990-05-17';
const decision = (d: string) => ({
  number: `9/QĐ-${d}`,
  date: d,
  signerName: 'Lê Ký',
  issuingBody: 'Sở Nội vụ',
});

type Case = [rule: string, group: string, kind: string, bad: object, good: object, pointer: string];
// Each rule with a row that breaks it and the nearest row that keeps it.
const CASES: Case[] = [
  [
    'partyOfficialAfterProbation',
    'political',
    'membership',
    { organisationKind: 'DANG', joinedOn: '2018-05-19', officialOn: '2019-01-10' },
    { organisationKind: 'DANG', joinedOn: '2018-05-19', officialOn: '2019-05-19' },
    '/payload/data/officialOn',
  ],
  [
    'officialOnlyForParty',
    'political',
    'membership',
    { organisationKind: 'DOAN', joinedOn: '2005-03-26', officialOn: '2007-03-26' },
    { organisationKind: 'DOAN', joinedOn: '2005-03-26' },
    '/payload/data/officialOn',
  ],
  [
    'leftAfterJoined',
    'political',
    'membership',
    { organisationKind: 'DOAN', joinedOn: '2005-03-26', leftOn: '2004-01-01' },
    { organisationKind: 'DOAN', joinedOn: '2005-03-26', leftOn: '2020-03-26' },
    '/payload/data/leftOn',
  ],
  [
    'dischargeAfterEnlistment',
    'military',
    'service',
    { enlistedOn: '2010-02-01', dischargedOn: '2009-02-01' },
    { enlistedOn: '2010-02-01', dischargedOn: '2012-02-01' },
    '/payload/data/dischargedOn',
  ],
  [
    'childBornAfterParent',
    'family',
    'member',
    { relationship: 'CON', fullName: 'Nguyễn Văn Con', birthYear: 1989 },
    { relationship: 'CON', fullName: 'Nguyễn Văn Con', birthYear: 2018 },
    '/payload/data/birthYear',
  ],
  [
    'parentBornBeforeChild',
    'family',
    'member',
    { relationship: 'ME', fullName: 'Trần Thị Mẹ', birthYear: 1995 },
    { relationship: 'ME', fullName: 'Trần Thị Mẹ', birthYear: 1965 },
    '/payload/data/birthYear',
  ],
  [
    'toAfterFrom',
    'personalHistory',
    'work_period',
    { fromDate: '2015-01-01', toDate: '2014-01-01', description: 'Chuyên viên Sở Tư pháp' },
    { fromDate: '2015-01-01', toDate: '2016-01-01', description: 'Chuyên viên Sở Tư pháp' },
    '/payload/data/toDate',
  ],
  [
    'notInFuture',
    'military',
    'service',
    { enlistedOn: '2027-02-01' },
    { enlistedOn: '2010-02-01' },
    '/payload/data/enlistedOn',
  ],
  [
    'notInFuture (year)',
    'education',
    'defence_security',
    { level: 'Đối tượng 3', year: 2030 },
    { level: 'Đối tượng 3', year: 2020 },
    '/payload/data/year',
  ],
  [
    'catalogCode',
    'health',
    'health_status',
    { status: 'good', bloodType: 'Z+' },
    { status: 'good', bloodType: 'AB-' },
    '/payload/data/bloodType',
  ],
  [
    'rateWithinGrade',
    'military',
    'war_invalid',
    { gradeCode: 'TB4', rate: 75 },
    { gradeCode: 'TB4', rate: 35 },
    '/payload/data/rate',
  ],
];

/** A seeded generator, so a failing fuzz case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const NASTY: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(5000),
  -1,
  0,
  1e308,
  2.5,
  true,
  [],
  {},
  ['a'],
  '2026-02-30',
  '9999-12-31',
  '1800-01-01',
  'DROP TABLE employees;',
  '\u0000',
  'Nguyễn 👩‍💼 Ω',
  '<script>alert(1)</script>',
  { $gt: '' },
];

function plausible(f: FieldSpec, r: () => number): unknown {
  const codes = f.catalog ? [...reference().codes[f.catalog]] : [];
  switch (f.type) {
    case 'date':
      return `${1950 + Math.floor(r() * 76)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    case 'year':
      return 1940 + Math.floor(r() * 90);
    case 'integer':
    case 'money':
    case 'number':
      return Math.floor(r() * 300);
    case 'boolean':
      return r() < 0.5;
    case 'code':
      return codes[Math.floor(r() * codes.length)] ?? 'X';
    case 'enum':
      return f.options?.[Math.floor(r() * (f.options?.length ?? 1))]?.value;
    case 'unit':
      return 1 + Math.floor(r() * 50);
    default:
      return 'Giá trị thử nghiệm';
  }
}

describe.each(ENGINES)('e-record content rules on %s', (engine) => {
  let d: Database;
  let w: World;
  let app: FastifyInstance;
  let id: string;

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    app = await testApp(d);
    w = await buildWorld(testCtx(d));
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  beforeAll(async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      payload: recruitBody(w.hanoiHome, { birthDate: BIRTH }),
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  const count = async () =>
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM personnel_actions WHERE employee_id = ${id}`.execute(d.db)
    ).rows[0]!.n;
  const declare = (group: string, kind: string, data: unknown) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/employees/${id}/actions`,
      payload: { type: 'declare', effectiveDate: '2026-11-01', payload: { group, kind, data } },
    });

  it.each(CASES)(
    '%s: refuses the breaking row with its pointer and rule, accepts the kept one',
    async (rule, group, kind, bad, good, pointer) => {
      const before = await count();
      const res = await declare(group, kind, bad);
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details).toContainEqual(
        expect.objectContaining({ field: pointer, reason: expect.stringMatching(/quy tắc: .+/) }),
      );
      expect(await count()).toBe(before);
      const ok = await declare(group, kind, good);
      expect(ok.statusCode, `${rule}: ${ok.body}`).toBe(201);
      expect(await count()).toBe(before + 1);
    },
  );

  it('refuses a civil-servant rank for a public employee and a professional title for a civil servant', async () => {
    const body = recruitBody(w.hanoiHome, { rankCode: '01.003' });
    (body.payload as { category: string }).category = 'public_employee';
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body });
    expect(r1.statusCode, r1.body).toBe(400);
    expect(r1.json().error.details[0]).toMatchObject({ field: '/payload/rankCode' });
    const body2 = recruitBody(w.hanoiHome, { rankCode: 'V.07.05.15' });
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body2 });
    expect(r2.statusCode, r2.body).toBe(400);
    const body3 = recruitBody(w.hanoiHome, { rankCode: 'V.07.05.15' });
    (body3.payload as { category: string }).category = 'public_employee';
    const r3 = await app.inject({ method: 'POST', url: '/api/v1/employees', payload: body3 });
    expect(r3.statusCode, r3.body).toBe(201);
    expect(r3.json()).toMatchObject({ rankCode: 'V.07.05.15', salaryGroup: 'A1' });
    // And a rank change of that public employee to a civil-servant rank.
    const r4 = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${r3.json().id}/actions`,
      payload: {
        type: 'rank_change',
        effectiveDate: '2026-01-05',
        decision: decision('2026-01-05'),
        payload: { rankCode: '01.002', salaryStep: 1 },
      },
    });
    expect(r4.statusCode, r4.body).toBe(400);
    expect(r4.json().error.details[0]).toMatchObject({ field: '/payload/rankCode' });
  });

  it('refuses a degree level outside its catalog, a kind of another group, and a field the kind lacks', async () => {
    const r1 = await app.inject({
      method: 'POST',
      url: `/api/v1/employees/${id}/actions`,
      payload: {
        type: 'degree',
        effectiveDate: '2020-06-01',
        payload: { kind: 'political_theory', levelCode: 'ZZZ', year: 2020 },
      },
    });
    expect(r1.statusCode, r1.body).toBe(400);
    expect(r1.json().error.details[0]).toMatchObject({ field: '/payload/levelCode' });
    const r2 = await declare('health', 'member', { relationship: 'CHA', fullName: 'A B' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details[0]).toMatchObject({ field: '/payload/kind' });
    const r3 = await declare('family', 'member', { relationship: 'CHA', fullName: 'A B', shoeSize: 42 });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.details[0]).toMatchObject({ field: '/payload/data/shoeSize' });
    expect(r3.json().error.details[0].reason).toMatch(/không có trong mẫu/);
  });

  it('gets only 4xx or 201 from a fuzz over every declarable kind, and never a half-written row', async () => {
    const r = prng(engine === 'pglite' ? 15 : 16);
    const kinds = ROW_KINDS.filter((k) => k.declarable);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 240; i++) {
      const k = kinds[i % kinds.length]!;
      const data: Record<string, unknown> = {};
      for (const f of k.fields) if (r() < 0.8) data[f.key] = plausible(f, r);
      // Break one to three things: a field's value, a key, the group or the whole data.
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
        const f = k.fields[Math.floor(r() * k.fields.length)];
        const roll = r();
        if (roll < 0.6 && f) data[f.key] = NASTY[Math.floor(r() * NASTY.length)];
        else if (roll < 0.75) data[`x${Math.floor(r() * 100)}`] = 'thừa';
        else if (roll < 0.85 && f) delete data[f.key];
      }
      const group = r() < 0.1 ? GROUPS[Math.floor(r() * GROUPS.length)]! : k.group;
      const body = r() < 0.05 ? NASTY[Math.floor(r() * NASTY.length)] : data;
      const before = await count();
      const res = await declare(group, k.kind, body);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode < 500, `${k.kind} ${JSON.stringify(body)?.slice(0, 300)} → ${res.body}`).toBe(
        true,
      );
      expect(res.statusCode === 201 || res.statusCode === 400 || res.statusCode === 422, res.body).toBe(true);
      expect(await count()).toBe(res.statusCode === 201 ? before + 1 : before);
      if (res.statusCode >= 400) expect(res.json().error.details.length).toBeGreaterThan(0);
    }
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });

  it('publishes the JSON Schema of the content with every group and kind', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/schemas/e-record' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(Object.keys(s.properties)).toEqual([...GROUPS]);
    for (const k of ROW_KINDS) {
      const kinds = s.properties[k.group].items.properties.kind.enum as string[];
      expect(kinds).toContain(k.kind);
    }
    const member = s.properties.family.items.oneOf.find(
      (o: { title: string }) => o.title === 'Thành viên gia đình',
    );
    expect(member.properties.data.properties.relationship['x-catalog']).toBe('family-relationships');
  });
});

describe('the recruitment identity', () => {
  it('spells out exactly the identity fields of the content schema', () => {
    const spec = [...findRowKind('identity')!.fields, NOTES_FIELD].map((f) => f.key).sort();
    expect(Object.keys((Identity as unknown as { properties: object }).properties).sort()).toEqual(spec);
  });
});
