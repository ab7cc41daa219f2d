// Who may read the audit log: auditors see the events in their subtrees, only national auditors (and
// the system) may check the whole chain, and each person sees who else touched their own record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, type World } from '../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor, Ctx, RoleGrant } from '../../platform/context.ts';
import { getUnit } from '../org-units/index.ts';
import { audit, listEvents, type AuditWrite } from './index.ts';
import type { AccessLogPage, AuditEventPage } from '../../../api/audit.ts';

// Until http/routes.ts lists the audit routes, the app under test gets them added (never twice).

const user = (id: string, grants: RoleGrant[], employeeId: string | null = null): Actor => ({
  id,
  kind: 'user',
  name: id,
  accountId: id,
  employeeId,
  grants,
});

describe.each(ENGINES)('audit log access on %s', (engine) => {
  let d: Database;
  let w: World;
  const apps: FastifyInstance[] = [];
  const path: Record<string, string> = {};
  const person = randomUUID(); // the employee whose record is read
  const other = randomUUID();
  const personAccount = randomUUID();
  const hrAccount = randomUUID();
  const ev: Record<string, number> = {};

  let provincialAuditor: Actor;
  let nationalAuditor: Actor;
  let viewer: Actor;

  /** Writes one event as `actor` at `at`, and remembers its id under `name`. */
  async function write(name: string, actorId: string, at: string, e: AuditWrite): Promise<void> {
    const ctx: Ctx = { ...testCtx(d, new Date(at)), requestId: `req-${name}`, ip: '10.0.0.9' };
    ctx.actor = actorId.startsWith('system') ? { ...ctx.actor, id: actorId } : user(actorId, []);
    await inTransaction(d.db, (trx) => audit(ctx, trx, e));
    const last = await d.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').executeTakeFirst();
    ev[name] = last!.id;
  }

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d));
    for (const [k, id] of Object.entries(w)) path[k] = (await getUnit(d.db, id)).path;
    await d.db
      .insertInto('accounts')
      .values({
        id: hrAccount,
        username: 'canbo.hn',
        display_name: 'Lê Văn Cán Bộ',
        home_unit_id: w.hanoiHome,
        password_hash: 'x',
        must_change_password: false,
        status: 'active',
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      })
      .execute();
    const read = (subjectId: string | null, unitPath: string | null, role: string | null): AuditWrite => ({
      action: 'employee.read',
      entity: 'employee',
      entityId: subjectId,
      subjectId,
      unitPath,
      role,
    });
    await write('hrRead', hrAccount, '2026-11-01T02:00:00Z', read(person, path.hanoiHome!, 'hr_officer'));
    await write('selfRead', personAccount, '2026-11-02T02:00:00Z', read(person, path.hanoiHome!, 'self'));
    await write('importRead', 'system:import', '2026-11-03T02:00:00Z', read(person, null, null));
    await write('otherRead', hrAccount, '2026-11-04T02:00:00Z', read(other, path.tuyenquang!, 'hr_officer'));
    await write('hanoiOrg', hrAccount, '2026-11-05T02:00:00Z', {
      action: 'org_unit.rename',
      entity: 'org_unit',
      entityId: w.hanoiCommune,
      unitPath: path.hanoiCommune!,
    });
    const grant = (role: RoleGrant['role'], unit: keyof World): RoleGrant => ({
      role,
      unitId: w[unit],
      unitPath: path[unit]!,
    });
    provincialAuditor = user(randomUUID(), [grant('auditor', 'hanoi')]);
    nationalAuditor = user(randomUUID(), [grant('auditor', 'nation')]);
    viewer = user(randomUUID(), [grant('viewer', 'nation')]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await d?.close();
  });

  const byActor = new Map<Actor, FastifyInstance>();
  async function as(actor: Actor): Promise<FastifyInstance> {
    let app = byActor.get(actor);
    if (!app) {
      app = await testApp(d, TEST_NOW, async () => ({ actor, stage: 'active' }));
      byActor.set(actor, app);
      apps.push(app);
    }
    return app;
  }
  const get = async (actor: Actor, url: string) => (await as(actor)).inject({ method: 'GET', url });

  it('shows a provincial auditor only the events in their province', async () => {
    const page = await listEvents({ ...testCtx(d), actor: provincialAuditor }, { limit: 200 });
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([ev.hrRead, ev.selfRead, ev.hanoiOrg]));
    expect(ids).not.toContain(ev.otherRead); // another province
    expect(ids).not.toContain(ev.importRead); // placed in no unit
    for (const e of page.items)
      expect(e.unitPath === path.hanoi || e.unitPath?.startsWith(`${path.hanoi}.`)).toBe(true);
    const hr = page.items.find((e) => e.id === ev.hrRead);
    expect(hr).toMatchObject({
      actor: hrAccount,
      actorName: 'Lê Văn Cán Bộ',
      role: 'hr_officer',
      subjectId: person,
    });
    expect(hr).toMatchObject({ requestId: 'req-hrRead', ip: '10.0.0.9', at: '2026-11-01T02:00:00.000Z' });
  });

  it('lets national auditors see everything, filtered and paged newest first', async () => {
    const res = await get(nationalAuditor, `/api/v1/audit/events?subjectId=${person}`);
    expect(res.statusCode, res.body).toBe(200);
    const byPerson = (res.json() as AuditEventPage).items.map((e) => e.id);
    expect(byPerson).toEqual([ev.importRead, ev.selfRead, ev.hrRead]);

    const q = 'action=employee.read&from=2026-11-02T00:00:00Z&to=2026-11-04T02:00:00Z';
    const ranged = (await get(nationalAuditor, `/api/v1/audit/events?${q}`)).json() as AuditEventPage;
    expect(ranged.items.map((e) => e.id)).toEqual([ev.otherRead, ev.importRead, ev.selfRead]);

    const seen: number[] = [];
    let cursor: string | null = '';
    for (let n = 0; cursor !== null && n < 50; n++) {
      const url = `/api/v1/audit/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const pageRes = await get(nationalAuditor, url);
      expect(pageRes.statusCode, pageRes.body).toBe(200);
      const page = pageRes.json() as AuditEventPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(Object.values(ev)));

    const bad = await get(nationalAuditor, '/api/v1/audit/events?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_CURSOR');
    const backwards = await get(
      nationalAuditor,
      '/api/v1/audit/events?from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z',
    );
    expect(backwards.statusCode).toBe(400);
    const tooMany = await get(nationalAuditor, '/api/v1/audit/events?limit=201');
    expect(tooMany.statusCode).toBe(400);
  });

  it('refuses the event list to accounts without audit.read', async () => {
    const res = await get(viewer, '/api/v1/audit/events');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('lets only national auditors and the system check the whole chain', async () => {
    const provincial = await get(provincialAuditor, '/api/v1/audit/verify');
    expect(provincial.statusCode, provincial.body).toBe(403);
    expect(provincial.json().error.code).toBe('FORBIDDEN');
    expect((await get(viewer, '/api/v1/audit/verify')).statusCode).toBe(403);
    const national = await get(nationalAuditor, '/api/v1/audit/verify');
    expect(national.statusCode, national.body).toBe(200);
    expect(national.json()).toMatchObject({ ok: true });
    const systemApp = await testApp(d);
    apps.push(systemApp);
    const system = await systemApp.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(system.json()).toMatchObject({ ok: true });
  });

  it("shows a person who else touched their record, newest first, auditors' look-ups included", async () => {
    const me = user(personAccount, [], person); // one object, so one app for all its requests
    const res = await get(me, '/api/v1/me/access-log');
    expect(res.statusCode, res.body).toBe(200);
    const log = res.json() as AccessLogPage;
    const ids = log.items.map((e) => e.id);
    expect(ids).not.toContain(ev.selfRead);
    expect(ids).not.toContain(ev.otherRead);
    expect(ids).not.toContain(ev.hanoiOrg);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The national auditor's look-up by subjectId above is itself in the person's log.
    const lookups = log.items.filter((e) => e.action === 'audit.events.read');
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups[0]).toMatchObject({ actorId: nationalAuditor.id, role: 'auditor', actorName: null });
    expect(log.items.find((e) => e.id === ev.hrRead)).toEqual({
      id: ev.hrRead,
      at: '2026-11-01T02:00:00.000Z',
      actorId: hrAccount,
      actorName: 'Lê Văn Cán Bộ',
      actorUnit: 'Sở Nội vụ Hà Nội',
      role: 'hr_officer',
      purpose: null,
      action: 'employee.read',
      entity: 'employee',
      entityId: person,
      requestId: 'req-hrRead',
    });
    expect(log.items.find((e) => e.id === ev.importRead)).toMatchObject({
      actorId: 'system:import',
      actorName: null,
      actorUnit: null,
    });

    const first = (await get(me, '/api/v1/me/access-log?limit=1')).json() as AccessLogPage;
    expect(first.items.map((e) => e.id)).toEqual([ids[0]]);
    const second = (
      await get(me, `/api/v1/me/access-log?limit=1&cursor=${first.nextCursor}`)
    ).json() as AccessLogPage;
    expect(second.items.map((e) => e.id)).toEqual([ids[1]]);
  });

  it('answers 404 to an account with no e-record, 401 to nobody', async () => {
    const res = await get(user(randomUUID(), []), '/api/v1/me/access-log');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(res.json().error.message).toMatch(/không gắn với hồ sơ/);
    const app = await testApp(d, TEST_NOW, async () => undefined);
    apps.push(app);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/access-log' })).statusCode).toBe(401);
  });
});
