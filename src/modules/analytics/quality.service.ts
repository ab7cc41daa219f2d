// Data quality per unit (correct, complete, clean, current): required fields missing, rule
// violations, possible duplicates across units, records updated late; a score and what to fix. And
// completeness per field ("đủ"): for each field the content schema counts, the share of each unit's
// people whose record holds it, with the fix list (person × missing field) as an XLSX file.
import type { Static } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import type { QualityQuery, QualityFixesQuery } from '../../../api/analytics.ts';
import { refreshAnalytics } from './refresh.ts';
import { resolveRoot, today } from './scope.ts';
import { COMPLETENESS_FIELDS, completenessField } from './completeness.ts';
import { peopleMissingFields, qualityFlags, type FlagRow } from './quality.repository.ts';
import { workbook } from './xlsx.ts';
import { vnDate } from '../../../api/record/display.ts';

/** Issue codes; the Vietnamese label says what to fix. */
export const ISSUES: Record<string, string> = {
  missing_birth_place: 'Thiếu nơi sinh',
  missing_hometown: 'Thiếu quê quán',
  missing_address: 'Thiếu nơi thường trú',
  missing_rank: 'Công chức, viên chức chưa có ngạch/chức danh nghề nghiệp',
  missing_education: 'Chưa có trình độ chuyên môn',
  person_id_mismatch: 'Số định danh không khớp giới tính/năm sinh',
  recruited_under_18: 'Ngày tuyển dụng trước khi đủ 18 tuổi',
  rank_education: 'Ngạch loại A nhưng trình độ dưới đại học',
  possible_duplicate: 'Có thể trùng với hồ sơ ở đơn vị khác (cùng họ tên, ngày sinh)',
  late_update: 'Cập nhật chậm quá 3 ngày làm việc sau quyết định (12 tháng qua)',
};

/** At most this many people in one fix list (an XLSX sheet holds about a million rows; a file for
 * more people than a unit's officers can work through helps nobody — ask for a smaller unit). */
export const FIX_LIST_MAX_PEOPLE = 10_000;

const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);

interface UnitQuality {
  unitId: number;
  unitName: string;
  people: number;
  withIssues: number;
  issues: Record<string, number>;
  complete: number;
  missing: Record<string, number>;
}

function byUnit(people: (FlagRow & { issues: string[] })[]) {
  const units = new Map<number, UnitQuality>();
  for (const p of people) {
    const u = units.get(p.unit_id) ?? {
      unitId: p.unit_id,
      unitName: p.unit_name,
      people: 0,
      withIssues: 0,
      issues: {},
      complete: 0,
      missing: {},
    };
    u.people++;
    if (p.issues.length) u.withIssues++;
    for (const i of p.issues) u.issues[i] = (u.issues[i] ?? 0) + 1;
    if (p.missing.length === 0) u.complete++;
    for (const f of p.missing) u.missing[f] = (u.missing[f] ?? 0) + 1;
    units.set(p.unit_id, u);
  }
  return [...units.values()].map((u) => ({
    ...u,
    score: percent(u.people - u.withIssues, u.people),
    completePercent: percent(u.complete, u.people),
    // Every counted field, in the schema's order: the share of the unit's people whose record holds it.
    fields: COMPLETENESS_FIELDS.map((f) => ({
      key: f.key,
      missing: u.missing[f.key] ?? 0,
      percent: percent(u.people - (u.missing[f.key] ?? 0), u.people),
    })),
  }));
}

const fieldLabel = (key: string) => completenessField(key)?.label ?? key;

export async function qualityReport(ctx: Ctx, q: Static<typeof QualityQuery>) {
  const root = await resolveRoot(ctx, q.unitId);
  const on = today(ctx);
  const people = await inTransaction(ctx.db, async (trx) => {
    await refreshAnalytics(trx);
    const found = (await qualityFlags(trx, ctx.actor, root.path, on)).map((x) => ({
      ...x,
      issues: Object.keys(ISSUES).filter((k) => x[k] === true),
    }));
    if (q.list) {
      const shown = found.filter((p) => p.issues.length || p.missing.length).slice(0, 1000);
      await audit(ctx, trx, {
        action: 'analytics.quality',
        entity: 'employee',
        unitPath: root.path,
        details: { subjects: shown.map((p) => p.id) },
      });
    }
    return found;
  });
  return {
    unitId: root.id,
    asOf: on,
    fields: COMPLETENESS_FIELDS.map((f) => ({
      key: f.key,
      groupLabel: f.groupLabel,
      label: f.label,
      labelEn: f.labelEn,
    })),
    units: byUnit(people)
      .map(({ missing: _missing, ...u }) => u)
      .sort((a, b) => a.score - b.score || a.unitName.localeCompare(b.unitName, 'vi')),
    items: q.list
      ? people
          .filter((p) => p.issues.length || p.missing.length)
          .slice(0, 1000)
          .map((p) => ({
            employeeId: p.id,
            fullName: p.full_name,
            unitId: p.unit_id,
            issues: p.issues.map((i) => ISSUES[i] ?? i),
            missingFields: p.missing.map(fieldLabel),
          }))
      : [],
  };
}

/** The fix list: one line per person and missing field — unit, person, group, field, in Vietnamese
 * (no keys, codes or ids) — for the actor's subtree; a read of personal data, audited with who is in it. */
export async function qualityFixList(ctx: Ctx, q: Static<typeof QualityFixesQuery>): Promise<Buffer> {
  const root = await resolveRoot(ctx, q.unitId);
  const people = await inTransaction(ctx.db, async (trx) => {
    const found = await peopleMissingFields(trx, ctx.actor, root.path, FIX_LIST_MAX_PEOPLE + 1);
    const listed = found.slice(0, FIX_LIST_MAX_PEOPLE);
    await audit(ctx, trx, {
      action: 'analytics.quality.fixes',
      entity: 'employee',
      unitPath: root.path,
      details: {
        count: listed.length,
        truncated: found.length > listed.length,
        subjects: listed.map((p) => p.id),
      },
    });
    return { listed, truncated: found.length > listed.length };
  });
  const collator = new Intl.Collator('vi');
  // The SQL orders by unit path then name key; people read units by name.
  const ordered = people.listed
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => collator.compare(a.unit_name, b.unit_name) || a.i - b.i);
  const rows = ordered.flatMap((p) =>
    p.missing.map((key) => {
      const f = completenessField(key);
      return [p.unit_name, p.full_name, f?.groupLabel ?? '', f?.label ?? ''];
    }),
  );
  const more = people.truncated
    ? ` — ${FIX_LIST_MAX_PEOPLE.toLocaleString('vi-VN')} người đầu tiên; chọn đơn vị nhỏ hơn để xem tiếp`
    : '';
  return workbook([
    {
      name: 'Thông tin còn thiếu',
      title: `Danh sách thông tin hồ sơ còn thiếu — ${root.name} — ngày ${vnDate(today(ctx))}${more}`,
      columns: ['Đơn vị', 'Họ và tên', 'Nhóm thông tin', 'Thông tin còn thiếu'],
      rows,
    },
  ]);
}

/** The quality table as XLSX with Vietnamese headers: per unit the score, the issues by their labels
 * and the share complete of every counted field; then the listed people, if asked. */
export async function qualityFile(r: Awaited<ReturnType<typeof qualityReport>>): Promise<Buffer> {
  const issueKeys = Object.keys(ISSUES);
  const units = {
    name: 'Chất lượng theo đơn vị',
    title: `Chất lượng dữ liệu hồ sơ — ngày ${vnDate(r.asOf)}`,
    columns: [
      'Đơn vị',
      'Số người',
      'Số người có vấn đề',
      'Điểm chất lượng (%)',
      'Số người đủ thông tin',
      'Tỷ lệ đủ thông tin (%)',
      ...issueKeys.map((k) => ISSUES[k]!),
      ...r.fields.map((f) => `${f.label} — có (%)`),
    ],
    rows: r.units.map((u) => [
      u.unitName,
      u.people,
      u.withIssues,
      u.score,
      u.complete,
      u.completePercent,
      ...issueKeys.map((k) => u.issues[k] ?? 0),
      ...u.fields.map((f) => f.percent),
    ]),
  };
  const people = {
    name: 'Hồ sơ cần bổ sung',
    columns: ['Họ và tên', 'Đơn vị', 'Vấn đề', 'Thông tin còn thiếu'],
    rows: r.items.map((i) => [
      i.fullName,
      r.units.find((u) => u.unitId === i.unitId)?.unitName ?? '',
      i.issues.join('; '),
      i.missingFields.join('; '),
    ]),
  };
  return workbook(r.items.length ? [units, people] : [units]);
}
