// End-to-end harness: the real server (API + the portal's production build) on a free port over a
// fresh test database, a small seeded world, and Debian's chromium driven by playwright-core.
// The server's clock is the wall clock plus an offset the test can move (a second TOTP sign-in must
// fall in a later 30-second step: codes are accepted once).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { buildApp } from '../../src/http/app.ts';
import { registerPortal, PORTAL_DIST } from '../../src/http/portal.ts';
import { systemCtx, type Ctx, type Role } from '../../src/platform/context.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { Database } from '../../src/db/connect.ts';
import {
  issueAccount,
  issueSelfServiceAccount,
  sessionAuthenticator,
} from '../../src/modules/accounts/index.ts';
import { createEmployee } from '../../src/modules/personnel-actions/index.ts';
import { buildWorld, recruitBody, type World } from '../helpers/fixtures.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** In CI a missing browser is a failure, never a silent skip; on a developer machine the tests skip. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
  }
  return false;
}

/** What the browser saw go wrong, newest last: API answers ≥ 400, console errors, page errors. */
const trouble: string[] = [];
function note(line: string) {
  trouble.push(`${new Date().toISOString()} ${line}`);
  if (trouble.length > 200) trouble.shift();
}

/**
 * Content-Security-Policy violations seen on any page of any context, for the suite to assert none
 * (issue 16: the portal works under its CSP). Two witnesses: Chromium's console message, and a
 * `securitypolicyviolation` listener put in each page before its scripts run (an init script is the
 * browser's own, not subject to the page's CSP) that reports to the test through a binding.
 */
export const cspViolations: string[] = [];

async function watchCsp(ctx: BrowserContext): Promise<void> {
  ctx.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()))
      cspViolations.push(`console on ${m.page()?.url()}: ${m.text()}`);
  });
  await ctx.exposeBinding('__hosoCspViolation', ({ page }, text: string) => {
    cspViolations.push(`event on ${page.url()}: ${text}`);
  });
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __hosoCspViolation?: (t: string) => void }).__hosoCspViolation;
      report?.(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
  // Every context gets the same patient default: a busy CI machine is slow, not broken.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (opts) => {
    const ctx = await newContext(opts);
    ctx.setDefaultTimeout(45_000);
    ctx.on('response', (r) => {
      if (r.status() >= 400) note(`${r.request().method()} ${r.url()} → ${r.status()}`);
    });
    ctx.on('requestfailed', (r) => note(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`));
    ctx.on('console', (m) => {
      if (m.type() === 'error') note(`console: ${m.text()}`);
    });
    ctx.on('weberror', (e) => note(`page error: ${e.error().message}`));
    await watchCsp(ctx);
    return ctx;
  };
  return browser;
}

/**
 * After each test: forget what passing tests saw (some 4xx are expected); after a failed one, a screenshot of every open page, and what the pages show as errors plus
 * what went wrong on the wire, so a failure in CI says why without a rerun.
 */
export async function afterE2eTest(browser: Browser | undefined, test: string, failed: boolean) {
  if (!failed) {
    trouble.length = 0;
    return;
  }
  const slug = test.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const lines = [`[e2e] failed: ${test}`, ...trouble.splice(0).map((l) => `  ${l}`)];
  let n = 0;
  for (const ctx of browser?.contexts() ?? []) {
    for (const page of ctx.pages()) {
      n += 1;
      const file = join(SCREENSHOTS, `failed-${slug}-${n}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
        const shown = await page
          .locator('.ant-alert, .ant-form-item-explain-error, .ant-message-notice, .ant-modal-title')
          .allInnerTexts();
        lines.push(`  page ${n} ${page.url()} → ${file}`, ...shown.map((t) => `    shows: ${t}`));
      } catch (e) {
        lines.push(`  page ${n} ${page.url()}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  }
  console.error(lines.join('\n'));
}

export class MovableClock implements Clock {
  offsetMs = 0;
  now = () => new Date(Date.now() + this.offsetMs);
}

export interface E2eWorld {
  world: World;
  /** The person the officer looks for: "Nguyễn Văn Đức", in Hà Nội. */
  personId: string;
  employeeId: string;
}

export async function seedWorld(ctx: Ctx): Promise<E2eWorld> {
  const world = await buildWorld(ctx);
  const people = [
    { fullName: 'Nguyễn Văn Đức', sex: 'M' as const, birthDate: '1985-04-12' },
    { fullName: 'Trần Thị Ngọc Ánh', sex: 'F' as const, birthDate: '1990-09-01' },
    { fullName: 'Lê Hoàng Phúc', sex: 'M' as const, birthDate: '1979-01-20' },
  ];
  const made = [];
  for (const p of people)
    made.push(await createEmployee(ctx, recruitBody(world.hanoiHome, { ...p, salaryStep: 2 })));
  await createEmployee(ctx, recruitBody(world.tuyenquang, { fullName: 'Nguyễn Văn Đông', sex: 'M' }));
  return { world, personId: made[0]!.personId, employeeId: made[0]!.id };
}

export async function startServer(
  db: Database,
  clock: MovableClock,
  // E2E_PORTAL_DIST: a build of one's own, for a run that must not see portal/dist rebuilt under it
  // (another process's `npm test` rebuilds it when portal/ changed; the old lazy chunks then 404).
  dist = process.env.E2E_PORTAL_DIST ?? PORTAL_DIST,
): Promise<{ app: FastifyInstance; url: string }> {
  if (dist === PORTAL_DIST && !existsSync(join(PORTAL_DIST, 'index.html'))) {
    execSync('node scripts/ensure-deps.mjs', {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: 'inherit',
    });
  }
  const app = await buildApp({
    db: db.db,
    clock,
    logger: false,
    authenticate: sessionAuthenticator({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      cookieSecure: false,
    }),
  });
  await registerPortal(app, dist);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { app, url: `http://localhost:${addr.port}` };
}

export async function issue(
  db: Database,
  clock: Clock,
  username: string,
  roles: { role: Role; unitId: number }[],
): Promise<string> {
  const ctx = systemCtx(db.db, clock.now(), 'system:e2e');
  const issued = await issueAccount(ctx, { username, displayName: `Cán bộ ${username}`, roles });
  return issued.oneTimePassword;
}

export async function issueSelf(db: Database, clock: Clock, employeeId: string) {
  const issued = await issueSelfServiceAccount(systemCtx(db.db, clock.now(), 'system:e2e'), employeeId);
  return { username: issued.account.username, password: issued.oneTimePassword };
}

export function totp(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at.getTime(),
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export const NEW_PASSWORD = 'Mật-khẩu-mới-Thử-2026!';

/** The whole first sign-in in the browser: issued password → new password → TOTP enrolment (if asked). */
export async function firstSignIn(
  page: Page,
  url: string,
  clock: Clock,
  creds: { username: string; password: string },
  screenshots = false,
): Promise<string | undefined> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(creds.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(creds.password);
  if (screenshots) await shot(page, '01-sign-in');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Đổi mật khẩu lần đầu' }).waitFor();
  await page.getByLabel('Mật khẩu hiện tại (mật khẩu được cấp)').fill(creds.password);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  const enrol = page.getByRole('heading', { name: 'Đăng ký xác thực hai lớp' });
  const signedIn = page.getByTestId('account-name');
  await enrol.or(signedIn).first().waitFor();
  if (!(await enrol.isVisible())) return undefined;
  const secretText = await page.getByTestId('totp-secret').innerText();
  const secret = secretText.match(/[A-Z2-7]{16,}/)?.[0];
  if (!secret) throw new Error(`no TOTP secret on the page: ${secretText}`);
  if (screenshots) await shot(page, '02-mfa-enrolment');
  await page.getByLabel('Mã xác thực').fill(totp(secret, clock.now()));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await signedIn.waitFor();
  return secret;
}
