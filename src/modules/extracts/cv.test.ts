// Issue 15 acceptance: the PDF extract of a fully filled record reads as a CV. Its text (pdftotext)
// holds every label of the schema's fields the person has a value for, and none of: an English key of
// the schema, a catalog code without its name, a numeric unit id.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase } from '../../../test/helpers/db.ts';
import { testCtx } from '../../../test/helpers/app.ts';
import { buildWorld, recruitBody, type World } from '../../../test/helpers/fixtures.ts';
import { hasTool, testPki } from '../../../test/helpers/pki.ts';
import { DECLARED, fullRecordActions } from '../../../test/helpers/full-record.ts';
import type { Database } from '../../db/connect.ts';
import { ROW_KINDS, findRowKind } from '../../../api/record/spec.ts';
import { GROUP_LABELS } from '../../../api/record/groups.ts';
import { appendAction, createEmployee } from '../personnel-actions/index.ts';
import { installExtractSettings, issueExtract } from './index.ts';
import { seedDemo } from '../../demo/seed.ts';

const tools = hasTool('pdftotext');
// pdftotext may drop a spaced dash ("chính trị - xã hội"); compare without it.
const squash = (s: string) => s.replace(/\s+-\s+/g, ' ').replace(/\s+/g, ' ');

type CvContent = {
  groups: {
    key: string;
    rows: {
      kind: string;
      data: Record<string, unknown>;
      fields: { key: string; label: string; value: string }[];
    }[];
  }[];
};

/** Signs extracts with the test PKI, as a node configured with its signers would. */
async function installTestSigning(): Promise<void> {
  const pki = await testPki();
  installExtractSettings({
    person: pki.person,
    agency: pki.agency,
    trust: pki.trust,
    publicBaseUrl: 'https://hoso.test',
  });
}

/** The extract's PDF as text (pdftotext), whitespace squashed. */
function pdfText(pdfBase64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-cv-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), Buffer.from(pdfBase64, 'base64'));
    execFileSync('pdftotext', [join(dir, 'x.pdf'), join(dir, 'x.txt')]);
    return squash(readFileSync(join(dir, 'x.txt'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every group's heading, every row's kind and every field's label (with its colon) are printed. */
function expectEveryLabel(text: string, content: CvContent): void {
  for (const label of Object.values(GROUP_LABELS)) expect(text).toContain(squash(label));
  let labels = 0;
  for (const g of content.groups)
    for (const r of g.rows) {
      expect(text, `kind ${r.kind}`).toContain(squash(findRowKind(r.kind)!.label));
      for (const f of r.fields) {
        // Long values wrap inside table cells; the label and its value's first word are enough.
        expect(text, `${r.kind}.${f.key}`).toContain(`${squash(f.label)}:`);
        labels++;
      }
    }
  expect(labels).toBeGreaterThan(100);
}

/** No English key of the schema, no catalog code without its name, no unit id in the CV's text. */
function expectOnlyNamesAndLabels(text: string, content: CvContent): void {
  const keys = new Set(ROW_KINDS.flatMap((k) => k.fields.map((f) => f.key)));
  for (const key of keys) expect(text, key).not.toMatch(new RegExp(`(^|[^\\p{L}])${key}([^\\p{L}]|$)`, 'u'));
  // Codes with letters (relationships, organisations, ranks, grades, titles…) never stand alone.
  for (const g of content.groups)
    for (const r of g.rows) {
      const spec = findRowKind(r.kind)!;
      for (const f of spec.fields) {
        const v = r.data[f.key];
        if ((f.type !== 'code' && f.type !== 'rank' && !f.catalogBy) || typeof v !== 'string') continue;
        const shown = r.fields.find((x) => x.key === f.key)?.value ?? '';
        expect(shown, `${r.kind}.${f.key}`).not.toBe(v);
        if (/[A-Z]/.test(v) && f.type !== 'rank') {
          const bare = new RegExp(`(^|[\\s:;,(])${v.replace(/[.+]/g, '\\$&')}([\\s;,)]|$)`);
          expect(text, `${r.kind}.${f.key} = ${v}`).not.toMatch(bare);
        }
      }
    }
  // Ranks and titles appear only beside their names.
  for (const m of text.matchAll(/\b(0\d\.\d{3}|V\.\d{2}\.\d{2}\.\d{2})\b/g))
    expect(text.slice(Math.max(0, m.index - 4), m.index), m[0]).toBe('(mã ');
  // Units by name: no "Đơn vị …: 12".
  expect(text).not.toMatch(/(Đơn vị|Cơ quan)[^:;]{0,40}: \d+([;\s]|$)/);
  expect(text).not.toMatch(/\[object Object\]|undefined|null/);
}

describe.each(ENGINES)('the extract as a CV on %s', (engine) => {
  let d: Database;
  let w: World;
  let text: string;
  let content: CvContent;

  beforeAll(async () => {
    await installTestSigning();
    d = await createTestDatabase(engine);
    const ctx = testCtx(d);
    w = await buildWorld(ctx);
    const id = (await createEmployee(ctx, recruitBody(w.hanoiHome, { fullName: 'Đặng Thị Ngọc Hường' }))).id;
    for (const a of fullRecordActions(w, (k) => findRowKind(k)!.group)) await appendAction(ctx, id, a);
    const issued = await issueExtract(ctx, id);
    content = JSON.parse(issued.json) as CvContent;
    if (process.env.CV_DUMP) writeFileSync(process.env.CV_DUMP, Buffer.from(issued.pdf, 'base64'));
    if (tools) text = pdfText(issued.pdf);
  }, 240_000);
  afterAll(async () => {
    installExtractSettings(undefined);
    await d?.close();
  });

  it('has test data for every declarable kind of the schema', () => {
    for (const k of ROW_KINDS.filter((x) => x.declarable && !x.kind.startsWith('legacy_')))
      expect(Object.keys(DECLARED), k.kind).toContain(k.kind);
  });

  it.skipIf(!tools)('prints every group, every kind and every label of the fields the person has', () => {
    expectEveryLabel(text, content);
    expect(text).toContain('ĐẶNG THỊ NGỌC HƯỜNG');
    expect(text).toContain('Chuyên viên chính (mã 01.002)');
  });

  it.skipIf(!tools)('prints no English key, no catalog code without its name and no unit id', () => {
    expectOnlyNamesAndLabels(text, content);
    expect(text).toContain('Sở Nội vụ');
  });
});

// The demo's showcase person (one in 500 fills every group) reads as a real CV too.
describe.each(ENGINES)('the extract of a fully filled demo person, as a CV, on %s', (engine) => {
  let d: Database;
  afterAll(async () => {
    installExtractSettings(undefined);
    await d?.close();
  });

  it.skipIf(!tools)(
    'prints every group and every label, names not codes, no unit id',
    async () => {
      await installTestSigning();
      d = await createTestDatabase(engine);
      const ctx = testCtx(d);
      await seedDemo(ctx, { employees: 3 });
      // The person whose record fills the most groups: the showcase.
      const people = await d.db.selectFrom('employees').select(['id', 'record']).execute();
      const groupsOf = (r: unknown) =>
        Object.values((r as { groups: Record<string, unknown[]> }).groups).filter((rows) => rows.length > 0)
          .length;
      const best = people.sort((a, b) => groupsOf(b.record) - groupsOf(a.record))[0]!;
      expect(groupsOf(best.record)).toBe(Object.keys(GROUP_LABELS).length);
      const issued = await issueExtract(ctx, best.id);
      const content = JSON.parse(issued.json) as CvContent;
      const text = pdfText(issued.pdf);
      expectEveryLabel(text, content);
      expectOnlyNamesAndLabels(text, content);
    },
    240_000,
  );
});
