// Issue 6 acceptance: an HR officer issues a signed extract; pdfsig trusts both PAdES signatures and
// our verifier agrees; one flipped byte fails both; openssl accepts the JSON's detached CMS and refuses
// an edited file; a revoked extract verifies as revoked; the requester's scope and rights apply.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { TEST_NOW, testApp, testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { signIn, type SignedIn } from '../../../test/helpers/auth.ts';
import { hasTool, pdfsig, testPki, type TestPki } from '../../../test/helpers/pki.ts';
import type { Database } from '../../db/connect.ts';
import { loadConfig } from '../../platform/config.ts';
import { sessionAuthenticator } from '../accounts/index.ts';
import { createEmployee } from '../personnel-actions/index.ts';
import { installExtractSettings } from './index.ts';
import { extractCommand } from '../../cli/extract.ts';
import type { IssuedExtract, VerifyResult } from '../../../api/extracts.ts';

const tools = hasTool('pdfsig') && hasTool('certutil') && hasTool('openssl');

describe.each(ENGINES)('signed extracts on %s', (engine) => {
  let d: Database;
  let app: FastifyInstance;
  let w: World;
  let pki: TestPki;
  let officer: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;
  let employeeId: string;
  let issued: IssuedExtract;
  beforeAll(async () => {
    pki = await testPki();
    installExtractSettings({
      person: pki.person,
      agency: pki.agency,
      trust: pki.trust,
      publicBaseUrl: 'https://hoso.test',
    });
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    w = await buildWorld(ctx);
    employeeId = (await createEmployee(ctx, recruitBody(w.hanoiHome, { fullName: 'Đặng Thị Ngọc Hường' })))
      .id;
    app = await testApp(d, TEST_NOW, sessionAuthenticator(loadConfig({})));
    officer = await signIn(app, d, { roles: [{ role: 'hr_officer', unitId: w.hanoi }] });
    viewer = await signIn(app, d, { roles: [{ role: 'viewer', unitId: w.hanoi }] });
    outsider = await signIn(app, d, { roles: [{ role: 'hr_officer', unitId: w.tuyenquang }] });
    const res = await as(officer, 'POST', `/api/v1/employees/${employeeId}/extracts`);
    expect(res.statusCode, res.body).toBe(201);
    issued = res.json();
  }, 240_000);
  afterAll(async () => {
    installExtractSettings(undefined);
    await app?.close();
    await d?.close();
  });

  const as = (who: SignedIn | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
  const verify = async (payload: object) => {
    const res = await as(undefined, 'POST', '/api/v1/extracts/verify', payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as VerifyResult;
  };
  const pdfBytes = () => Buffer.from(issued.pdf, 'base64');

  it('issues a numbered extract with a code; the JSON holds the record, the issuer is audited', async () => {
    expect(issued.number).toMatch(/^TL-2026-\d{6}$/);
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(issued.verifyUrl).toBe(`https://hoso.test/api/v1/extracts/verify?code=${issued.code}`);
    const content = JSON.parse(issued.json);
    expect(content.person.fullName).toBe('Đặng Thị Ngọc Hường');
    expect(content.groups).toHaveLength(10);
    expect(content.signers).toEqual({ person: 'Nguyễn Văn An', agency: 'Bộ Nội vụ (thử nghiệm)' });
    const events = await d.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('subject_id', '=', employeeId)
      .where('action', 'in', ['extract.issue', 'employee.read'])
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual(['employee.read', 'extract.issue']);
  });

  it('only officers over the person may issue: a viewer is refused, another province does not see them', async () => {
    expect((await as(viewer, 'POST', `/api/v1/employees/${employeeId}/extracts`)).statusCode).toBe(403);
    expect((await as(outsider, 'POST', `/api/v1/employees/${employeeId}/extracts`)).statusCode).toBe(404);
    const list = await as(officer, 'GET', `/api/v1/employees/${employeeId}/extracts`);
    expect(list.json().map((e: { number: string }) => e.number)).toContain(issued.number);
  });

  it.skipIf(!tools)(
    'pdfsig reports both signatures valid and trusted; a flipped byte fails pdfsig and us',
    async () => {
      const good = await pdfsig(pdfBytes());
      expect(good.out.match(/Signature is Valid/g), good.out).toHaveLength(2);
      expect(good.out.match(/Certificate is Trusted/g), good.out).toHaveLength(2);
      expect(good.out).toContain('Nguyễn Văn An');
      const mine = await verify({ pdf: issued.pdf });
      expect(mine.status).toBe('valid');
      expect(mine.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Bộ Nội vụ (thử nghiệm)']);
      expect(mine.extract?.personName).toBe('Đặng Thị Ngọc Hường');

      const bad = pdfBytes();
      bad[Math.floor(bad.length / 3)]! ^= 0x01;
      const broken = await pdfsig(bad);
      expect(broken.out).not.toMatch(/Signature is Valid[\s\S]*Signature is Valid/);
      expect((await verify({ pdf: bad.toString('base64') })).status).toBe('tampered');
    },
  );

  it.skipIf(!tools)('openssl cms -verify accepts the JSON signature and rejects an edited file', async () => {
    const dir = pki.files.dir;
    const [json, edited, sig] = ['e.json', 'e2.json', 'e.p7s'].map((f) => join(dir, `${engine}-${f}`)) as [
      string,
      string,
      string,
    ];
    writeFileSync(json, issued.json);
    writeFileSync(edited, issued.json.replace('Hường', 'Hương'));
    writeFileSync(sig, Buffer.from(issued.jsonSignature, 'base64'));
    const cms = (content: string) => [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sig,
      '-content',
      content,
      '-CAfile',
      pki.files.trustFile,
      '-out',
      '/dev/null',
    ];
    execFileSync('openssl', cms(json), { stdio: 'pipe' });
    expect(() => execFileSync('openssl', cms(edited), { stdio: 'pipe' })).toThrow();
    const ok = await verify({
      json: Buffer.from(issued.json).toString('base64'),
      signature: issued.jsonSignature,
    });
    expect(ok.status).toBe('valid');
    expect(ok.signatures).toHaveLength(2);
    const tampered = await verify({
      json: Buffer.from(issued.json.replace('Hường', 'Hương')).toString('base64'),
      signature: issued.jsonSignature,
    });
    expect(tampered.status).toBe('tampered');
  });

  it('verifies by code; unknown codes are unknown; bad input is a 400', async () => {
    expect((await verify({ code: issued.code.toLowerCase().replace(/-/g, ' ') })).status).toBe('valid');
    expect((await verify({ code: 'ZZZZ-ZZZZ-ZZZZ' })).status).toBe('unknown');
    const res = await as(undefined, 'POST', '/api/v1/extracts/verify', {
      code: 'ABCD-EFGH-JKMN',
      pdf: 'AAAA',
    });
    expect(res.statusCode).toBe(400);
    const notPdf = await as(undefined, 'POST', '/api/v1/extracts/verify', { pdf: 'AAAA' });
    expect(notPdf.json().error.code).toBe('VALIDATION_FAILED');
    const page = await as(undefined, 'GET', '/api/v1/extracts/verify?code=ABCD');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Xác thực trích lục');
  });

  it('a revoked extract verifies as revoked, by code and by file; revoking needs scope and a reason', async () => {
    const other = (
      await as(officer, 'POST', `/api/v1/employees/${employeeId}/extracts`)
    ).json() as IssuedExtract;
    const url = `/api/v1/extracts/${other.id}/revoke`;
    expect((await as(outsider, 'POST', url, { reason: 'Sai thông tin' })).statusCode).toBe(404);
    expect((await as(viewer, 'POST', url, { reason: 'Sai thông tin' })).statusCode).toBe(403);
    const res = await as(officer, 'POST', url, { reason: 'Cấp nhầm người' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revokeReason).toBe('Cấp nhầm người');
    expect((await as(officer, 'POST', url, { reason: 'Lần nữa' })).statusCode).toBe(422);
    const byCode = await verify({ code: other.code });
    expect(byCode).toMatchObject({ status: 'revoked', extract: { revokeReason: 'Cấp nhầm người' } });
    expect((await verify({ pdf: other.pdf })).status).toBe('revoked');
    expect((await verify({ code: issued.code })).status).toBe('valid');
  });

  it('hoso extract verify FILE: valid offline and against the registry; a flipped byte fails', async () => {
    const dir = pki.files.dir;
    const file = join(dir, `${engine}-cli.pdf`);
    const bad = join(dir, `${engine}-cli-bad.pdf`);
    writeFileSync(file, pdfBytes());
    const flipped = pdfBytes();
    flipped[2000]! ^= 0x01;
    writeFileSync(bad, flipped);
    const withDb = <T>(fn: (ctx: ReturnType<typeof testCtx>) => Promise<T>) => fn(testCtx(d));
    const trust = ['--trust', pki.files.trustFile];
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await extractCommand(['verify', file, ...trust, '--no-db'], withDb)).toBe(0);
      expect(await extractCommand(['verify', file, ...trust], withDb)).toBe(0);
      expect(await extractCommand(['verify', bad, ...trust, '--no-db'], withDb)).toBe(1);
      const json = join(dir, `${engine}-cli.json`);
      writeFileSync(json, issued.json);
      writeFileSync(`${json}.p7s`, Buffer.from(issued.jsonSignature, 'base64'));
      expect(await extractCommand(['verify', json, ...trust], withDb)).toBe(0);
    } finally {
      quiet.mockRestore();
    }
  });

  it('refuses to sign with an expired or revoked certificate', async () => {
    for (const bad of [pki.expired, pki.revoked]) {
      installExtractSettings({
        person: bad,
        agency: pki.agency,
        trust: pki.trust,
        publicBaseUrl: 'https://hoso.test',
      });
      const res = await as(officer, 'POST', `/api/v1/employees/${employeeId}/extracts`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('SIGNATURE_INVALID');
    }
    installExtractSettings({
      person: pki.person,
      agency: pki.agency,
      trust: pki.trust,
      publicBaseUrl: 'https://hoso.test',
    });
  });
});
