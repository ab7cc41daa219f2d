// Groups 3–6 of a demo person beyond the recruitment and pay steps the factory walks through: the work
// history tiling the career, what came before recruitment, probation, degrees and courses, languages and
// IT, a leadership post with its allowance for a share, the main task, assessments every year, rewards.
import { reference } from '../modules/catalogs/index.ts';
import type { DemoUnit } from './org-tree.ts';
import {
  addDays,
  addYears,
  between,
  declare,
  maxDate,
  minDate,
  yearOf,
  type Fact,
  type Life,
} from './life.ts';
import { personName, pick, pickOne } from './names.ts';
import {
  IT_LEVELS,
  LANGUAGES,
  MAJORS,
  POLITICAL_SCHOOL,
  PRIVATE_JOBS,
  RATINGS,
  REWARDS,
  STRENGTHS,
  TRAININGS,
  UNIVERSITIES,
} from './vocab.ts';

/** A stretch of the career in one unit (the recruitment unit, a transfer, the merger's successor). */
export interface Stint {
  from: string;
  unit: DemoUnit;
}

const salaryGroup = (rankCode: string): string => reference().ranks.get(rankCode)?.salaryGroup ?? 'A1';
const rankName = (rankCode: string): string => reference().ranks.get(rankCode)?.name ?? 'Chuyên viên';

/** What the person's field of work is, from the unit's name and rank (for majors and tasks). */
function field(life: Life): keyof typeof MAJORS {
  const n = life.unit.name;
  if (/Bệnh viện|bệnh tật|Y tế/.test(n) || life.rankCode.startsWith('V.08')) return 'health';
  if (/Trường|Giáo dục/.test(n) || life.rankCode.startsWith('V.07')) return 'school';
  if (/Tài chính|Thuế/.test(n) || /^0[6-8]\./.test(life.rankCode)) return 'finance';
  return 'general';
}

const LEADER_TITLES: Record<string, string> = {
  GDS: 'Giám đốc',
  PGDS: 'Phó Giám đốc',
  TPS: 'Trưởng phòng',
  PTPS: 'Phó Trưởng phòng',
  VT: 'Vụ trưởng',
  PVT: 'Phó Vụ trưởng',
  TPB: 'Trưởng phòng',
  PTPB: 'Phó Trưởng phòng',
  PCTX: 'Phó Chủ tịch Ủy ban nhân dân',
  TPX: 'Trưởng phòng',
  HT: 'Giám đốc',
  PHT: 'Phó Giám đốc',
};
const DIVISIONS = ['Tổ chức - Hành chính', 'Kế hoạch - Tài chính', 'Nghiệp vụ', 'Tổng hợp', 'Pháp chế'];

/** The leadership posts a unit of this kind has, the commoner first. */
export function leaderCodes(kind: DemoUnit['kind']): [string, number][] {
  if (kind === 'provincial_department')
    return [
      ['PTPS', 6],
      ['TPS', 3],
      ['PGDS', 0.6],
      ['GDS', 0.2],
    ];
  if (kind === 'commune' || kind === 'district')
    return [
      ['TPX', 4],
      ['PCTX', 1],
    ];
  if (kind === 'public_service_unit')
    return [
      ['PHT', 3],
      ['HT', 1],
    ];
  return [
    ['PTPB', 6],
    ['TPB', 3],
    ['PVT', 0.6],
    ['VT', 0.2],
  ];
}

function postTitle(code: string, unit: DemoUnit, r: () => number): string {
  const t = LEADER_TITLES[code] ?? 'Trưởng phòng';
  return t.endsWith('phòng') ? `${t} ${pickOne(r, DIVISIONS)}` : `${t} ${unit.name}`;
}

/** Work history by period: before recruitment (if they worked), then each stint, the post changing on appointment. */
export function workHistory(life: Life, stints: Stint[], preJob: [string, string] | null): Fact[] {
  const { r } = life;
  const cuts: { from: string; text: string }[] = [];
  if (preJob)
    cuts.push({ from: addYears(life.recruit, -2 - Math.floor(r() * 3)), text: `${preJob[0]}, ${preJob[1]}` });
  for (const s of stints) cuts.push({ from: s.from, text: `${rankName(life.rankCode)}, ${s.unit.name}` });
  if (life.leader && life.leader.from <= life.end) {
    const unit = [...stints].reverse().find((s) => s.from <= life.leader!.from)!.unit;
    cuts.push({ from: life.leader.from, text: `${postTitle(life.leader.code, unit, r)}, ${unit.name}` });
    // A stint that starts after the appointment keeps the post in the new unit's name.
    for (const c of cuts)
      if (c.from > life.leader.from)
        c.text = `${LEADER_TITLES[life.leader.code] ?? 'Lãnh đạo'}, ${c.text.split(', ').slice(1).join(', ')}`;
  }
  cuts.sort((a, b) => (a.from < b.from ? -1 : 1));
  const retired = life.end < life.today;
  return cuts.map((c, i) => {
    const next = cuts[i + 1];
    const toDate = next ? addDays(next.from, -1) : retired ? life.end : undefined;
    const on = toDate ? minDate(addDays(toDate, 3), life.end) : maxDate(addDays(c.from, 3), life.declared);
    return declare('personalHistory', 'work_period', minDate(maxDate(on, life.declared), life.end), {
      fromDate: c.from,
      ...(toDate ? { toDate } : {}),
      description: c.text,
    });
  });
}

/** Group 4 declarations: occupation before recruitment, probation, leadership planning, a concurrent post. */
export function movementsOf(life: Life, preJob: [string, string] | null): Fact[] {
  const { r } = life;
  const out: Fact[] = [
    declare(
      'movements',
      'pre_recruitment',
      life.declared,
      preJob
        ? { occupation: preJob[0], workplace: preJob[1] }
        : { occupation: 'Sinh viên', workplace: pickOne(r, UNIVERSITIES) },
    ),
  ];
  if (life.category === 'civil_servant' || life.category === 'public_employee') {
    const to = addYears(life.recruit, 1);
    if (to <= life.end)
      out.push(
        declare('movements', 'probation', addDays(to, 5), {
          fromDate: life.recruit,
          toDate: to,
          mentor: personName(r, r() < 0.5 ? 'M' : 'F'),
          result: 'Đạt yêu cầu, được bổ nhiệm vào ngạch (chức danh nghề nghiệp)',
        }),
      );
  }
  if (!life.leader && life.recruit < '2021-03-15' && life.end >= '2021-03-15' && r() < 0.08)
    out.push(
      declare('movements', 'planning', '2021-03-15', {
        position: 'Phó Trưởng phòng',
        period: '2021-2026',
        decidingBody: `Ban Giám đốc, ${life.unit.name}`,
      }),
    );
  if (r() < 0.07) {
    const from = between(r, addYears(life.recruit, 1), life.end);
    if (from > life.declared)
      out.push(
        declare('movements', 'concurrent_post', from, {
          positionTitle: 'Chủ tịch Công đoàn cơ sở',
          fromDate: from,
        }),
      );
  }
  return out;
}

const inCareer = (life: Life, d: string) => d > life.recruit && d <= life.end;

/** Degrees (professional level, political theory, state management), courses, languages, IT, defence. */
export function educationOf(
  life: Life,
  isPartyMember: boolean,
): { facts: Fact[]; preJob: [string, string] | null } {
  const { r } = life;
  const group = salaryGroup(life.rankCode);
  const level = group.startsWith('A3')
    ? r() < 0.3
      ? 'TS'
      : 'THS'
    : group.startsWith('A2')
      ? r() < 0.4
        ? 'THS'
        : 'DH'
      : group === 'A0'
        ? 'CD'
        : group === 'B' || group.startsWith('C')
          ? 'TC'
          : 'DH';
  const gradYear = Math.min(
    yearOf(life.recruit) - Math.floor(r() * 3),
    Math.max(life.birthYear + 22, yearOf(life.recruit) - 1),
  );
  const preJob = yearOf(life.recruit) - gradYear >= 2 || r() < 0.3 ? pickOne(r, PRIVATE_JOBS) : null;
  const major = pickOne(r, MAJORS[field(life)]);
  const facts: Fact[] = [
    declare('education', 'general_education', life.declared, {
      level: life.birthYear < 1972 && r() < 0.4 ? '10/10' : '12/12',
    }),
    {
      type: 'degree',
      effectiveDate: life.declared,
      payload: {
        kind: 'education',
        levelCode: level,
        major,
        institution: pickOne(r, UNIVERSITIES),
        year: gradYear,
      },
    },
  ];
  const dated = (type: 'degree' | 'training', on: string, payload: Record<string, unknown>) => {
    if (inCareer(life, on) && on > life.declared) facts.push({ type, effectiveDate: on, payload });
  };
  if (level === 'DH' && r() < 0.12) {
    const y = yearOf(life.recruit) + 2 + Math.floor(r() * 6);
    dated('degree', `${y}-09-15`, {
      kind: 'education',
      levelCode: 'THS',
      major,
      institution: pickOne(r, UNIVERSITIES),
      year: y,
    });
  }
  const theory = life.leader
    ? ['GDS', 'VT', 'HT'].includes(life.leader.code)
      ? 'CC'
      : 'TC'
    : isPartyMember
      ? r() < 0.7
        ? 'SC'
        : 'TC'
      : r() < 0.25
        ? 'SC'
        : null;
  if (theory) {
    const y = yearOf(between(r, addYears(life.recruit, 1), life.end));
    dated('degree', `${y}-06-30`, {
      kind: 'political_theory',
      levelCode: theory,
      institution: POLITICAL_SCHOOL,
      year: y,
    });
  }
  const state = group.startsWith('A3')
    ? 'CVCC'
    : group.startsWith('A2')
      ? 'CVC'
      : group === 'A1'
        ? r() < 0.65
          ? 'CV'
          : null
        : r() < 0.3
          ? 'CS'
          : null;
  if (state) {
    const y = yearOf(between(r, addYears(life.recruit, 1), life.end));
    dated('degree', `${y}-10-30`, {
      kind: 'state_management',
      levelCode: state,
      institution: 'Học viện Hành chính Quốc gia',
      year: y,
    });
  }
  if (r() < 0.4) {
    const from = between(r, life.recruit, addDays(life.end, -70));
    dated('training', addDays(from, 60), {
      program: pickOne(r, TRAININGS),
      institution: POLITICAL_SCHOOL,
      from,
      to: addDays(from, 60),
      form: 'Tập trung',
      certificate: 'Chứng chỉ',
    });
  }
  if (r() < 0.9) {
    const [language, lv, certificate] = pickOne(r, LANGUAGES);
    facts.push(declare('education', 'language', life.declared, { language, level: lv, certificate }));
  }
  if (r() < 0.9)
    facts.push(declare('education', 'it_skill', life.declared, { level: pickOne(r, IT_LEVELS) }));
  if (life.leader || r() < 0.5) {
    const y = yearOf(between(r, addYears(life.recruit, 1), life.end));
    const on = `${y}-11-30`;
    const target = !life.leader
      ? 'Đối tượng 4'
      : ['GDS', 'VT', 'HT'].includes(life.leader.code)
        ? 'Đối tượng 2'
        : 'Đối tượng 3';
    if (inCareer(life, on) && on > life.declared)
      facts.push(
        declare('education', 'defence_security', on, {
          level: target,
          year: y,
          certificate: 'Chứng chỉ bồi dưỡng kiến thức quốc phòng và an ninh',
        }),
      );
  }
  return { facts, preJob };
}

const TASKS: Record<keyof typeof MAJORS, string> = {
  health: 'Khám bệnh, chữa bệnh và chăm sóc người bệnh tại khoa',
  school: 'Giảng dạy, giáo dục học sinh và tham gia công tác chủ nhiệm',
  finance: 'Kế toán, quản lý tài chính, ngân sách của đơn vị',
  general: 'Tham mưu, tổng hợp và thực hiện nhiệm vụ chuyên môn theo lĩnh vực được phân công',
};

/** Group 6 beyond pay: the post and its allowance, the main task, strengths, assessments, rewards. */
export function employmentOf(life: Life): Fact[] {
  const { r } = life;
  const out: Fact[] = [declare('employment', 'main_task', life.declared, { task: TASKS[field(life)] })];
  if (r() < 0.4) out.push(declare('employment', 'strengths', life.declared, { text: pickOne(r, STRENGTHS) }));
  if (life.leader && life.leader.from <= life.end) {
    const { code, from } = life.leader;
    const coefficient = reference().catalogs['leadership-positions'].find(
      (p) => p.code === code,
    )?.allowanceCoefficient;
    const y = yearOf(from);
    out.push({
      type: 'appoint',
      effectiveDate: from,
      withDecision: true,
      payload: { positionTitle: postTitle(code, life.unit, r), termYears: 5 },
    });
    out.push(
      declare('employment', 'leadership', from, {
        positionCode: code,
        ...(typeof coefficient === 'number' ? { allowanceCoefficient: coefficient } : {}),
        termNote: `${y}-${y + 5}`,
      }),
    );
    if (typeof coefficient === 'number')
      out.push({
        type: 'allowance',
        effectiveDate: from,
        withDecision: true,
        payload: { kind: 'Phụ cấp chức vụ lãnh đạo', coefficient },
      });
  }
  let emulation: number | null = null;
  for (let y = yearOf(life.recruit); y < yearOf(life.today); y++) {
    const on = `${y}-12-20`;
    if (!inCareer(life, on)) continue;
    out.push({ type: 'assessment', effectiveDate: on, payload: { year: y, rating: pick(r, RATINGS) } });
    if (r() < 0.08) {
      const [form, level] = pickOne(r, REWARDS);
      if (form.startsWith('Chiến sĩ')) emulation = y;
      out.push({
        type: 'reward',
        effectiveDate: `${y}-12-28`,
        withDecision: true,
        payload: {
          form,
          level,
          decidingBody: level === 'Cấp tỉnh' ? 'Ủy ban nhân dân tỉnh' : life.unit.name,
        },
      });
    }
  }
  const titleYear =
    emulation ?? (r() < 0.35 ? yearOf(between(r, addYears(life.recruit, 1), life.end)) : null);
  if (titleYear !== null && inCareer(life, `${titleYear}-12-28`) && `${titleYear}-12-28` > life.declared)
    out.push(
      declare('employment', 'highest_title', `${titleYear}-12-28`, {
        titleCode: emulation ? 'CSTDCS' : 'LDTT',
        year: titleYear,
      }),
    );
  if (r() < 0.01) {
    const on = between(r, life.declared, life.end);
    out.push({
      type: 'discipline',
      effectiveDate: on,
      withDecision: true,
      payload: {
        form: 'Khiển trách',
        reason: 'Vi phạm quy chế làm việc của cơ quan',
        until: addYears(on, 1),
      },
    });
  }
  return out;
}
