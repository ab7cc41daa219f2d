// The layer check of `npm run check` (dependency-cruiser, .dependency-cruiser.mjs) passes on the tree
// as it is and fails — naming the rule — on an upward import and on a deep import into another module,
// planted in a copy of the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'depcruise');
const cruise = (cwd: string) =>
  spawnSync(BIN, ['src', '--config', join(ROOT, '.dependency-cruiser.mjs')], { cwd, encoding: 'utf8' });

describe('the module layer check', () => {
  const copy = mkdtempSync(join(tmpdir(), 'hoso-layers-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('passes on the sources as they are', () => {
    const r = cruise(ROOT);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it('fails on an upward import and on a deep import into another module', () => {
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(copy, 'tsconfig.json'));
    // The audit log (layer 1) reaching up into the e-record (layer 4), once through its index and once
    // past it.
    writeFileSync(
      join(copy, 'src/modules/audit/probe.ts'),
      "export { GROUPS } from '../employees/index.ts';\nexport { project } from '../employees/projection.ts';\n",
    );
    const r = cruise(copy);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(
      /layers-audit: src\/modules\/audit\/probe\.ts → src\/modules\/employees\/index\.ts/,
    );
    expect(r.stdout).toMatch(
      /modules-through-index: src\/modules\/audit\/probe\.ts → src\/modules\/employees\/projection\.ts/,
    );
  }, 120_000);
});
