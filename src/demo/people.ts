// Synthetic people with 5–15 years of career each, written as the ledger entries HR would have
// recorded: recruitment with the full identity, the person's declarations of every group of the typed
// e-record (api/record/spec.ts), degrees, salary steps, rank changes, assessments, rewards, training,
// appointments, transfers (including the 01/07/2025 province merger), leave and retirement. Every entry
// passes the content rules an API write would (src/demo/seed.test.ts checks it).
import type { ActionType, Category } from '../../api/actions.ts';
import { coefficientFor, reference } from '../modules/catalogs/index.ts';
import { type Stint, educationOf, employmentOf, leaderCodes, movementsOf, workHistory } from './career.ts';
import { assetsOf, healthOf, isPartyMember, militaryOf, politicalOf } from './civic.ts';
import { familyOf, identityOf, oldProvinceList } from './family.ts';
import { addDays, addYears, between, iso, ms, type Fact, type Life } from './life.ts';
import { personName, pick, pickOne } from './names.ts';
import { MERGER_DATE, type DemoUnit } from './org-tree.ts';

export interface DemoAction {
  type: ActionType;
  effectiveDate: string;
  decision: {
    number: string;
    date: string;
    signerName: string;
    signerTitle: string;
    issuingBody: string;
  } | null;
  payload: Record<string, unknown>;
}

export interface DemoPerson {
  actions: DemoAction[];
}

const DAY = 86_400_000;

/** Civil servants' ranks (ngạch) with their rough shares. */
const RANKS: [string, number][] = [
  ['01.003', 50],
  ['01.002', 12],
  ['01.001', 1],
  ['01.004', 8],
  ['06.031', 8],
  ['04.025', 5],
  ['02.007', 4],
  ['01.005', 6],
];

/** Public employees hold professional titles (chức danh nghề nghiệp, V.xx.xx.xx) that fit their unit. */
function titleFor(r: () => number, unit: DemoUnit): string {
  const n = unit.name;
  const w = (x: [string, number][]) => pick(r, x);
  if (/Bệnh viện|bệnh tật/.test(n))
    return w([
      ['V.08.01.03', 35],
      ['V.08.05.12', 35],
      ['V.08.05.13', 15],
      ['V.08.03.07', 10],
      ['V.08.01.02', 5],
    ]);
  if (/Trung học phổ thông/.test(n))
    return w([
      ['V.07.05.15', 70],
      ['V.07.05.14', 25],
      ['V.07.05.13', 5],
    ]);
  if (/Trường/.test(n))
    return w([
      ['V.07.01.03', 70],
      ['V.07.01.02', 25],
      ['V.07.01.01', 5],
    ]);
  if (/Lưu trữ/.test(n))
    return w([
      ['V.01.02.02', 80],
      ['V.01.02.01', 20],
    ]);
  if (/Thư viện/.test(n))
    return w([
      ['V.10.02.07', 80],
      ['V.10.02.06', 20],
    ]);
  return w([
    ['V.05.01.03', 55],
    ['V.06.06.18', 35],
    ['V.05.01.02', 10],
  ]);
}

const GRADE_UP: Record<string, string> = { IV: 'III', III: 'II', II: 'I' };
const RANK_UP: Record<string, string> = {
  '01.004': '01.003',
  '01.003': '01.002',
  '02.007': '02.006',
  '04.025': '04.024',
  '06.031': '06.030',
};
/** The next rank or grade up in the same line (Chuyên viên → Chuyên viên chính, hạng III → hạng II). */
function promotion(code: string): string | undefined {
  if (!code.startsWith('V.')) return RANK_UP[code];
  const titles = reference().catalogs['professional-titles'];
  const grade = titles.find((t) => t.code === code)?.grade;
  const up = typeof grade === 'string' ? GRADE_UP[grade] : undefined;
  return titles.find((t) => t.code.slice(0, 8) === code.slice(0, 8) && t.grade === up)?.code;
}

function signer(unit: DemoUnit): { signerName: string; signerTitle: string; issuingBody: string } {
  const ref = reference();
  const province = ref.provinces.find((p) => p.code === unit.org)?.fullName;
  if (province) {
    return {
      signerName: 'Nguyễn Văn Minh',
      signerTitle: 'Chủ tịch Ủy ban nhân dân',
      issuingBody: `Ủy ban nhân dân ${province}`,
    };
  }
  const ministry = ref.catalogs.ministries.find((m) => m.code === unit.org)?.name ?? 'Bộ';
  return { signerName: 'Trần Thị Lan', signerTitle: 'Bộ trưởng', issuingBody: ministry };
}

export class PeopleFactory {
  private serial = 0;
  private readonly byOrg = new Map<string, DemoUnit[]>();
  private readonly byId = new Map<number, DemoUnit>();

  constructor(
    private readonly r: () => number,
    units: DemoUnit[],
    private readonly today: string,
    private readonly orgWeights: [string, number][],
  ) {
    for (const u of units) {
      this.byId.set(u.id, u);
      if (!u.staffed) continue;
      this.byOrg.set(u.org, [...(this.byOrg.get(u.org) ?? []), u]);
    }
  }

  private openUnits(org: string, on: string): DemoUnit[] {
    return (this.byOrg.get(org) ?? []).filter(
      (u) => u.validFrom <= on && (u.validTo === null || u.validTo > on),
    );
  }

  private decision(unit: DemoUnit, date: string, n: number) {
    const d = iso(ms(date) - Math.floor(this.r() * 20) * DAY);
    return { number: `${n}/QĐ-${unit.code.split('-')[0]}`, date: d, ...signer(unit) };
  }

  private sign(unit: DemoUnit, f: Fact, n: number): DemoAction {
    return {
      type: f.type,
      effectiveDate: f.effectiveDate,
      decision: f.withDecision ? this.decision(unit, f.effectiveDate, n) : null,
      payload: f.payload,
    };
  }

  /** Who the person is and the shape of their career, drawn before any ledger entry. */
  private life(): Life {
    const r = this.r;
    const serial = ++this.serial;
    const org = pick(r, this.orgWeights);
    const sex = r() < 0.52 ? 'F' : 'M';
    const recruit = between(r, addYears(this.today, -15), addYears(this.today, -5));
    const ageAtRecruit = 22 + Math.floor(r() ** 1.6 * 32);
    const birthDate = between(r, addYears(recruit, -ageAtRecruit - 1), addYears(recruit, -ageAtRecruit));
    const unit = pickOne(r, this.openUnits(org, recruit));
    const showcase = serial % 500 === 1;
    const drawn: Category =
      unit.kind === 'public_service_unit'
        ? 'public_employee'
        : unit.kind === 'commune' || unit.kind === 'district'
          ? r() < 0.3
            ? 'cadre'
            : 'civil_servant'
          : r() < 0.05
            ? 'worker'
            : 'civil_servant';
    const category = showcase && drawn === 'worker' ? 'civil_servant' : drawn;
    // Workers (Decree 111/2022 contracts) are paid on the "Nhân viên" scale; neither rank nor title rules bar it.
    const rankCode =
      category === 'worker' ? '01.005' : category === 'public_employee' ? titleFor(r, unit) : pick(r, RANKS);
    const retireOn = addYears(birthDate, sex === 'M' ? 61 : 57);
    const end = retireOn < this.today ? retireOn : this.today;
    const leadFrom = between(r, addYears(recruit, 3), end);
    const leader =
      category !== 'worker' && (showcase || r() < 0.13) && leadFrom < end
        ? { code: pick(r, leaderCodes(unit.kind)), from: leadFrom }
        : null;
    const fullName = personName(r, sex);
    return {
      r,
      serial,
      sex,
      fullName,
      surname: fullName.split(' ')[0]!,
      birthDate,
      birthYear: Number(birthDate.slice(0, 4)),
      birthProvince: pickOne(r, oldProvinceList()).code,
      recruit,
      declared: iso(ms(recruit) + (1 + Math.floor(r() * 3)) * DAY),
      end,
      today: this.today,
      category,
      unit,
      rankCode,
      leader,
      transferOn: r() < 0.12 ? between(r, addYears(recruit, 1), this.today) : null,
      showcase,
      address: '',
    };
  }

  person(): DemoPerson {
    const life = this.life();
    const { r, recruit, end } = life;
    let unit = life.unit;
    let rank = life.rankCode;
    let step = 1 + Math.floor(r() * 2);
    const identity = identityOf(life);
    life.address = String(identity.permanentAddress);
    let n = 100 + Math.floor(r() * 800);
    const actions: DemoAction[] = [
      {
        type: 'recruit',
        effectiveDate: recruit,
        decision: this.decision(unit, recruit, n++),
        payload: {
          identity,
          category: life.category,
          managingUnitId: unit.id,
          workingUnitId: unit.id,
          rankCode: rank,
          salaryStep: step,
          form: r() < 0.8 ? 'Thi tuyển' : 'Xét tuyển',
        },
      },
    ];
    const party = isPartyMember(life);
    const education = educationOf(life, party);
    const facts: Fact[] = [
      ...familyOf(life),
      ...movementsOf(life, education.preJob),
      ...education.facts,
      ...employmentOf(life),
      ...politicalOf(life, party),
      ...militaryOf(life),
      ...assetsOf(life),
      ...healthOf(life),
    ];
    if (r() < 0.01) {
      const from = between(r, addYears(recruit, 1), addDays(end, -200));
      if (from > life.declared) {
        facts.push({
          type: 'leave',
          effectiveDate: from,
          withDecision: true,
          payload: { kind: 'Nghỉ không hưởng lương', until: addDays(from, 180) },
        });
        facts.push({ type: 'return', effectiveDate: addDays(from, 181), withDecision: true, payload: {} });
      }
    }
    for (const f of facts) if (f.effectiveDate <= end) actions.push(this.sign(unit, f, n++));

    // Salary steps, the rank change, transfers and the merger are placed while walking time forward.
    const stints: Stint[] = [{ from: recruit, unit }];
    const scale = () => reference().scales.get(reference().ranks.get(rank)!.salaryGroup)!;
    let nextStep = addYears(recruit, scale().yearsBetweenSteps);
    const timeline: DemoAction[] = [];
    const flush = (until: string) => {
      while (nextStep <= until && nextStep <= end && step < scale().stepCount) {
        step++;
        timeline.push({
          type: 'salary_step',
          effectiveDate: nextStep,
          decision: this.decision(unit, nextStep, n++),
          payload: { salaryStep: step },
        });
        nextStep = addYears(nextStep, scale().yearsBetweenSteps);
      }
    };
    const up = promotion(rank);
    const rankChangeOn = up && r() < 0.3 ? between(r, addYears(recruit, 6), addYears(recruit, 12)) : null;
    const milestones: [string, () => void][] = [];
    if (up && rankChangeOn && rankChangeOn <= end)
      milestones.push([
        rankChangeOn,
        () => {
          const coeff = coefficientFor(rank, step) ?? 0;
          rank = up;
          step = scale().steps.find((s) => s.coefficient >= coeff)?.step ?? 1;
          timeline.push({
            type: 'rank_change',
            effectiveDate: rankChangeOn,
            decision: this.decision(unit, rankChangeOn, n++),
            payload: { rankCode: rank, salaryStep: step },
          });
          nextStep = addYears(rankChangeOn, scale().yearsBetweenSteps);
        },
      ]);
    const transferOn = life.transferOn;
    if (transferOn && transferOn <= end)
      milestones.push([
        transferOn,
        () => {
          const choices = this.openUnits(unit.org, transferOn).filter(
            (u) => u.id !== unit.id && u.kind === unit.kind,
          );
          if (choices.length === 0) return;
          unit = pickOne(r, choices);
          stints.push({ from: transferOn, unit });
          timeline.push({
            type: 'transfer',
            effectiveDate: transferOn,
            decision: this.decision(unit, transferOn, n++),
            payload: { workingUnitId: unit.id, managingUnitId: unit.id },
          });
        },
      ]);
    if (MERGER_DATE <= end && recruit < MERGER_DATE)
      milestones.push([
        MERGER_DATE,
        () => {
          if (unit.validTo !== MERGER_DATE || unit.successorId === null) return;
          unit = this.byId.get(unit.successorId)!;
          stints.push({ from: MERGER_DATE, unit });
          timeline.push({
            type: 'transfer',
            effectiveDate: MERGER_DATE,
            decision: { number: `${n++}/QĐ-UBND`, date: '2025-06-30', ...signer(unit) },
            payload: { workingUnitId: unit.id, managingUnitId: unit.id },
          });
        },
      ]);
    milestones.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [date, run] of milestones) {
      flush(date);
      run();
    }
    flush(end);
    for (const f of workHistory(life, stints, education.preJob)) actions.push(this.sign(unit, f, n++));
    actions.push(...timeline);
    actions.sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
    );
    if (end < this.today)
      actions.push({
        type: 'retire',
        effectiveDate: end,
        decision: this.decision(unit, end, n++),
        payload: { reason: 'Đủ tuổi nghỉ hưu' },
      });
    return { actions };
  }
}
