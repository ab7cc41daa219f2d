// Groups 7–10 of a demo person: Party membership (admission, then full membership after the probation
// year) for a realistic share, Youth Union, Trade Union, Women's Union and Veterans' memberships,
// military service for a share of men, war-invalid and policy-family status for a few, the asset
// declaration of those who must declare (leaders and certain posts), and health.
import { addDays, addYears, between, declare, maxDate, yearOf, type Fact, type Life } from './life.ts';
import { pick, pickOne } from './names.ts';
import { BLOOD, BRANCHES } from './vocab.ts';

/** Whether the person is a Party member (decided first: political theory and posts follow from it). */
export function isPartyMember(life: Life): boolean {
  const share = life.leader
    ? 0.95
    : life.category === 'cadre'
      ? 0.85
      : life.category === 'worker'
        ? 0.1
        : 0.38;
  return life.r() < share;
}

const member = (life: Life, on: string, data: Record<string, unknown>): Fact =>
  declare('political', 'membership', maxDate(on, life.declared), data);

export function politicalOf(life: Life, party: boolean): Fact[] {
  const { r, birthDate, end } = life;
  const out: Fact[] = [];
  if (party) {
    const joinedOn = between(
      r,
      maxDate(addYears(birthDate, 20), addYears(life.recruit, -6)),
      addDays(end, -20),
    );
    // One day past the anniversary: a 29 February admission still ends its probation on 1 March.
    const officialOn = addDays(addYears(joinedOn, 1), 1 + Math.floor(r() * 45));
    const post = life.leader ? (r() < 0.4 ? 'Bí thư chi bộ' : 'Chi ủy viên') : 'Đảng viên';
    // Declared once full membership is known; a probationary member declares the admission alone.
    if (officialOn <= addDays(end, -3))
      out.push(
        member(life, addDays(officialOn, 3), { organisationKind: 'DANG', joinedOn, officialOn, post }),
      );
    else
      out.push(
        member(life, addDays(joinedOn, 3), { organisationKind: 'DANG', joinedOn, post: 'Đảng viên dự bị' }),
      );
  }
  const youth = addYears(birthDate, 15 + Math.floor(r() * 3));
  if (addYears(birthDate, 35) > life.declared && r() < 0.8) {
    const left = addYears(birthDate, 30);
    out.push(
      member(life, life.declared, {
        organisationKind: 'DOAN',
        joinedOn: youth,
        ...(left <= life.declared ? { leftOn: left } : {}),
        post: 'Đoàn viên',
      }),
    );
  }
  const unionOn = addDays(life.recruit, 30 + Math.floor(r() * 60));
  if (unionOn <= end && r() < 0.95)
    out.push(
      member(life, addDays(unionOn, 3), {
        organisationKind: 'CONGDOAN',
        joinedOn: unionOn,
        post: 'Đoàn viên công đoàn',
      }),
    );
  if (life.sex === 'F' && r() < 0.3)
    out.push(
      member(life, life.declared, {
        organisationKind: 'PHUNU',
        joinedOn: between(r, addYears(birthDate, 18), life.declared),
        post: 'Hội viên',
      }),
    );
  return out;
}

/** Conscript service for ~9% of men (a few officers), war invalids among the 1979–1989 generation, policy families. */
export function militaryOf(life: Life): Fact[] {
  const { r, birthDate } = life;
  const out: Fact[] = [];
  const served = life.showcase || (life.sex === 'M' ? r() < 0.09 : r() < 0.004);
  if (served) {
    const officer = !life.showcase && r() < 0.12;
    const enlistedOn = `${yearOf(birthDate) + 18 + (life.showcase ? 0 : Math.floor(r() * 3))}-02-${String(10 + Math.floor(r() * 15))}`;
    const dischargedOn = addDays(
      addYears(enlistedOn, officer ? 6 + Math.floor(r() * 5) : 2),
      Math.floor(r() * 20),
    );
    if (dischargedOn < addDays(life.recruit, -30)) {
      const rank = officer
        ? pick(r, [
            ['TRUY', 3],
            ['THUY', 3],
            ['DUY', 2],
            ['QNCN', 2],
          ] as [string, number][])
        : pick(r, [
            ['B1', 3],
            ['HS', 4],
            ['TS', 3],
            ['THS', 1],
          ] as [string, number][]);
      out.push(
        declare('military', 'service', life.declared, {
          enlistedOn,
          dischargedOn,
          highestRankCode: rank,
          branch: pickOne(r, BRANCHES),
        }),
      );
      const y = yearOf(enlistedOn);
      if (y >= 1978 && y <= 1989 && r() < 0.2) {
        const [gradeCode, lo, hi] = pickOne(r, [
          ['TB4', 21, 40],
          ['TB3', 41, 60],
          ['TBB', 21, 60],
        ] as [string, number, number][]);
        out.push(
          declare('military', 'war_invalid', life.declared, {
            gradeCode,
            rate: lo + Math.floor(r() * (hi - lo + 1)),
          }),
        );
      }
      if (r() < 0.5)
        out.push(
          member(life, addDays(dischargedOn, 63), {
            organisationKind: 'CCB',
            joinedOn: addDays(dischargedOn, 60),
            post: 'Hội viên',
          }),
        );
    }
  }
  if (life.birthYear < 1990 && r() < 0.03)
    out.push(
      declare('military', 'policy_family', life.declared, {
        statusCode: pick(r, [
          ['LS', 2],
          ['TB', 3],
          ['BB', 1],
          ['HDKC', 2],
          ['CCCM', 2],
        ] as [string, number][]),
      }),
    );
  return out;
}

/** Posts whose holders declare assets besides leaders (Decree 130/2020): inspection, finance, tax, customs, market control. */
const DECLARING_RANKS = /^(04|06|08|21)\./;

export function mustDeclareAssets(life: Life): boolean {
  return life.leader !== null || DECLARING_RANKS.test(life.rankCode);
}

/** The latest annual declaration (December), of land, house, vehicles, valuables and income. */
export function assetsOf(life: Life): Fact[] {
  const { r } = life;
  if (!mustDeclareAssets(life)) return [];
  const from = life.leader ? maxDate(life.leader.from, life.declared) : life.declared;
  let year = yearOf(life.today) - 1;
  if (`${year}-12-15` > life.end) year = yearOf(life.end) - 1;
  const on = `${year}-12-15`;
  if (on <= from) return [];
  const million = (lo: number, hi: number) => (lo + Math.floor(r() * (hi - lo))) * 1_000_000;
  const owner = life.fullName;
  const rows: [string, Record<string, unknown>][] = [
    ['asset_income', { description: `Tiền lương, phụ cấp năm ${year}`, value: million(120, 420) }],
  ];
  if (r() < 0.8)
    rows.push([
      'asset_land',
      {
        description: 'Đất ở',
        location: life.address,
        areaM2: 60 + Math.floor(r() * 200),
        certificate: `CS ${String(100000 + life.serial).slice(-6)}`,
        value: million(600, 4000),
        owner,
      },
    ]);
  if (r() < 0.6)
    rows.push([
      'asset_house',
      {
        description: 'Nhà ở riêng lẻ 3 tầng',
        areaM2: 80 + Math.floor(r() * 150),
        value: million(800, 3000),
        owner,
      },
    ]);
  if (r() < 0.5)
    rows.push([
      'asset_vehicle',
      {
        description: pickOne(r, ['Ô tô Toyota Vios', 'Ô tô Kia Morning', 'Xe máy Honda SH']),
        value: million(80, 650),
        owner,
      },
    ]);
  if (r() < 0.15)
    rows.push(['asset_valuable', { description: 'Tiền gửi tiết kiệm', value: million(100, 900), owner }]);
  return rows.map(([kind, data]) => declare('assets', kind, on, { ...data, declaredYear: year }));
}

export function healthOf(life: Life): Fact[] {
  const { r } = life;
  const height =
    life.sex === 'M' ? 158 + Math.floor(r() * 12 + r() * 10) : 148 + Math.floor(r() * 10 + r() * 8);
  const bmi = 18.5 + r() * 6.5;
  return [
    declare('health', 'health_status', life.declared, {
      status: pick(r, [
        ['good', 84],
        ['fair', 13],
        ['average', 3],
      ] as [string, number][]),
      heightCm: height,
      weightKg: Math.round((bmi * height * height) / 10_000),
      bloodType: pick(r, BLOOD),
      ...(r() < 0.005 ? { disability: 'Khuyết tật vận động mức độ nhẹ' } : {}),
    }),
  ];
}
