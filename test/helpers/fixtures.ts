// A small, hand-checkable world: the nation, two provinces with departments, one ministry, and a
// helper that builds a valid recruitment body for a person.
import type { Ctx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createUnits } from '../../src/modules/org-units/index.ts';
import { importCatalogs } from '../../src/modules/catalogs/index.ts';
import { makePersonId } from '../../src/platform/person-id.ts';
import type { CreateEmployee } from '../../api/personnel-actions.ts';

export interface World {
  nation: number;
  hanoi: number;
  hanoiHome: number; // Sở Nội vụ Hà Nội
  hanoiCommune: number;
  hagiang: number; // closed 2025-07-01 in the merger demo, here still open
  tuyenquang: number;
  ministry: number;
  ministryDept: number;
}

export async function buildWorld(ctx: Ctx): Promise<World> {
  await importCatalogs(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const [nation] = await createUnits(ctx, trx, [
      { code: 'VN', name: 'Việt Nam', kind: 'national', validFrom: '1945-08-01' },
    ]);
    const n = nation!.id;
    const [hanoi, tq, hg, bnv] = await createUnits(ctx, trx, [
      {
        code: 'T01',
        name: 'Thành phố Hà Nội',
        kind: 'province',
        parentId: n,
        provinceCode: '01',
        validFrom: '2008-08-01',
      },
      {
        code: 'T08',
        name: 'Tỉnh Tuyên Quang',
        kind: 'province',
        parentId: n,
        provinceCode: '08',
        validFrom: '1991-10-01',
      },
      {
        code: 'T02',
        name: 'Tỉnh Hà Giang',
        kind: 'province',
        parentId: n,
        provinceCode: '02',
        validFrom: '1991-10-01',
      },
      { code: 'BNV', name: 'Bộ Nội vụ', kind: 'central_body', parentId: n, validFrom: '1945-08-28' },
    ]);
    const [home, commune, dept] = await createUnits(ctx, trx, [
      {
        code: 'T01-SNV',
        name: 'Sở Nội vụ Hà Nội',
        kind: 'provincial_department',
        parentId: hanoi!.id,
        validFrom: '2008-08-01',
      },
      {
        code: 'T01-X001',
        name: 'Phường Hoàn Kiếm',
        kind: 'commune',
        parentId: hanoi!.id,
        validFrom: '2025-07-01',
      },
      {
        code: 'BNV-TCCB',
        name: 'Vụ Tổ chức cán bộ',
        kind: 'central_department',
        parentId: bnv!.id,
        validFrom: '1990-01-01',
      },
    ]);
    return {
      nation: n,
      hanoi: hanoi!.id,
      hanoiHome: home!.id,
      hanoiCommune: commune!.id,
      tuyenquang: tq!.id,
      hagiang: hg!.id,
      ministry: bnv!.id,
      ministryDept: dept!.id,
    };
  });
}

let serial = 1;

export function recruitBody(
  unitId: number,
  over: Partial<CreateEmployee['payload']['identity']> & {
    effectiveDate?: string;
    rankCode?: string;
    salaryStep?: number;
  } = {},
): CreateEmployee {
  const birthDate = over.birthDate ?? '1990-05-17';
  const sex = over.sex ?? 'F';
  const { effectiveDate, rankCode, salaryStep, ...identity } = over;
  return {
    effectiveDate: effectiveDate ?? '2015-03-01',
    decision: {
      number: `${serial}/QĐ-UBND`,
      date: effectiveDate ?? '2015-03-01',
      signerName: 'Trần Văn Ký',
      issuingBody: 'UBND thành phố Hà Nội',
    },
    payload: {
      identity: {
        personId: makePersonId('01', { birthDate, sex }, serial++),
        fullName: 'Nguyễn Thị Hoài Thương',
        birthDate,
        sex,
        ethnicCode: '01',
        religionCode: '00',
        ...identity,
      },
      category: 'civil_servant',
      managingUnitId: unitId,
      workingUnitId: unitId,
      rankCode: rankCode ?? '01.003',
      salaryStep: salaryStep ?? 1,
    },
  };
}
