// The portal in a real browser (issue 8's acceptance, as far as the APIs exist): an HR officer signs
// in with MFA, finds a person by typing the name without diacritics, opens the record and drafts a
// salary-step decision; an approver approves it and it reaches the ledger; an officer of another
// province cannot open that record (404 → the portal's Vietnamese not-found message); the person sees
// the new step, downloads a signed extract and sees who read their record; the person declares a change
// in self-service, the HR officer approves it and the person, led by the notification, sees it applied.
// Screenshots of the main pages go to test/e2e/screenshots/ (CI artefacts).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, ENGINES } from '../helpers/db.ts';
import type { Database } from '../../src/db/connect.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { installExtractSettings } from '../../src/modules/extracts/index.ts';
import { createUnit } from '../../src/modules/org-units/index.ts';
import { createEmployee, setActionRouter, setWriteGuard } from '../../src/modules/personnel-actions/index.ts';
import { signEnvelope, startNode } from '../../src/modules/federation/index.ts';
import { tokenIssuer } from '../../src/modules/sharing/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { recruitBody } from '../helpers/fixtures.ts';
import { testPki } from '../helpers/pki.ts';
import {
  browserAvailable,
  cspViolations,
  firstSignIn,
  issue,
  issueSelf,
  launchBrowser,
  MovableClock,
  afterE2eTest,
  NEW_PASSWORD,
  SCREENSHOTS,
  seedWorld,
  shot,
  startServer,
  totp,
  type E2eWorld,
} from './harness.ts';

const hasBrowser = browserAvailable();
// A browser on a busy two-core machine: each step may take a while (first sign-ins hash passwords).
vi.setConfig({ testTimeout: 120_000 });
// The same flow on each engine; the screenshots come from the first.
const engines = ENGINES;

describe.skipIf(!hasBrowser).each(engines)('portal end to end (%s)', (engine) => {
  const clock = new MovableClock();
  let d: Database;
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let seeded: E2eWorld;
  let officer: BrowserContext;
  let page: Page;
  let officerSecret: string | undefined;
  let person: Page | undefined;
  /** The national administrator of the API-client, node and split forms (issues 8 and 9). */
  let national: Page;
  /** The Tuyên Quang node registered through the form: its key, and a record handed over to it. */
  let t08: { key: ReturnType<typeof generateKeyPairSync>; employeeId: string } | undefined;
  const shots = engine === engines[0];

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    seeded = await seedWorld(systemCtx(d.db, clock.now(), 'system:e2e'));
    ({ app, url } = await startServer(d, clock));
    const pki = await testPki();
    installExtractSettings({ person: pki.person, agency: pki.agency, trust: pki.trust, publicBaseUrl: url });
    browser = await launchBrowser();
    officer = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    page = await officer.newPage();
  });

  afterEach(async ({ task }) => {
    await afterE2eTest(browser, `${engine}: ${task.name}`, task.result?.state === 'fail');
    // The portal works under its Content-Security-Policy: no page this test opened broke a rule.
    expect(cspViolations.splice(0), 'Content-Security-Policy violations').toEqual([]);
  });

  afterAll(async () => {
    installExtractSettings(undefined);
    await browser?.close();
    await app?.close();
    await d?.close();
  });

  it('an HR officer signs in for the first time: new password, MFA enrolment', async () => {
    const password = await issue(d, clock, 'canbo.hanoi', [
      { role: 'hr_officer', unitId: seeded.world.hanoi },
    ]);
    officerSecret = await firstSignIn(page, url, clock, { username: 'canbo.hanoi', password }, shots);
    expect(officerSecret).toBeDefined();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await page.getByTestId('headcount').getByText('3').waitFor();
    if (shots) await shot(page, '03-overview');
  });

  // The acceptance asks for the overview in under 2 s on localhost. Time depends on the machine's load
  // (CI runs two test files at once on two cores, next to other work), so the test holds the build to
  // a byte budget, which is what the code controls, writes the time to screenshots/metrics.json, and
  // fails past E2E_LOAD_BUDGET_MS: 2000 on a quiet machine, a hang-catching 20 s by default.
  it('loads the overview of a signed-in session from a cold cache: small and fast', async () => {
    const cold = await browser.newContext({ storageState: await officer.storageState() });
    const p = await cold.newPage();
    const cdp = await cold.newCDPSession(p);
    await cdp.send('Performance.enable');
    const started = Date.now();
    await p.goto(url);
    await p.getByTestId('headcount').getByText('3').waitFor();
    const ms = Date.now() - started;
    // The session was asked for early by prefetch.js (a file: the CSP allows no inline script).
    expect(await p.evaluate(() => typeof (window as { __hosoBoot?: object }).__hosoBoot)).toBe('object');
    const bytes = await p.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .concat(performance.getEntriesByType('navigation'))
        .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0),
    );
    if (process.env.E2E_TIMINGS) {
      console.log(
        await p.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => `${Math.round(e.startTime)}+${Math.round(e.duration)} ${e.name.slice(-60)}`)
            .join('\n'),
        ),
      );
    }
    // The page's own main-thread work (CPU time, far less sensitive to the machine's load than wall time).
    const { metrics } = await cdp.send('Performance.getMetrics');
    const cpu = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? 0) * 1000);
    console.log(
      `[e2e ${engine}] overview loaded in ${ms} ms, ${Math.round(bytes / 1024)} KiB transferred; ` +
        `main thread busy ${cpu('TaskDuration')} ms (script ${cpu('ScriptDuration')} ms)`,
    );
    await cold.close();
    if (shots)
      writeFileSync(join(SCREENSHOTS, 'metrics.json'), JSON.stringify({ overviewMs: ms, bytes }) + '\n');
    // ≈ 465 KiB: brotli copies from memory, antd's prebuilt stylesheet (≈ 73 KiB) instead of styles
    // generated by script, and ECharts (≈ 150 KiB) fetched only after the headcount is shown.
    expect(bytes).toBeLessThan(520 * 1024);
    expect(ms).toBeLessThan(Number(process.env.E2E_LOAD_BUDGET_MS ?? 20_000));
  });

  // The report's PDF after an extract was laid out once answered 500 (two pdfmake set-ups fighting over
  // one instance); analytics.test.ts now covers that order.
  it('analytics of the scope on a date: a count opens its people; the report downloads as PDF and Excel', async () => {
    await page.getByRole('menuitem', { name: 'Thống kê, phân tích' }).click();
    await page.getByRole('heading', { name: 'Thống kê đội ngũ' }).waitFor();
    await page.getByTestId('dim-ageBand').locator('canvas').waitFor();
    await page.getByTestId('dim-sex').getByRole('button', { name: 'Xem danh sách: Nam' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: 'Nguyễn Văn Đức' }).waitFor();
    expect(await drawer.getByText('Trần Thị Ngọc Ánh').count()).toBe(0);
    if (shots) await shot(page, '16-analytics-people');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    if (shots) await shot(page, '17-analytics');

    await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
    const pdf = await page.getByRole('link', { name: 'Tải báo cáo PDF' }).getAttribute('href');
    const got = await page.request.get(url + pdf!);
    expect(got.status(), await got.text()).toBe(200);
    expect(got.headers()['content-type']).toContain('pdf');
    const xlsx = await page.getByRole('link', { name: 'Tải báo cáo Excel' }).getAttribute('href');
    const res = await page.request.get(url + xlsx!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    if (shots) await shot(page, '18-reports');
  });

  it('finds a person by typing the name without diacritics and opens the record', async () => {
    await page.getByRole('menuitem', { name: 'Hồ sơ điện tử' }).click();
    await page.getByPlaceholder('Gõ họ tên').fill('nguyen van duc');
    const link = page.getByRole('link', { name: 'Nguyễn Văn Đức' });
    await link.waitFor();
    // Tuyên Quang's Nguyễn Văn Đông is outside the officer's scope: never listed.
    expect(await page.getByText('Nguyễn Văn Đông').count()).toBe(0);
    if (shots) await shot(page, '04-records-search');
    await link.click();
    await page.getByTestId('record-name').getByText('Nguyễn Văn Đức').waitFor();
    await page.getByText(seeded.personId, { exact: true }).waitFor();
    await page.getByRole('tab', { name: /6\. Vị trí/ }).click();
    if (shots) await shot(page, '05-record');
  });

  it('records a salary-step decision with its decision metadata', async () => {
    await page.getByTestId('record-action').click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Bậc lương mới').fill('3');
    await fillDate(page, 'Ngày hiệu lực', '01/11/2026');
    await form.getByLabel('Số quyết định').fill('245/QĐ-SNV');
    await fillDate(page, 'Ngày quyết định', '25/10/2026');
    await form.getByLabel('Người ký', { exact: true }).fill('Phạm Minh Tuấn');
    await form.getByLabel('Cơ quan ban hành').fill('Sở Nội vụ Hà Nội');
    await form.getByLabel('Căn cứ pháp lý').fill('Nghị định 204/2004/NĐ-CP');
    if (shots) await shot(page, '06-action-form');
    await page.getByTestId('action-submit').click();
    // Officers draft (maker-checker); the draft reaches the ledger when an approver applies it.
    await page.getByText('Đã gửi dự thảo quyết định').waitFor();
  });

  it('an approver approves the salary step and it reaches the ledger', async () => {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    const p = await ctx.newPage();
    const password = await issue(d, clock, 'pheduyet.hanoi', [
      { role: 'approver', unitId: seeded.world.hanoi },
    ]);
    await firstSignIn(p, url, clock, { username: 'pheduyet.hanoi', password });
    await p.getByRole('menuitem', { name: 'Yêu cầu và phê duyệt' }).click();
    const row = p.getByRole('row').filter({ hasText: 'Nguyễn Văn Đức' });
    await row.getByText('245/QĐ-SNV').waitFor();
    if (shots) await shot(p, '07-approvals-inbox');
    await row.getByRole('button', { name: 'Duyệt' }).click();
    await p.getByText('Đã duyệt: quyết định đã vào sổ hồ sơ').waitFor();
    await p.goto(`${url}/records/${seeded.employeeId}`);
    await p.getByTestId('salary').getByText('bậc 3').waitFor();
    if (shots) {
      await p.getByRole('menuitem', { name: 'Phê duyệt hằng tháng' }).click();
      await p.getByRole('button', { name: 'Lập bảng kê' }).click();
      await p.getByTestId('manifest').getByText('SHA-256').waitFor();
      await shot(p, '16-monthly-approval');
    }
    await ctx.close();
  });

  it('signs out and back in with the TOTP code (MFA entry); English switch', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    clock.offsetMs += 60_000; // the next TOTP step: a code is accepted once
    await page.getByLabel('Tên đăng nhập').fill('canbo.hanoi');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Xác thực hai lớp' }).waitFor();
    await page.getByLabel('Mã xác thực').fill(totp(officerSecret!, clock.now()));
    await page.getByRole('button', { name: 'Xác thực' }).click();
    await page.getByTestId('account-name').waitFor();
    await page.getByRole('menuitem', { name: 'Tổ chức bộ máy' }).click();
    await page.getByText('Sở Nội vụ Hà Nội (T01-SNV)').click();
    if (shots) await shot(page, '08-org');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Organisation' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  it('an officer of another province cannot open the record: a Vietnamese not-found message', async () => {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    const other = await ctx.newPage();
    const password = await issue(d, clock, 'canbo.tuyenquang', [
      { role: 'hr_officer', unitId: seeded.world.tuyenquang },
    ]);
    await firstSignIn(other, url, clock, { username: 'canbo.tuyenquang', password });
    const answer = other.waitForResponse((r) => r.url().includes(`/api/v1/employees/${seeded.employeeId}`));
    await other.goto(`${url}/records/${seeded.employeeId}`);
    expect((await answer).status()).toBe(404);
    await other.getByTestId('error').getByText('Không tìm thấy hồ sơ').waitFor();
    expect(await other.getByText('Nguyễn Văn Đức').count()).toBe(0);
    if (shots) await shot(other, '09-other-province-not-found');
    await ctx.close();
  });

  it('the person sees their record with the approved step, and who read it', async () => {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    const me = await ctx.newPage();
    await firstSignIn(me, url, clock, await issueSelf(d, clock, seeded.employeeId));
    await me.getByRole('menuitem', { name: 'Hồ sơ của tôi', exact: true }).click();
    await me.getByTestId('record-name').getByText('Nguyễn Văn Đức').waitFor();
    await me.getByTestId('salary').getByText('bậc 3').waitFor(); // the approved salary step
    const downloaded = me.waitForEvent('download');
    await me.getByTestId('extract').click();
    const pdf = join(SCREENSHOTS, `extract-${engine}.pdf`);
    await (await downloaded).saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await me.getByTestId('extract-issued').getByText('Đã cấp trích lục số').waitFor();
    if (shots) await shot(me, '10-my-record-extract');
    await me.getByRole('menuitem', { name: 'Ai đã xem hồ sơ của tôi' }).click();
    await me.getByText('Cán bộ canbo.hanoi').first().waitFor();
    if (shots) await shot(me, '11-who-read-my-record');
    person = me;
  });

  it('the person declares a change, the HR officer approves it, the person sees it applied', async () => {
    const me = person!;
    await me.getByRole('menuitem', { name: 'Kê khai / đề nghị thay đổi' }).click();
    // The family group's form, generated from the content schema: relationship from its catalog.
    await chooseOne(me, 'Nhóm thông tin', '2. Quan hệ gia đình');
    await chooseOne(me, 'Loại thông tin', 'Thành viên gia đình');
    await chooseOne(me, 'Quan hệ', 'Con đẻ');
    await me.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Minh An');
    await me.getByLabel('Năm sinh', { exact: true }).fill('2015');
    await me.getByLabel('Nghề nghiệp', { exact: true }).fill('Học sinh');
    await me.getByRole('button', { name: 'Gửi kê khai' }).click();
    await me.getByText('Đã gửi kê khai, đang chờ xác minh').waitFor();
    const mine = me.getByTestId('my-requests').getByRole('row').filter({ hasText: 'Nguyễn Minh An' });
    await mine.getByText('Chờ duyệt').waitFor();
    if (shots) await shot(me, '12-my-requests');

    if (shots) {
      await page.getByRole('menuitem', { name: 'Thời hạn cập nhật' }).click();
      await page.getByRole('heading', { name: 'Thời hạn cập nhật hồ sơ' }).waitFor();
      await page.getByRole('cell', { name: 'Nguyễn Văn Đức' }).first().waitFor();
      await shot(page, '13-deadlines');
      await page.getByRole('menuitem', { name: 'Xin đồng ý xem hồ sơ' }).click();
      await page.getByRole('button', { name: 'Gửi đề nghị' }).waitFor();
      await shot(page, '14-consent-ask');
    }
    await page.getByRole('menuitem', { name: 'Yêu cầu và phê duyệt' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Tự kê khai' }).filter({ hasText: 'Nguyễn Văn Đức' });
    // The officer sees what would change, field by field, with labels and names (never keys or codes).
    await row.getByRole('button', { name: /Expand row|Mở rộng/ }).click();
    const diff = page.getByTestId('declaration-diff');
    await diff.getByText('Thành viên gia đình').waitFor();
    await diff.getByRole('row').filter({ hasText: 'Quan hệ' }).filter({ hasText: 'Con đẻ' }).waitFor();
    await diff.getByRole('row').filter({ hasText: 'Năm sinh' }).filter({ hasText: '2015' }).waitFor();
    expect(await diff.textContent()).not.toMatch(/relationship|fullName|birthYear|\bCON\b/);
    if (shots) await shot(page, '12b-declaration-diff');
    await row.getByRole('button', { name: 'Duyệt' }).click();
    await page.getByText('Đã duyệt: quyết định đã vào sổ hồ sơ').waitFor();

    // The person is told in the inbox; the notification leads to their requests, now approved.
    await me.reload();
    await me.getByTestId('notifications').click();
    await me.getByText('Yêu cầu đã được duyệt').first().click();
    await me.waitForURL('**/me/requests');
    await mine.getByText('Đã duyệt').waitFor();
    await me.getByRole('menuitem', { name: 'Hồ sơ của tôi', exact: true }).click();
    await me.getByRole('tab', { name: '2. Quan hệ gia đình' }).click();
    await me.getByText('Nguyễn Minh An').waitFor();
    const family = me.getByRole('tabpanel', { name: '2. Quan hệ gia đình' });
    await family.getByText('Thành viên gia đình').waitFor();
    await family.getByText('Con đẻ').waitFor();
    expect(await family.textContent()).toContain('Năm sinh:');
    expect(await family.textContent()).not.toMatch(/relationship|fullName|birthYear/);
    if (shots) {
      await me.getByRole('menuitem', { name: 'Yêu cầu xem hồ sơ của tôi' }).click();
      await me.getByText('Không có yêu cầu nào').waitFor();
      await shot(me, '15-my-consents');
    }
    await me.context().close();
  });

  it('an agency administrator renames a unit (a future decision date refused in Vietnamese), issues and disables an account, reads the catalogs', async () => {
    const password = await issue(d, clock, 'quantri.hanoi', [
      { role: 'agency_admin', unitId: seeded.world.hanoi },
    ]);
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    const admin = await ctx.newPage();
    await firstSignIn(admin, url, clock, { username: 'quantri.hanoi', password });
    await admin.getByRole('menuitem', { name: 'Sắp xếp tổ chức' }).click();
    await admin.getByRole('heading', { name: 'Sắp xếp tổ chức bộ máy' }).waitFor();
    await chooseOne(admin, 'Đơn vị', 'Sở Nội vụ Hà Nội');
    await admin.getByLabel('Tên mới', { exact: true }).fill('Sở Nội vụ Thành phố Hà Nội');
    const today = new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const ddmmyyyy = today.split('-').reverse().join('/');
    await typeDate(admin, 'Ngày hiệu lực', ddmmyyyy);
    await typeDate(admin, 'Ngày quyết định', '01/01/2099');
    await admin.getByLabel('Số quyết định').fill('15/QĐ-UBND');
    await admin.getByLabel('Người ký', { exact: true }).fill('Trần Sỹ Thanh');
    await admin.getByLabel('Cơ quan ban hành').fill('UBND Thành phố Hà Nội');
    await admin.getByRole('button', { name: 'Ghi nhận thao tác' }).click();
    await admin.getByText('Ngày quyết định không được ở tương lai', { exact: true }).waitFor();
    if (shots) await shot(admin, '19-restructuring-error');
    await typeDate(admin, 'Ngày quyết định', ddmmyyyy);
    await admin.getByRole('button', { name: 'Ghi nhận thao tác' }).click();
    await admin.getByText('Đã ghi nhận').waitFor();
    await admin.getByRole('row').filter({ hasText: '15/QĐ-UBND' }).getByText('Đổi tên').waitFor();
    if (shots) await shot(admin, '20-restructuring');

    // Accounts: issue a viewer over the department, see its one-time password once, disable it.
    await admin.getByRole('menuitem', { name: 'Tài khoản và vai trò' }).click();
    await admin.getByRole('button', { name: 'Cấp tài khoản' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('xem.noivu');
    await dialog.getByLabel('Tên hiển thị').fill('Người xem Sở Nội vụ');
    await chooseOne(dialog, 'Vai trò', 'Người xem');
    await chooseOne(dialog, 'Phạm vi (đơn vị và các đơn vị trực thuộc)', 'Sở Nội vụ Thành phố Hà Nội');
    await dialog.getByRole('button', { name: 'Cấp tài khoản' }).click();
    // The password, or the error the dialog shows instead (then the test says which).
    const issued = admin.getByTestId('one-time-password');
    const refused = dialog.locator('.ant-alert-error, .ant-form-item-explain-error');
    await issued.or(refused).first().waitFor();
    if (await refused.first().isVisible()) {
      throw new Error(`issuing refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    }
    if (shots) await shot(admin, '21-account-issued');
    // On a loaded machine a click on OK during the modal's opening motion can be lost: click until it closes.
    const ok = admin.getByRole('button', { name: 'OK' });
    for (let attempt = 0; attempt < 3 && (await ok.isVisible()); attempt++) {
      await ok.click();
      await ok.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
    const row = admin.getByRole('row').filter({ hasText: 'xem.noivu' });
    await row.getByRole('button', { name: 'Khóa' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: 'Đồng ý' }).click();
    await row.getByText('Đã khóa').waitFor();
    if (shots) await shot(admin, '22-accounts');

    await admin.getByRole('menuitem', { name: 'Danh mục dùng chung' }).click();
    await admin.getByRole('heading', { name: 'Danh mục dùng chung' }).waitFor();
    await admin.getByRole('cell').first().waitFor();
    if (shots) await shot(admin, '23-catalogs');
    await ctx.close();
  });

  it('an HR officer checks an import file row by row; a national administrator sees API clients and nodes', async () => {
    await page.getByRole('menuitem', { name: 'Nhập hồ sơ hàng loạt' }).click();
    await page.getByRole('heading', { name: 'Nhập hồ sơ hàng loạt' }).waitFor();
    const template = await page.request.get(`${url}/api/v1/imports/template?format=csv`);
    expect(template.status()).toBe(200);
    const header = (await template.text()).split(/\r?\n/)[0]!;
    const csv = `${header}\r\n${header
      .split(',')
      .map(() => 'x')
      .join(',')}\r\n`;
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'thu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Kiểm tra (không ghi)' }).click();
    const result = page.getByTestId('import-result');
    await result.getByText('Kết quả: thu.csv').waitFor();
    await result.getByRole('cell').first().waitFor(); // the row-by-row problems of the bad row
    if (shots) await shot(page, '24-import-check');

    const password = await issue(d, clock, 'quantri.quocgia', [
      { role: 'national_admin', unitId: seeded.world.nation },
    ]);
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    const nat = await ctx.newPage();
    await firstSignIn(nat, url, clock, { username: 'quantri.quocgia', password });
    await nat.getByRole('menuitem', { name: 'Hệ thống kết nối (API)' }).click();
    await nat.getByRole('heading', { name: 'Hệ thống kết nối qua API' }).waitFor();
    if (shots) await shot(nat, '25-api-clients');
    await nat.getByRole('menuitem', { name: 'Đồng bộ bộ, ngành, địa phương' }).click();
    await nat.getByRole('heading', { name: 'Đồng bộ dữ liệu bộ, ngành, địa phương' }).waitFor();
    expect(await nat.getByTestId('error').count()).toBe(0);
    if (shots) await shot(nat, '26-nodes');
    await ctx.close();
  });

  it('a national administrator registers an API client through the form: the secret shown once gets a token', async () => {
    const password = await issue(d, clock, 'quantri.ketnoi', [
      { role: 'national_admin', unitId: seeded.world.nation },
    ]);
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    national = await ctx.newPage();
    const nat = national;
    await firstSignIn(nat, url, clock, { username: 'quantri.ketnoi', password });
    await nat.getByRole('menuitem', { name: 'Hệ thống kết nối (API)' }).click();
    await nat.getByRole('button', { name: 'Đăng ký hệ thống kết nối' }).click();
    const form = nat.getByRole('dialog');
    await form.getByLabel('Hệ thống', { exact: true }).fill('Hệ thống Bảo hiểm xã hội Hà Nội');
    await form.getByLabel('Cơ quan quản lý').fill('Bảo hiểm xã hội Thành phố Hà Nội');
    await form
      .getByLabel('Đầu mối liên hệ (họ tên, điện thoại, thư điện tử)')
      .fill('Lê Văn Nam, 024 3825 0000');
    await form.getByRole('checkbox', { name: /employees\.search/ }).check();
    const option = (text: string) => nat.locator('.ant-select-item-option:visible').filter({ hasText: text });
    // A multiple select chosen by keyboard (type to filter, Enter: a click on an option during the
    // dropdown's opening motion can be lost), each choice then seen as a tag; a click on the drawer's
    // title closes the dropdown (Escape would close the drawer too).
    const choose = async (label: string, picks: [search: string, text: string][]) => {
      await form.getByLabel(label).click();
      for (const [search, text] of picks) {
        await nat.keyboard.type(search);
        await option(text).waitFor();
        await nat.keyboard.press('Enter');
        await form.locator('.ant-select-selection-item').filter({ hasText: text }).waitFor();
      }
      await form.locator('.ant-drawer-title').click();
    };
    await choose('Trường dữ liệu được chia sẻ', [
      ['fullName', '(fullName)'],
      ['birthDate', '(birthDate)'],
    ]);
    await choose('Phạm vi đơn vị (đơn vị và các đơn vị trực thuộc)', [['(T01)', 'Thành phố Hà Nội (T01)']]);
    await choose('Mục đích được phép khai báo', [['Bảo hiểm', 'Bảo hiểm xã hội, bảo hiểm y tế']]);
    await form.getByLabel('Giới hạn số lần gọi mỗi phút').fill('120');
    if (shots) await shot(nat, '27-api-client-form');
    await nat.getByTestId('client-submit').click();
    const secret = (await nat.getByTestId('client-secret').innerText()).trim();
    const clientId = (await nat.getByTestId('client-id').innerText()).trim();
    await nat.getByText('Mã bí mật chỉ hiện một lần này').waitFor();
    if (shots) await shot(nat, '28-api-client-secret-once');
    await nat.getByRole('button', { name: 'Tôi đã lưu mã bí mật' }).click();
    await nat.getByRole('row').filter({ hasText: 'Hệ thống Bảo hiểm xã hội Hà Nội' }).waitFor();

    const got = await nat.request.get(`${url}/api/v1/api-clients/${clientId}`);
    expect(got.status()).toBe(200);
    const client = (await got.json()) as Record<string, unknown>;
    expect(client).toMatchObject({
      name: 'Hệ thống Bảo hiểm xã hội Hà Nội',
      authMethod: 'client_secret',
      purposes: ['bao_hiem_xa_hoi'],
      orgUnitIds: [seeded.world.hanoi],
      ratePerMinute: 120,
    });
    expect((client.fields as string[]).slice().sort()).toEqual(['birthDate', 'fullName']);
    expect((client.scopes as string[]).slice().sort()).toEqual(['employees.read', 'employees.search']);
    // The secret as shown works: a token, then one record with exactly the chosen fields.
    const token = await fetch(`${url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const shared = await fetch(`${url}/api/v1/share/employees/${seeded.personId}?purpose=bao_hiem_xa_hoi`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(shared.status).toBe(200);
    expect(await shared.json()).toEqual({
      personId: seeded.personId,
      fullName: 'Nguyễn Văn Đức',
      birthDate: '1985-04-12',
    });

    // Editing: the rate limit changes, and only it (the PATCH carries what changed).
    const row = nat.getByRole('row').filter({ hasText: 'Hệ thống Bảo hiểm xã hội Hà Nội' });
    await row.getByRole('button', { name: 'Sửa thông tin' }).click();
    await form.getByLabel('Giới hạn số lần gọi mỗi phút').fill('90');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await nat.getByText('Đã lưu thay đổi của hệ thống kết nối').waitFor();
    await row.getByRole('cell', { name: '90', exact: true }).waitFor();
    expect(
      (
        (await (await nat.request.get(`${url}/api/v1/api-clients/${clientId}`)).json()) as Record<
          string,
          unknown
        >
      ).ratePerMinute,
    ).toBe(90);

    // A client with its own key pair: the public key pasted as PEM (converted to a JWK by the browser);
    // a name already taken is refused in Vietnamese under the name field.
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await nat.getByRole('button', { name: 'Đăng ký hệ thống kết nối' }).click();
    await form.getByLabel('Hệ thống', { exact: true }).fill('Hệ thống Bảo hiểm xã hội Hà Nội');
    await form.getByLabel('Cơ quan quản lý').fill('Cục Thuế Thành phố Hà Nội');
    await form.getByLabel('Đầu mối liên hệ (họ tên, điện thoại, thư điện tử)').fill('Phòng Công nghệ');
    await form.getByRole('radio', { name: /private_key_jwt/ }).check();
    await form.getByLabel('Khóa công khai (JWK hoặc PEM)').fill(pem);
    await choose('Trường dữ liệu được chia sẻ', [['fullName', '(fullName)']]);
    await choose('Phạm vi đơn vị (đơn vị và các đơn vị trực thuộc)', [['(T01)', 'Thành phố Hà Nội (T01)']]);
    await choose('Mục đích được phép khai báo', [['thuế', 'Quản lý thuế thu nhập cá nhân']]);
    await nat.getByTestId('client-submit').click();
    await form.locator('#api-client_name_help').getByText('Đã có hệ thống kết nối tên').waitFor();
    if (shots) await shot(nat, '29-api-client-name-taken');
    await form.getByLabel('Hệ thống', { exact: true }).fill('Hệ thống Quản lý thuế Hà Nội');
    await nat.getByTestId('client-submit').click();
    await nat.getByText('Hệ thống này xác thực bằng khóa riêng của mình; không có mã bí mật.').waitFor();
    const keyClientId = (await nat.getByTestId('client-id').innerText()).trim();
    await nat.getByRole('button', { name: 'Tôi đã lưu mã bí mật' }).click();
    const keyClient = (await (
      await nat.request.get(`${url}/api/v1/api-clients/${keyClientId}`)
    ).json()) as Record<string, unknown>;
    expect(keyClient).toMatchObject({
      authMethod: 'private_key_jwt',
      publicJwk: { kty: 'EC', crv: 'P-256' },
      purposes: ['thue_thu_nhap'],
    });
    // The system signs its own assertion (RFC 7523) with the private key whose public half was pasted.
    const at = Math.floor(clock.now().getTime() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(keyClientId)
      .setSubject(keyClientId)
      .setAudience(`${await tokenIssuer()}/api/v1/oauth/token`)
      .setIssuedAt(at)
      .setExpirationTime(at + 60)
      .setJti(randomUUID())
      .sign(pair.privateKey);
    const keyToken = await fetch(`${url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
    });
    expect(keyToken.status).toBe(200);
    const byKey = await fetch(`${url}/api/v1/share/employees/${seeded.personId}?purpose=thue_thu_nhap`, {
      headers: {
        authorization: `Bearer ${((await keyToken.json()) as { access_token: string }).access_token}`,
      },
    });
    expect(await byKey.json()).toEqual({ personId: seeded.personId, fullName: 'Nguyễn Văn Đức' });
  });

  it('the national administrator registers a province node: a bad key refused in Vietnamese, then the node listed', async () => {
    const nat = national;
    await nat.getByRole('menuitem', { name: 'Đồng bộ bộ, ngành, địa phương' }).click();
    await nat.getByRole('button', { name: 'Đăng ký nút bộ, ngành, địa phương' }).click();
    const form = nat.getByRole('dialog');
    await form.getByText('npx hoso node key').waitFor();
    await form.getByLabel('Mã nút', { exact: true }).fill('T08');
    await chooseOne(form, 'Đơn vị gốc của nút', 'Tỉnh Tuyên Quang (T08)');
    await form.getByLabel('Khóa công khai của nút').fill('A'.repeat(60));
    await form.getByRole('button', { name: 'Đăng ký nút' }).click();
    await form.getByTestId('error').getByText('Khóa công khai không phải khóa Ed25519 hợp lệ').waitFor();
    if (shots) await shot(nat, '30-node-register-error');
    // A record the national node holds in Tuyên Quang: registering the node hands it over.
    const held = await createEmployee(
      systemCtx(d.db, clock.now(), 'system:e2e'),
      recruitBody(seeded.world.tuyenquang, { fullName: 'Hoàng Văn Nam', sex: 'M', birthDate: '1985-05-19' }),
    );
    const key = generateKeyPairSync('ed25519');
    t08 = { key, employeeId: held.id };
    const publicKey = key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    await form.getByLabel('Khóa công khai của nút').fill(publicKey);
    await form.getByRole('button', { name: 'Đăng ký nút' }).click();
    await nat.getByText('Đã đăng ký nút T08').waitFor();
    await nat.getByRole('row').filter({ hasText: 'T08' }).first().waitFor();
    if (shots) await shot(nat, '31-nodes-registered');
    const status = (await (await nat.request.get(`${url}/api/v1/nodes/status`)).json()) as {
      nodes: { code: string; scopeCode: string }[];
    };
    expect(status.nodes).toContainEqual(expect.objectContaining({ code: 'T08', scopeCode: 'T08' }));
  });

  it('the national administrator splits a unit into a new unit and an existing one, one person assigned by hand', async () => {
    const ctx = systemCtx(d.db, clock.now(), 'system:e2e');
    const unit = await createUnit(ctx, {
      code: 'T01-TTDL',
      name: 'Trung tâm Dữ liệu Hà Nội',
      kind: 'public_service_unit',
      parentId: seeded.world.hanoi,
      validFrom: '2010-01-01',
    });
    const ha = await createEmployee(
      ctx,
      recruitBody(unit.id, { fullName: 'Phạm Thu Hà', birthDate: '1988-03-08' }),
    );
    const quan = await createEmployee(
      ctx,
      recruitBody(unit.id, { fullName: 'Đỗ Minh Quân', sex: 'M', birthDate: '1992-11-30' }),
    );
    // Managed by the centre, working at the department on secondment: the split re-homes her too.
    const seconded = recruitBody(unit.id, { fullName: 'Vũ Thị Lan', birthDate: '1990-02-14' });
    seconded.payload.workingUnitId = seeded.world.hanoiHome;
    const lan = await createEmployee(ctx, seconded);
    await createUnit(ctx, {
      code: 'T01-CNTT',
      name: 'Trung tâm Công nghệ thông tin Hà Nội',
      kind: 'public_service_unit',
      parentId: seeded.world.hanoi,
      validFrom: '2012-01-01',
    });
    const nat = national;
    await nat.getByRole('menuitem', { name: 'Sắp xếp tổ chức' }).click();
    await nat.getByRole('heading', { name: 'Sắp xếp tổ chức bộ máy' }).waitFor();
    await chooseOne(nat, 'Loại thao tác', 'Chia tách');
    await chooseOne(nat, 'Đơn vị được chia tách', 'Trung tâm Dữ liệu Hà Nội (T01-TTDL)');
    const part = async (n: number, code: string, name: string) => {
      const group = nat.getByRole('group', { name: `Phần ${n}` });
      await group.getByLabel('Mã đơn vị mới').fill(code);
      await group.getByLabel('Tên đơn vị mới').fill(name);
      await chooseOne(group, 'Loại đơn vị mới', 'Đơn vị sự nghiệp công lập');
    };
    await part(1, 'T01-TTDL-1', 'Trung tâm Dữ liệu số 1');
    await nat.getByRole('button', { name: 'Thêm một phần' }).click();
    const second = nat.getByRole('group', { name: 'Phần 2' });
    await second.getByRole('radio', { name: 'Một đơn vị đang hoạt động' }).check();
    await chooseOne(second, 'Đơn vị nhận', 'Trung tâm Công nghệ thông tin Hà Nội (T01-CNTT)');
    await nat.getByText('Tất cả (3 người) chuyển sang phần 1').waitFor();
    await nat.getByRole('radio', { name: 'Phân từng người về từng phần' }).check();
    await chooseOne(nat, 'Phần cho Đỗ Minh Quân', 'Phần 2');
    const today = new Date(clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const ddmmyyyy = today.split('-').reverse().join('/');
    await typeDate(nat, 'Ngày hiệu lực', ddmmyyyy);
    await typeDate(nat, 'Ngày quyết định', ddmmyyyy);
    await nat.getByLabel('Số quyết định').fill('27/QĐ-UBND');
    await nat.getByLabel('Người ký', { exact: true }).fill('Trần Sỹ Thanh');
    await nat.getByLabel('Cơ quan ban hành').fill('UBND Thành phố Hà Nội');
    if (shots) await shot(nat, '32-split-form');
    await nat.getByRole('button', { name: 'Ghi nhận thao tác' }).click();
    await nat.getByText('Đã ghi nhận; 3 người được chuyển sang đơn vị mới').waitFor();
    await nat.getByRole('row').filter({ hasText: '27/QĐ-UBND' }).getByText('Chia tách').waitFor();
    if (shots) await shot(nat, '33-split-done');

    const unitsOf = async (employeeId: string) => {
      const rec = (await (await nat.request.get(`${url}/api/v1/employees/${employeeId}`)).json()) as {
        workingUnitId: number;
        managingUnitId: number;
      };
      const code = async (id: number) =>
        ((await (await nat.request.get(`${url}/api/v1/org-units/${id}`)).json()) as { code: string }).code;
      return [await code(rec.managingUnitId), await code(rec.workingUnitId)];
    };
    expect(await unitsOf(quan.id)).toEqual(['T01-CNTT', 'T01-CNTT']);
    expect(await unitsOf(ha.id)).toEqual(['T01-TTDL-1', 'T01-TTDL-1']);
    expect(await unitsOf(lan.id)).toEqual(['T01-TTDL-1', 'T01-SNV']); // still seconded, now managed by part 1
  });

  it('a national correction to a record the Tuyên Quang node owns goes to the node; its refusal shows on the record', async () => {
    // This process acts as the national node (as `npm start` does): writes on node-owned records are routed.
    startNode(
      loadConfig({ NODE_ROLE: 'national' }),
      () => systemCtx(d.db, clock.now()),
      createLogger('silent'),
    );
    try {
      const nat = national;
      const { employeeId, key } = t08!;
      await nat.goto(`${url}/records/${employeeId}`);
      await nat.getByText('Hoàng Văn Nam').first().waitFor();
      await nat.getByTestId('record-action').click();
      const form = nat.getByRole('dialog');
      await form.getByLabel('Bậc lương mới').fill('2');
      await fillDate(nat, 'Ngày hiệu lực', '01/11/2026');
      await form.getByLabel('Số quyết định').fill('88/QĐ-BNV');
      await fillDate(nat, 'Ngày quyết định', '20/10/2026');
      await form.getByLabel('Người ký', { exact: true }).fill('Phạm Thị Thanh Trà');
      await form.getByLabel('Cơ quan ban hành').fill('Bộ Nội vụ');
      await form.getByLabel('Căn cứ pháp lý').fill('Nghị định 204/2004/NĐ-CP');
      await nat.getByTestId('action-submit').click();
      await nat.getByText('Hồ sơ do nút T08 quản lý: quyết định đã được chuyển đến nút đó').waitFor();
      const panel = nat.getByTestId('routed-actions');
      await panel.getByText('Hồ sơ do nút T08 quản lý').waitFor();
      await panel.getByText('đang chờ nút ghi').waitFor();
      await panel.getByText('88/QĐ-BNV', { exact: false }).waitFor();

      // The node answers on its next pull, signed with its key, over HTTP as a node would.
      const listed = (await (
        await nat.request.get(`${url}/api/v1/nodes/routed-actions?employeeId=${employeeId}`)
      ).json()) as { id: string; status: string }[];
      expect(listed.map((r) => r.status)).toEqual(['pending']);
      const envelope = {
        node: 'T08',
        at: clock.now().toISOString(),
        unitsSince: null,
        acks: [],
        catalogsVersion: null,
        routedResults: [
          {
            id: listed[0]!.id,
            status: 'refused',
            seq: null,
            code: 'INVALID_STATE',
            reason: 'Hồ sơ đang chờ quyết định điều động của tỉnh',
          },
        ],
      };
      const pulled = await fetch(`${url}/api/v1/federation/changes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signEnvelope({ privateKey: key.privateKey, publicKey: '' }, envelope)),
      });
      expect(pulled.status).toBe(200);
      await nat.reload();
      await panel.getByText('nút từ chối').waitFor();
      await panel.getByText('Hồ sơ đang chờ quyết định điều động của tỉnh', { exact: false }).waitFor();
      if (shots) await shot(nat, '34-routed-refused');
      await nat.getByTestId('notifications').click();
      await nat.getByText('Nút T08 không ghi được hành động').first().waitFor();
      await nat.context().close();
    } finally {
      setWriteGuard(undefined);
      setActionRouter(undefined);
    }
  });

  it('the API documentation (Swagger UI) works under the same policy', async () => {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 800 } });
    const p = await ctx.newPage();
    await p.goto(`${url}/api/docs`);
    await p.locator('.swagger-ui .info .title').getByText('hoso', { exact: false }).waitFor();
    await p.locator('.opblock-tag').first().waitFor();
    await ctx.close();
  });

  it('a script the policy forbids is blocked and seen: the watch over the other tests can fail', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${url}/`);
    await p.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ranInline = true';
      document.body.append(s);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(1);
    expect(
      await p.evaluate(() => (window as unknown as { __ranInline?: boolean }).__ranInline),
    ).toBeUndefined();
    expect(cspViolations.join('\n')).toMatch(/script-src/);
    cspViolations.length = 0;
    await ctx.close();
  });
});

/** A date picker on the page (not in a dialog): type the date and confirm with Enter. */
async function typeDate(page: Page, label: string, ddmmyyyy: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/** antd's date picker: type the date into its input and confirm with Enter. */
async function fillDate(page: Page, label: string, ddmmyyyy: string): Promise<void> {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/**
 * A single antd select: open it, click the option, and see the choice shown; once more if it did not
 * take (a click while the dropdown's virtual list re-measures itself can be lost on a busy machine).
 */
async function chooseOne(scope: Page | Locator, label: string, text: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const field = scope.getByLabel(label, { exact: true });
  const chosen = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
  const option = page.locator('.ant-select-item-option:visible').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    if (!(await option.isVisible())) await field.click();
    await option.click();
    try {
      await chosen.filter({ hasText: text }).waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
