// Data sharing (issue 9, part 1) on both engines, through HTTP as a client calls it: the token endpoint
// (secret basic/post, private-key JWT with replay and lifetime checks), then the sharing endpoints —
// only the client's fields, org scope and purposes; purpose required; rate limit; suspension cuts
// existing tokens at once; every call audited and shown in the person's access log with its purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SignJWT, exportJWK } from 'jose';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { userCtx } from '../../../test/helpers/actors.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { appendAction, createEmployee } from '../personnel-actions/index.ts';
import { myAccessLog } from '../audit/index.ts';
import type { NewApiClient } from '../../../api/sharing.ts';
import { createClient, rotateSecret, setClientStatus, tokenIssuer, updateClient } from './index.ts';

const FIELDS = ['fullName', 'birthDate', 'rankCode', 'identity.birthPlace', 'groups.identity'];
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe.each(ENGINES)('data sharing on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  let sys: Ctx;
  let inHanoi: { id: string; personId: string };
  let inTq: { id: string; personId: string };
  let a: { id: string; secret: string };
  let tokenA: string;

  const newClient = async (over: Partial<NewApiClient> = {}) => {
    const r = await createClient(sys, {
      name: `Hệ thống ${randomUUID().slice(0, 8)}`,
      ownerBody: 'Bảo hiểm xã hội Việt Nam',
      contact: 'cntt@bhxh.gov.vn',
      authMethod: 'client_secret',
      scopes: ['employees.read', 'employees.search'],
      fields: FIELDS,
      purposes: ['xac_minh_nhan_than', 'bao_hiem_xa_hoi'],
      orgUnitIds: [w.hanoi],
      ratePerMinute: 1000,
      ...over,
    });
    return { id: r.client.id, secret: r.clientSecret ?? '' };
  };
  const token = async (id: string, secret: string, scope?: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { authorization: basic(id, secret), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`,
    });
    return res;
  };
  const call = (tok: string, url: string, purpose?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tok}`, ...(purpose ? { 'x-purpose': purpose } : {}) },
    });

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    sys = testCtx(d);
    w = await buildWorld(sys);
    const hn = recruitBody(w.hanoiHome, { birthPlace: 'Hà Nội', phone: '0912345678' });
    inHanoi = { id: (await createEmployee(sys, hn)).id, personId: hn.payload.identity.personId };
    await appendAction(sys, inHanoi.id, {
      type: 'declare',
      effectiveDate: '2020-01-01',
      payload: { group: 'health', kind: 'health_status', data: { status: 'good', bloodType: 'A+' } },
    });
    const tq = recruitBody(w.tuyenquang);
    inTq = { id: (await createEmployee(sys, tq)).id, personId: tq.payload.identity.personId };
    app = await testApp(d);
    a = await newClient();
    const res = await token(a.id, a.secret);
    expect(res.statusCode, res.body).toBe(200);
    tokenA = res.json().access_token;
  });
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('issues tokens by client_secret_basic (form) and client_secret_post (JSON), with RFC 6749 errors', async () => {
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: a.id,
        client_secret: a.secret,
        scope: 'employees.read',
      },
    });
    expect(post.statusCode, post.body).toBe(200);
    expect(post.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'employees.read' });
    expect(post.headers['cache-control']).toBe('no-store');
    const bad = await token(a.id, `${a.secret}x`);
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toBe('invalid_client');
    expect((await token(randomUUID(), a.secret)).json().error).toBe('invalid_client');
    expect((await token(a.id, a.secret, 'org.read')).json()).toMatchObject({ error: 'invalid_scope' });
    const grant = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'password', client_id: a.id, client_secret: a.secret },
    });
    expect([grant.statusCode, grant.json().error]).toEqual([400, 'unsupported_grant_type']);
    const jwks = (await app.inject({ method: 'GET', url: '/api/v1/oauth/jwks' })).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('shows only the granted fields, only in the org scope (404 outside), never sensitive data not granted', async () => {
    const res = await call(tokenA, `/api/v1/share/employees/${inHanoi.personId}`, 'xac_minh_nhan_than');
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json();
    expect(Object.keys(rec).sort()).toEqual([
      'birthDate',
      'fullName',
      'groups',
      'identity',
      'personId',
      'rankCode',
    ]);
    expect(rec.identity).toEqual({ birthPlace: 'Hà Nội' });
    expect(Object.keys(rec.groups)).toEqual(['identity']);
    expect(JSON.stringify(rec)).not.toMatch(/ethnicCode|religionCode|bloodType/);
    const out = await call(tokenA, `/api/v1/share/employees/${inTq.personId}`, 'xac_minh_nhan_than');
    expect(out.statusCode).toBe(404);
    // A sensitive group reaches a client only when granted by name.
    const h = await newClient({ fields: ['fullName', 'groups.health', 'ethnicCode'] });
    const th = (await token(h.id, h.secret)).json().access_token;
    const health = (await call(th, `/api/v1/share/employees/${inHanoi.personId}`, 'bao_hiem_xa_hoi')).json();
    expect(health.groups.health[0].data).toMatchObject({ bloodType: 'A+' });
    expect(health.ethnicCode).toBe('01');
  });

  it('needs a purpose the client was granted, and the scope for the call', async () => {
    const url = `/api/v1/share/employees/${inHanoi.personId}`;
    const none = await call(tokenA, url);
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'PURPOSE_REQUIRED']);
    const other = await call(tokenA, url, 'thong_ke');
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'PURPOSE_NOT_ALLOWED']);
    expect((await call(tokenA, `${url}?purpose=bao_hiem_xa_hoi`)).statusCode).toBe(200);
    const org = await call(tokenA, '/api/v1/share/org-units', 'xac_minh_nhan_than');
    expect([org.statusCode, org.json().error.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
    const narrow = (await token(a.id, a.secret, 'employees.read')).json().access_token;
    const s = await call(narrow, '/api/v1/share/employees', 'xac_minh_nhan_than');
    expect([s.statusCode, s.json().error.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
  });

  it('searches the org scope only, in keyset pages; org units of the scope', async () => {
    await createEmployee(sys, recruitBody(w.hanoiCommune, { effectiveDate: '2025-08-01' }));
    const p1 = await call(tokenA, '/api/v1/share/employees?limit=1', 'xac_minh_nhan_than');
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json().items).toHaveLength(1);
    const p2 = await call(
      tokenA,
      `/api/v1/share/employees?limit=5&cursor=${p1.json().nextCursor}`,
      'xac_minh_nhan_than',
    );
    const ids = [...p1.json().items, ...p2.json().items].map((r: { personId: string }) => r.personId);
    expect(ids).toContain(inHanoi.personId);
    expect(ids).not.toContain(inTq.personId);
    expect(p2.json().nextCursor).toBeNull();
    const o = await newClient({ scopes: ['org.read', 'catalogs.read'] });
    const to = (await token(o.id, o.secret)).json().access_token;
    const units = (await call(to, '/api/v1/share/org-units', 'thong_ke')).json();
    expect(units.error?.code).toBe('PURPOSE_NOT_ALLOWED');
    const ok = (await call(to, '/api/v1/share/org-units', 'bao_hiem_xa_hoi')).json();
    expect(ok.items.map((u: { id: number }) => u.id)).toEqual(expect.arrayContaining([w.hanoi, w.hanoiHome]));
    expect(ok.items.map((u: { id: number }) => u.id)).not.toContain(w.tuyenquang);
    const religions = await call(to, '/api/v1/share/catalogs/religions', 'thong_ke');
    expect(religions.json().error.code).toBe('PURPOSE_NOT_ALLOWED');
    const rel = (await call(to, '/api/v1/share/catalogs/religions?purpose=bao_hiem_xa_hoi')).json();
    expect(rel.items.length).toBeGreaterThan(0);
    expect((await call(tokenA, '/api/v1/share/catalogs/religions', 'bao_hiem_xa_hoi')).statusCode).toBe(403);
  });

  it('refuses calls over the rate limit with 429 and Retry-After', async () => {
    const r = await newClient({ ratePerMinute: 2 });
    const t = (await token(r.id, r.secret)).json().access_token;
    const url = `/api/v1/share/employees/${inHanoi.personId}`;
    expect((await call(t, url, 'xac_minh_nhan_than')).statusCode).toBe(200);
    expect((await call(t, url, 'xac_minh_nhan_than')).statusCode).toBe(200);
    const third = await call(t, url, 'xac_minh_nhan_than');
    expect([third.statusCode, third.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('cuts a suspended client at once (existing tokens and new ones); a rotated secret replaces the old', async () => {
    const s = await newClient();
    const t = (await token(s.id, s.secret)).json().access_token;
    const url = `/api/v1/share/employees/${inHanoi.personId}`;
    expect((await call(t, url, 'xac_minh_nhan_than')).statusCode).toBe(200);
    await setClientStatus(sys, s.id, 'suspended', 'Hết hạn thỏa thuận');
    const after = await call(t, url, 'xac_minh_nhan_than');
    expect([after.statusCode, after.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await token(s.id, s.secret)).json()).toMatchObject({ error: 'invalid_client' });
    await setClientStatus(sys, s.id, 'active');
    const rotated = await rotateSecret(sys, s.id);
    expect((await token(s.id, s.secret)).statusCode).toBe(401);
    expect((await token(s.id, rotated.clientSecret!)).statusCode).toBe(200);
    // Narrowing the fields takes effect on the next call, with the same token.
    await updateClient(sys, s.id, { fields: ['fullName'] });
    expect(Object.keys((await call(t, url, 'xac_minh_nhan_than')).json()).sort()).toEqual([
      'fullName',
      'personId',
    ]);
  });

  it('refuses client tokens on other routes and sessions on sharing routes', async () => {
    const me = await call(tokenA, '/api/v1/employees');
    expect([me.statusCode, me.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await call(
      'not.a.token',
      `/api/v1/share/employees/${inHanoi.personId}`,
      'xac_minh_nhan_than',
    );
    expect(bad.statusCode).toBe(401);
  });

  describe('private_key_jwt (RFC 7523)', () => {
    let j: string;
    let key: KeyObject;
    const nowSec = Math.floor(TEST_NOW.getTime() / 1000);
    const assertion = async (o: { key?: KeyObject; jti?: string; exp?: number } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(j)
        .setSubject(j)
        .setAudience(`${await tokenIssuer()}/api/v1/oauth/token`)
        .setIssuedAt(nowSec)
        .setExpirationTime(o.exp ?? nowSec + 60)
        .setJti(o.jti ?? randomUUID())
        .sign(o.key ?? key);
    const exchange = async (a: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: a,
        }).toString(),
      });

    beforeAll(async () => {
      const pair = generateKeyPairSync('ed25519');
      key = pair.privateKey;
      const jwk = (await exportJWK(pair.publicKey)) as { kty: 'OKP'; crv: 'Ed25519'; x: string };
      j = (
        await createClient(sys, {
          name: `Hệ thống khóa ${randomUUID().slice(0, 8)}`,
          ownerBody: 'Tổng cục Thống kê',
          contact: 'tk@gso.gov.vn',
          authMethod: 'private_key_jwt',
          publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
          scopes: ['employees.read'],
          fields: ['fullName'],
          purposes: ['thong_ke'],
          orgUnitIds: [w.nation],
          ratePerMinute: 60,
        })
      ).client.id;
    });

    it('accepts a fresh assertion once; refuses a replay, a wrong signature, an expired or long-lived one', async () => {
      const first = await assertion();
      const ok = await exchange(first);
      expect(ok.statusCode, ok.body).toBe(200);
      const t = ok.json().access_token;
      const rec = await call(t, `/api/v1/share/employees/${inTq.personId}`, 'thong_ke');
      expect(rec.json()).toEqual({ personId: inTq.personId, fullName: 'Nguyễn Thị Hoài Thương' });
      const replay = await exchange(first);
      expect([replay.statusCode, replay.json().error]).toEqual([401, 'invalid_client']);
      const other = generateKeyPairSync('ed25519').privateKey;
      expect((await exchange(await assertion({ key: other }))).json().error).toBe('invalid_client');
      expect((await exchange(await assertion({ exp: nowSec - 10 }))).json().error).toBe('invalid_client');
      expect((await exchange(await assertion({ exp: nowSec + 3600 }))).json().error).toBe('invalid_client');
    });
  });

  it('audits every call with the client and purpose; the person sees which system read them and why', async () => {
    const events = await d.db
      .selectFrom('audit_events')
      .select(['action', 'subject_id', 'details', 'role'])
      .where('actor', '=', `client:${a.id}`)
      .orderBy('id')
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['share.employee.read', 'share.employee.search', 'share.refuse']),
    );
    const refused = events
      .filter((e) => e.action === 'share.refuse')
      .map((e) => (e.details as { code: string }).code);
    expect(refused).toEqual(
      expect.arrayContaining(['NOT_FOUND', 'PURPOSE_REQUIRED', 'PURPOSE_NOT_ALLOWED', 'INSUFFICIENT_SCOPE']),
    );
    const person = await userCtx(d, { employeeId: inHanoi.id });
    const log = await myAccessLog(person, { limit: 200 });
    const mine = log.items.filter((e) => e.actorId === `client:${a.id}`);
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining(['share.employee.read', 'share.employee.search']),
    );
    expect(mine.every((e) => e.role === 'api_client')).toBe(true);
    // The person sees which system read their record, by name.
    expect(mine.every((e) => e.actorName?.startsWith('Hệ thống'))).toBe(true);
    expect(mine.map((e) => e.purpose)).toContain('Xác minh nhân thân');
  });
});
