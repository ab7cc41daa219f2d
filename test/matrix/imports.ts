// Access-matrix entries for bulk import (issue 9), spread into the MATRIX of test/access-matrix.test.ts.
// Whoever may create records (employee.write: HR officers, national administrators) may import; a job
// is seen by whoever ran it and by those who may create records over the subtree it was run in.
import { Readable } from 'node:stream';
import type { Entry, Targets, Where } from '../access-matrix.test.ts';
import { testCtx } from '../helpers/app.ts';
import { makePersonId } from '../../src/platform/person-id.ts';
import { COLUMNS, headerOf, runImport } from '../../src/modules/imports/index.ts';

const WRITERS = ['national_admin', 'hr_officer'] as const;
const unitCode = (w: Where) => (w === 'inside' ? 'T01-SNV' : 'T08-SNV');

function csv(w: Where, n: number): Buffer {
  const row: Record<string, string> = {
    personId: makePersonId('01', { birthDate: '1991-02-03', sex: 'M' }, 700_000 + n),
    fullName: 'Hoàng Văn Nhập',
    birthDate: '03/02/1991',
    sex: 'Nam',
    ethnicCode: '01',
    religionCode: '00',
    category: 'civil_servant',
    managingUnitCode: unitCode(w),
    workingUnitCode: unitCode(w),
    recruitDate: '01/06/2016',
    decisionNo: `${n}/QĐ`,
    decisionDate: '20/05/2016',
    signerName: 'Phạm Văn Ký',
    issuingBody: 'UBND',
  };
  // Headers are the fields' Vietnamese labels, some with commas ("Ngày, tháng, năm sinh"): quoted.
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    COLUMNS.map((c) => q(headerOf(c))).join(','),
    COLUMNS.map((c) => row[c.key] ?? '').join(','),
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** A job run by the system, placed in the target's subtree as if an officer there had run it. */
async function job(t: Targets, w: Where, n: number): Promise<string> {
  const j = await runImport(
    testCtx(t.d),
    { name: 'm.csv', open: () => Readable.from([csv(w, n)]) },
    { dryRun: true },
  );
  const unit = w === 'inside' ? t.unitIn : t.unitOut;
  const { path } = await t.d.db
    .selectFrom('org_units')
    .select('path')
    .where('id', '=', unit)
    .executeTakeFirstOrThrow();
  await t.d.db.updateTable('imports').set({ unit_path: path }).where('id', '=', j.id).execute();
  return j.id;
}

export function importsMatrix(): Record<string, Entry> {
  return {
    'GET /api/v1/imports/template': {
      allow: WRITERS,
      build: async () => ({ method: 'GET', url: '/api/v1/imports/template?format=csv' }),
    },
    // The records of a unit's subtree in the import layout: writers over it who may also see its
    // sensitive data; a unit outside their subtree is refused.
    'GET /api/v1/imports/export': {
      allow: WRITERS,
      outside: 403,
      build: async (t, w) => ({
        method: 'GET',
        url: `/api/v1/imports/export?unitId=${w === 'inside' ? t.unitIn : t.unitOut}`,
      }),
    },
    'POST /api/v1/imports': {
      allow: WRITERS,
      build: async (_t, w, n) => ({
        method: 'POST',
        url: '/api/v1/imports',
        payload: { fileName: 'm.csv', content: csv(w, n).toString('base64'), dryRun: true },
      }),
    },
    'GET /api/v1/imports': {
      allow: WRITERS,
      build: async () => ({ method: 'GET', url: '/api/v1/imports' }),
    },
    'GET /api/v1/imports/:id': {
      allow: WRITERS,
      outside: 404,
      build: async (t, w, n) => ({ method: 'GET', url: `/api/v1/imports/${await job(t, w, n)}` }),
    },
    'GET /api/v1/imports/:id/report': {
      allow: WRITERS,
      outside: 404,
      build: async (t, w, n) => ({ method: 'GET', url: `/api/v1/imports/${await job(t, w, n)}/report` }),
    },
  };
}
