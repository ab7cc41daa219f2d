// The CV layout renders every group, masked groups as such, and the photo when the record has one.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { renderPdf } from '../../platform/pdf/index.ts';
import { buildContent, type ExtractRecord } from './content.ts';
import { extractLayout } from './layout.ts';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function record(photo?: string): ExtractRecord {
  const empty = { identity: [], family: [], personalHistory: [], movements: [], education: [] };
  return {
    id: '00000000-0000-4000-8000-000000000001',
    personId: '001190000001',
    fullName: 'Lường Thị Ngọc Diễm',
    birthDate: '1990-05-17',
    sex: 'F',
    ethnicCode: '',
    religionCode: '',
    identity: photo ? { photo } : {},
    category: 'civil_servant',
    status: 'active',
    managingUnitId: 6,
    workingUnitId: 6,
    rankCode: '01.003',
    salaryGroup: null,
    salaryStep: 1,
    salaryCoefficient: 2.34,
    positionTitle: 'Chuyên viên',
    jobPositionId: null,
    recruitedOn: '2015-03-01',
    groups: { ...empty, employment: [], political: [], military: [], assets: [], health: [] },
    asOf: null,
    actionsApplied: 1,
    masked: ['family', 'health'],
    unitNames: { '6': 'Sở Nội vụ Hà Nội' },
  };
}

const meta = {
  number: 'TL-2026-000001',
  code: 'ABCD-EFGH-JKMN',
  verifyUrl: 'https://hoso.test/verify?code=ABCD-EFGH-JKMN',
  issuedAt: '2026-11-20T03:00:00.000Z',
  issuingUnit: { id: 6, name: 'Sở Nội vụ Hà Nội' },
  issuedBy: 'Cán bộ thử',
  signers: { person: 'Nguyễn Văn An', agency: 'Bộ Nội vụ' },
};

describe('extract content and layout', () => {
  it('marks masked groups and keeps the photo only as an image data URL', () => {
    const c = buildContent(record(PNG), meta);
    expect(c.groups.filter((g) => g.masked).map((g) => g.key)).toEqual(['family', 'health']);
    expect(c.person.photo).toBe(PNG);
    expect(buildContent(record('https://evil.example/x.png'), meta).person.photo).toBeNull();
  });

  it('renders an A4 PDF with the photo', async () => {
    const at = new Date('2026-11-20T03:00:00Z');
    const pdf = await renderPdf(extractLayout(buildContent(record(PNG), meta)), {
      title: 't',
      createdAt: at,
    });
    const doc = await PDFDocument.load(pdf);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Subtype /Image');
  });
});
