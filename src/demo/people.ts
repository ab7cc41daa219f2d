// Synthetic people with 5–15 years of career each, written as the ledger entries HR would have
// recorded: recruitment, declarations, salary steps, rank changes, assessments, rewards, training,
// transfers (including the 01/07/2025 province merger), leave and retirement.
import type { ActionType, Category } from '../../api/actions.ts';
import { coefficientFor, reference } from '../modules/catalogs/index.ts';
import { makePersonId } from '../platform/person-id.ts';
import { HOMETOWN_PLACES, personName, pick, pickOne } from './names.ts';
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
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const addYears = (d: string, y: number) =>
  `${Number(d.slice(0, 4)) + y}${d.slice(4)}`.replace('-02-29', '-02-28');
const between = (r: () => number, from: string, to: string) =>
  iso(ms(from) + Math.floor(r() * Math.max(1, ms(to) - ms(from))));

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
const ETHNIC: [string, number][] = [
  ['01', 85],
  ['02', 2],
  ['03', 2],
  ['06', 1.5],
  ['07', 1.2],
  ['08', 1.2],
  ['05', 1.5],
  ['04', 1],
  ['09', 0.5],
  ['10', 0.5],
];
const RELIGION: [string, number][] = [
  ['00', 82],
  ['01', 9],
  ['02', 6],
  ['03', 1],
  ['04', 1],
  ['05', 1],
];
const RATINGS: [string, number][] = [
  ['excellent', 15],
  ['good', 60],
  ['satisfactory', 22],
  ['unsatisfactory', 3],
];
const REWARDS = [
  'Giấy khen của Giám đốc Sở',
  'Bằng khen của Chủ tịch UBND tỉnh',
  'Bằng khen của Bộ trưởng',
  'Chiến sĩ thi đua cơ sở',
];
const TRAININGS = [
  'Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên',
  'Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính',
  'Bồi dưỡng kỹ năng chuyển đổi số',
  'Trung cấp lý luận chính trị - hành chính',
];

function signer(unit: DemoUnit): { signerName: string; signerTitle: string; issuingBody: string } {
  if (unit.org.length === 2)
    return {
      signerName: 'Nguyễn Văn Minh',
      signerTitle: 'Chủ tịch Ủy ban nhân dân',
      issuingBody: `Ủy ban nhân dân ${unit.provinceCode ? `tỉnh/thành phố mã ${unit.org}` : ''}`.trim(),
    };
  return { signerName: 'Trần Thị Lan', signerTitle: 'Bộ trưởng', issuingBody: `Bộ (${unit.org})` };
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

  person(): DemoPerson {
    const r = this.r;
    const serial = ++this.serial;
    const org = pick(r, this.orgWeights);
    const sex = r() < 0.52 ? 'F' : 'M';
    const recruit = between(r, addYears(this.today, -15), addYears(this.today, -5));
    const ageAtRecruit = 22 + Math.floor(r() ** 1.6 * 32);
    const birthDate = between(r, addYears(recruit, -ageAtRecruit - 1), addYears(recruit, -ageAtRecruit));
    let unit = pickOne(r, this.openUnits(org, recruit));
    const category: Category =
      unit.kind === 'public_service_unit'
        ? 'public_employee'
        : unit.kind === 'commune' || unit.kind === 'district'
          ? r() < 0.3
            ? 'cadre'
            : 'civil_servant'
          : r() < 0.05
            ? 'worker'
            : 'civil_servant';
    let rank = category === 'worker' ? '01.005' : pick(r, RANKS);
    let step = 1 + Math.floor(r() * 2);
    const birthProvince = pickOne(r, reference().provinces).mergedFrom[0]!.code;
    const fullName = personName(r, sex);
    const identity = {
      personId: makePersonId(birthProvince, { birthDate, sex }, serial),
      fullName,
      birthDate,
      sex,
      ethnicCode: pick(r, ETHNIC),
      religionCode: pick(r, RELIGION),
      birthPlace: pickOne(r, HOMETOWN_PLACES),
      hometown: pickOne(r, HOMETOWN_PLACES),
    };
    const actions: DemoAction[] = [];
    let n = 100 + Math.floor(r() * 800);
    const add = (
      type: ActionType,
      effectiveDate: string,
      payload: Record<string, unknown>,
      withDecision = true,
    ) =>
      actions.push({
        type,
        effectiveDate,
        decision: withDecision ? this.decision(unit, effectiveDate, n++) : null,
        payload,
      });

    add('recruit', recruit, {
      identity,
      category,
      managingUnitId: unit.id,
      workingUnitId: unit.id,
      rankCode: rank,
      salaryStep: step,
      form: r() < 0.8 ? 'Thi tuyển' : 'Xét tuyển',
    });
    const declared = iso(ms(recruit) + (1 + Math.floor(r() * 3)) * DAY);
    add(
      'declare',
      declared,
      {
        group: 'family',
        kind: 'father',
        data: {
          fullName: personName(r, 'M').replace(/^\S+/, fullName.split(' ')[0]!),
          birthYear: Number(birthDate.slice(0, 4)) - 25 - Math.floor(r() * 10),
          occupation: 'Nông dân',
        },
      },
      false,
    );
    add(
      'declare',
      declared,
      {
        group: 'family',
        kind: 'mother',
        data: {
          fullName: personName(r, 'F'),
          birthYear: Number(birthDate.slice(0, 4)) - 22 - Math.floor(r() * 10),
          occupation: 'Nông dân',
        },
      },
      false,
    );
    add(
      'degree',
      declared,
      {
        kind: 'education',
        levelCode: r() < 0.15 ? 'THS' : 'DH',
        major: pickOne(r, [
          'Luật',
          'Kinh tế',
          'Quản lý nhà nước',
          'Kế toán',
          'Công nghệ thông tin',
          'Y đa khoa',
          'Sư phạm Toán',
        ]),
        institution: pickOne(r, [
          'Học viện Hành chính Quốc gia',
          'Đại học Quốc gia Hà Nội',
          'Đại học Kinh tế Quốc dân',
          'Đại học Luật Hà Nội',
          'Đại học Huế',
        ]),
        year: Number(recruit.slice(0, 4)) - 1,
      },
      false,
    );
    add(
      'declare',
      declared,
      {
        group: 'health',
        kind: 'health_status',
        data: {
          status: 'Tốt',
          heightCm: 150 + Math.floor(r() * 30),
          weightKg: 45 + Math.floor(r() * 30),
          bloodType: pickOne(r, ['A', 'B', 'AB', 'O']),
        },
      },
      false,
    );
    if (sex === 'M' && r() < 0.06)
      add(
        'declare',
        declared,
        {
          group: 'military',
          kind: 'service',
          data: { enlisted: addYears(recruit, -6), discharged: addYears(recruit, -4), rank: 'Hạ sĩ' },
        },
        false,
      );
    if (r() < 0.35) {
      const joined = between(r, recruit, this.today);
      add(
        'declare',
        joined,
        {
          group: 'political',
          kind: 'party_member',
          data: { organisation: 'Đảng Cộng sản Việt Nam', joinedOn: joined },
        },
        false,
      );
    }

    // Career events on a timeline, then cut at retirement.
    const retireAge = sex === 'M' ? 61 : 57;
    const retireOn = addYears(birthDate, retireAge);
    const end = retireOn < this.today ? retireOn : this.today;
    const events: DemoAction[] = [];
    const ev = (type: ActionType, date: string, payload: Record<string, unknown>, withDecision = true) => {
      if (date <= end && date > recruit)
        events.push({
          type,
          effectiveDate: date,
          decision: withDecision ? this.decision(unit, date, n++) : null,
          payload,
        });
    };
    const transferOn = r() < 0.12 ? between(r, addYears(recruit, 1), this.today) : null;
    const rankChangeOn =
      rank === '01.003' && r() < 0.3 ? between(r, addYears(recruit, 6), addYears(recruit, 12)) : null;
    for (let y = Number(recruit.slice(0, 4)); y < Number(this.today.slice(0, 4)); y++) {
      if (y >= Number(this.today.slice(0, 4)) - 3)
        ev('assessment', `${y}-12-20`, { year: y, rating: pick(r, RATINGS) }, false);
      if (r() < 0.08) ev('reward', `${y}-12-28`, { form: pickOne(r, REWARDS) });
    }
    if (r() < 0.4)
      ev(
        'training',
        between(r, recruit, end),
        {
          program: pickOne(r, TRAININGS),
          institution: 'Trường Chính trị tỉnh',
          from: recruit,
          form: 'Tập trung',
        },
        false,
      );
    if (r() < 0.01)
      ev('discipline', between(r, recruit, end), { form: 'Khiển trách', reason: 'Vi phạm quy chế làm việc' });
    if (r() < 0.01) {
      const from = between(r, recruit, end);
      ev('leave', from, { kind: 'Nghỉ không hưởng lương', until: iso(ms(from) + 180 * DAY) });
      ev('return', iso(ms(from) + 181 * DAY), {});
    }
    events.sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
    );

    // Salary steps, rank change, transfers and the merger are placed while walking time forward.
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
    const milestones: [string, () => void][] = [];
    if (rankChangeOn && rankChangeOn <= end)
      milestones.push([
        rankChangeOn,
        () => {
          const coeff = coefficientFor(rank, step) ?? 0;
          rank = '01.002';
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
    if (transferOn && transferOn <= end)
      milestones.push([
        transferOn,
        () => {
          const choices = this.openUnits(org, transferOn).filter(
            (u) => u.id !== unit.id && u.kind === unit.kind,
          );
          if (choices.length === 0) return;
          unit = pickOne(r, choices);
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
    const all = [...events, ...timeline].sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
    );
    actions.push(...all);
    if (retireOn <= this.today)
      actions.push({
        type: 'retire',
        effectiveDate: retireOn,
        decision: this.decision(unit, retireOn, n++),
        payload: { reason: 'Đủ tuổi nghỉ hưu' },
      });
    return { actions };
  }
}
