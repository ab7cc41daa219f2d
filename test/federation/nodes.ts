// Helpers of the three-process federation test: start `tsx src/main.ts` as a node on a free loopback
// port with its own database, sign in over real HTTP (password change, TOTP enrolment), call the API.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ROOT = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  ms = 120_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface NodeProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  log: string[];
}

export async function startNode(
  env: Record<string, string>,
  dataDir: string,
  port: number,
): Promise<NodeProcess> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...base, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `node on ${port} (${log.join('').slice(-500)})`,
    async () => child.exitCode === null && (await fetch(`${url}/health`)).ok,
    240_000,
  );
  return { url, dataDir, child, log };
}

export async function stopNode(n: NodeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (n.child.exitCode !== null) return;
  const exited = new Promise((r) => n.child.once('exit', r));
  n.child.kill(signal);
  await exited;
}

export class Client {
  private cookies: Record<string, string> = {};
  constructor(readonly url: string) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const cookie = Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.cookies.hoso_csrf ? { 'x-csrf-token': this.cookies.hoso_csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies[pair!.slice(0, i)] = pair!.slice(i + 1);
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Signs in as the node's first administrator (one-time password from DATA_DIR/admin-password.txt). */
  async signInAdmin(dataDir: string): Promise<void> {
    const file = join(dataDir, 'admin-password.txt');
    await waitFor(`${file}`, async () => existsSync(file), 120_000);
    const otp = /one-time password: (\S+)/.exec(readFileSync(file, 'utf8'))![1]!;
    await this.ok('POST', '/api/v1/auth/login', { username: 'admin', password: otp });
    const password = `Mật-khẩu-${randomBytes(6).toString('hex')}-A1`;
    await this.ok('POST', '/api/v1/auth/password', { currentPassword: otp, newPassword: password });
    const { secret } = await this.ok<{ secret: string }>('POST', '/api/v1/auth/mfa/enroll');
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
    await this.ok('POST', '/api/v1/auth/mfa/confirm', { code });
  }

  async unitId(code: string): Promise<number> {
    const units = await this.ok<{ id: number; code: string; validTo: string | null }[]>(
      'GET',
      `/api/v1/org-units?q=${encodeURIComponent(code)}&limit=500`,
    );
    const u = units.find((x) => x.code === code && x.validTo === null);
    if (!u) throw new Error(`no open unit ${code} on ${this.url}`);
    return u.id;
  }

  async digests(): Promise<Map<string, { seq: number; digest: string; managingUnit: string }>> {
    const list = await this.ok<{ employeeId: string; seq: number; digest: string; managingUnit: string }[]>(
      'GET',
      '/api/v1/nodes/digests?limit=5000',
    );
    return new Map(list.map((d) => [d.employeeId, d]));
  }
}
