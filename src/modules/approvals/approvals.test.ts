// The monthly signed approval on both engines: the window in the last 5 days, the manifest of the
// month's changes, a real CMS signature checked against the trust list, verification later
// (also by openssl), refusals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { checkpointKey, checkpointNow } from '../audit/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { at, userCtx } from '../../../test/helpers/actors.ts';
import { hasTool, testPki, type TestPki } from '../../../test/helpers/pki.ts';
import type { Database } from '../../db/connect.ts';
import type { Ctx } from '../../platform/context.ts';
import { signDetachedCms } from '../../platform/signing/index.ts';
import { appendAction, createEmployee } from '../personnel-actions/index.ts';
import {
  approvalFiles,
  approveMonth,
  configureApprovalSigner,
  configureApprovalTrust,
  listApprovals,
  prepareManifest,
  verifyApproval,
} from './index.ts';

const NOV20 = new Date('2026-11-20T03:00:00Z');
const NOV27 = new Date('2026-11-27T03:00:00Z');
const DEC28 = new Date('2026-12-28T03:00:00Z');
const dec = { number: '12/QĐ', date: '2026-11-18', signerName: 'Lê Ký', issuingBody: 'UBND' };

describe.each(ENGINES)('monthly signed approval on %s', (engine) => {
  let d: Database;
  let w: World;
  let pki: TestPki;
  let approver: Ctx, approverTq: Ctx;
  let person: string;

  beforeAll(async () => {
    pki = await testPki();
    configureApprovalTrust(() => pki.trust);
    d = await createTestDatabase(engine);
    w = await buildWorld(testCtx(d, NOV20));
    person = (
      await createEmployee(testCtx(d, NOV20), recruitBody(w.hanoiHome, { effectiveDate: '2026-11-16' }))
    ).id;
    await appendAction(testCtx(d, NOV20), person, {
      type: 'reward',
      effectiveDate: '2026-11-18',
      decision: dec,
      payload: { form: 'Giấy khen' },
    });
    await createEmployee(testCtx(d, NOV20), recruitBody(w.tuyenquang, { effectiveDate: '2026-11-16' }));
    approver = await userCtx(d, { roles: [{ role: 'approver', unitId: w.hanoi }] }, NOV27);
    approverTq = await userCtx(d, { roles: [{ role: 'approver', unitId: w.tuyenquang }] }, NOV27);
  });
  afterAll(async () => d?.close());

  const sign = async (signer: TestPki['approver'], manifestBase64: string) =>
    Buffer.from(
      await signDetachedCms(signer, Buffer.from(manifestBase64, 'base64'), { signingTime: NOV27 }),
    ).toString('base64');

  it('is refused before the last 5 days of the month', async () => {
    const m = await prepareManifest(at(approver, NOV20), w.hanoi, '2026-11');
    await expect(
      approveMonth(at(approver, NOV20), {
        unitId: w.hanoi,
        month: '2026-11',
        coversTo: m.coversTo,
        signatureBase64: await sign(pki.approver, m.manifestBase64),
      }),
    ).rejects.toMatchObject({ code: 'OUTSIDE_APPROVAL_WINDOW' });
  });

  it('lists the unit’s changes of the month with their hashes, nothing of other provinces', async () => {
    const m = await prepareManifest(approver, w.hanoi, '2026-11');
    const doc = JSON.parse(Buffer.from(m.manifestBase64, 'base64').toString('utf8'));
    expect(doc).toMatchObject({ format: 'hoso.monthly-approval/1', month: '2026-11', unit: { id: w.hanoi } });
    expect(doc.actions.map((a: { type: string }) => a.type)).toEqual(['recruit', 'reward']);
    expect(
      doc.actions.every(
        (a: { employeeId: string; sha256: string }) =>
          a.employeeId === person && /^[0-9a-f]{64}$/.test(a.sha256),
      ),
    ).toBe(true);
    expect(m.actionCount).toBe(2);
  });

  it('refuses a signature that does not verify: wrong bytes, revoked certificate, outside one’s province', async () => {
    const m = await prepareManifest(approver, w.hanoi, '2026-11');
    const other = Buffer.from('{"khác":true}').toString('base64');
    await expect(
      approveMonth(approver, {
        unitId: w.hanoi,
        month: '2026-11',
        coversTo: m.coversTo,
        signatureBase64: await sign(pki.approver, other),
      }),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    const revoked = Buffer.from(
      await signDetachedCms(pki.revoked, Buffer.from(m.manifestBase64, 'base64'), { signingTime: NOV27 }),
    ).toString('base64');
    await expect(
      approveMonth(approver, {
        unitId: w.hanoi,
        month: '2026-11',
        coversTo: m.coversTo,
        signatureBase64: revoked,
      }),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      details: [{ reason: 'revoked' }],
    });
    await expect(prepareManifest(approverTq, w.hanoi, '2026-11')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(prepareManifest(approver, w.hanoiHome, '2026-11')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await listApprovals(approver, {})).toEqual([]);
  });

  it('records a signed approval that verifies later, here and with openssl', async () => {
    // The audit log's newest signed checkpoint is part of what the approver signs.
    const cp = await checkpointNow(
      d.db,
      checkpointKey(generateKeyPairSync('ed25519').privateKey),
      approver.now,
    );
    const m = await prepareManifest(approver, w.hanoi, '2026-11');
    const doc = JSON.parse(Buffer.from(m.manifestBase64, 'base64').toString('utf8')) as {
      auditCheckpoint?: unknown;
    };
    expect(doc.auditCheckpoint).toEqual(cp);
    const a = await approveMonth(approver, {
      unitId: w.hanoi,
      month: '2026-11',
      coversTo: m.coversTo,
      signatureBase64: await sign(pki.approver, m.manifestBase64),
    });
    expect(a).toMatchObject({ month: '2026-11', actionCount: 2, late: false, manifestSha256: m.sha256 });
    expect(a.signerSubject).toContain('Phạm Thị Bình');
    expect(await verifyApproval(approver, a.id)).toMatchObject({
      valid: true,
      signatureValid: true,
      actionsIntact: true,
      problems: [],
    });
    await expect(
      approveMonth(approver, {
        unitId: w.hanoi,
        month: '2026-11',
        coversTo: m.coversTo,
        signatureBase64: await sign(pki.approver, m.manifestBase64),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    if (hasTool('openssl')) {
      const files = await approvalFiles(approver, a.id);
      const dir = mkdtempSync(join(tmpdir(), 'hoso-approval-'));
      writeFileSync(join(dir, 'manifest.json'), Buffer.from(files.manifestBase64, 'base64'));
      writeFileSync(join(dir, 'sig.p7s'), Buffer.from(files.signatureBase64, 'base64'));
      const args = [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.p7s'),
        '-content',
        join(dir, 'manifest.json'),
        '-CAfile',
        pki.files.trustFile,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ];
      expect(() => execFileSync('openssl', args, { stdio: 'pipe' })).not.toThrow();
    }

    // A manifest edited in storage no longer matches its signature.
    await d.db
      .updateTable('monthly_approvals')
      .set({
        manifest: Buffer.from(
          Buffer.from(m.manifestBase64, 'base64').toString('utf8').replace('reward', 'rewarx'),
        ),
      })
      .where('id', '=', a.id)
      .execute();
    const v = await verifyApproval(approver, a.id);
    expect(v.valid).toBe(false);
    expect(v.signatureValid).toBe(false);
  });

  it('the next approval covers what was recorded after the previous one; late is marked', async () => {
    await appendAction(testCtx(d, new Date('2026-11-29T03:00:00Z')), person, {
      type: 'reward',
      effectiveDate: '2026-11-28',
      decision: { ...dec, date: '2026-11-28' },
      payload: { form: 'Bằng khen' },
    });
    const m = await prepareManifest(at(approver, DEC28), w.hanoi, '2026-12');
    expect(m.actionCount).toBe(1);
    const a = await approveMonth(at(approver, DEC28), {
      unitId: w.hanoi,
      month: '2026-12',
      coversTo: m.coversTo,
      signatureBase64: await sign(pki.approver, m.manifestBase64),
    });
    expect(a.late).toBe(false);
    const late = await prepareManifest(at(approverTq, DEC28), w.tuyenquang, '2026-11');
    expect(late.actionCount).toBe(1);
    const b = await approveMonth(at(approverTq, DEC28), {
      unitId: w.tuyenquang,
      month: '2026-11',
      coversTo: late.coversTo,
      signatureBase64: await sign(pki.approver, late.manifestBase64),
    });
    expect(b.late).toBe(true);
  });

  it('signs remotely with the node’s signer when the approver sends no signature', async () => {
    const ministryApprover = await userCtx(d, { roles: [{ role: 'approver', unitId: w.ministry }] }, NOV27);
    const m = await prepareManifest(ministryApprover, w.ministry, '2026-11');
    configureApprovalSigner(undefined);
    await expect(
      approveMonth(ministryApprover, { unitId: w.ministry, month: '2026-11', coversTo: m.coversTo }),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
    configureApprovalSigner(async () => pki.revoked);
    await expect(
      approveMonth(ministryApprover, { unitId: w.ministry, month: '2026-11', coversTo: m.coversTo }),
    ).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      details: [{ reason: 'revoked' }],
    });
    configureApprovalSigner(async () => pki.person);
    const a = await approveMonth(ministryApprover, {
      unitId: w.ministry,
      month: '2026-11',
      coversTo: m.coversTo,
    });
    expect(a.signerSubject).toContain('Nguyễn Văn An');
    expect((await verifyApproval(ministryApprover, a.id)).valid).toBe(true);
    configureApprovalSigner(undefined);
  });
});
