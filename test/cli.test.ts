// The `hoso` command and `npm start`'s entry point, run as real processes on a temporary data dir.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'hoso-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const hoso = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/hoso.mjs'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('hoso command', () => {
  it('migrates, imports catalogs and seeds once', () => {
    const m = hoso('migrate');
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/applied: 0001_core|up to date/);
    const c = hoso('import-catalogs');
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/provinces\s+34/);
    const s = hoso('seed', '--employees', '60');
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/seeded 60 people/);
    const again = hoso('seed', '--employees', '60');
    expect(again.stdout).toMatch(/already present/);
    // Four cold starts of the command (each transpiles the app and opens PGlite): slow on a busy machine.
  }, 300_000);

  it('refuses bad input with a non-zero exit and a message', () => {
    const bad = hoso('seed', '--employees', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--employees/);
    const unknown = hoso('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('serves /health and the API from the same data dir', async () => {
    const port = String(39_000 + Math.floor(Math.random() * 1000));
    const child = spawn(process.execPath, [join(ROOT, 'bin/hoso.mjs'), 'serve'], {
      env: { ...env, PORT: port, HOST: '127.0.0.1' },
    });
    try {
      let health: Response | undefined;
      for (let i = 0; i < 120 && !health?.ok; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (!health?.ok) await new Promise((r) => setTimeout(r, 500));
      }
      expect(health?.status).toBe(200);
      // Nobody is signed in: people's data is not served.
      const page = await fetch(`http://127.0.0.1:${port}/api/v1/employees?limit=5`);
      expect(page.status).toBe(401);
      expect((await page.json()).error.code).toBe('UNAUTHENTICATED');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
