// One row of a kind's sheet (a family member, a work period, a membership…) → the declaration it
// stands for, or the reasons it is not one: each cell by its field's type, then the declaration as a
// whole by the content schema and rules (checkDeclaration: catalogs, dates not in the future, the rules
// between fields, a child born after the person…), against the person of the same ID number on the
// person sheet. Pure, like the person row's check.
import type { Category } from '../../../api/actions.ts';
import type { GroupKey } from '../../../api/record/groups.ts';
import { AppError } from '../../platform/errors.ts';
import { checkDeclaration } from '../employees/index.ts';
import { PERSON_SHEET, type Sheet } from './columns.ts';
import { parseCell, shown } from './cells.ts';
import type { SourceRow } from './read.ts';
import { issueAt, unitOn, type Issue, type RowContext } from './validate.ts';

/** What the rows of other sheets need to know of a person read on the person sheet. */
export interface PersonInfo {
  row: number;
  /** Whether the person's row passed its checks (otherwise their declared rows are not imported). */
  valid: boolean;
  birthDate: string;
  category: Category;
  recruitDate: string;
}

export interface ValidDeclared {
  sheet: Sheet;
  row: number;
  personId: string;
  group: GroupKey;
  kind: string;
  data: Record<string, unknown>;
  validFrom: string;
}

export function validateDeclared(
  ctx: RowContext,
  src: SourceRow,
  people: ReadonlyMap<string, PersonInfo>,
): { ok: ValidDeclared } | { issues: Issue[] } {
  const sheet = src.sheet;
  const spec = sheet.spec!;
  const issues: Issue[] = [];
  const add = (field: string, reason: string) =>
    issues.push(issueAt(sheet, src.row, field, shown(src.cells[field] ?? null), reason));
  const values: Record<string, unknown> = {};
  for (const c of sheet.columns) {
    const r = parseCell(c.field, src.cells[c.key] ?? null);
    if (r.problem) add(c.key, r.problem);
    else if (r.value !== undefined) values[c.key] = r.value;
  }
  const personId = values.personId as string | undefined;
  const person = personId ? people.get(personId) : undefined;
  if (personId && !person)
    add('personId', `Không có người với số định danh này ở trang "${PERSON_SHEET.name}"`);
  else if (person && !person.valid)
    add('personId', `Dòng ${person.row} của người này ở trang "${PERSON_SHEET.name}" có lỗi`);
  if (issues.length || !person || !personId) return { issues };
  const validFrom = (values.validFrom as string | undefined) ?? maxDate(ctx.today, person.recruitDate);
  if (validFrom < person.recruitDate)
    add('validFrom', `Ngày kê khai trước ngày tuyển dụng (${vn(person.recruitDate)})`);
  else if (validFrom > ctx.today) add('validFrom', 'Ngày kê khai không được sau ngày hôm nay');
  const data: Record<string, unknown> = {};
  for (const c of sheet.columns) {
    if (c.key === 'personId' || c.key === 'validFrom' || values[c.key] === undefined) continue;
    if (c.field.type === 'unit') {
      // A unit named by its code, open on the day the row counts from; any unit of the tree will do.
      const u = unitOn({ ...ctx, writeRoots: undefined }, values[c.key] as string, validFrom, (r) =>
        add(c.key, r),
      );
      if (u) data[c.key] = u.id;
    } else data[c.key] = values[c.key];
  }
  if (issues.length) return { issues };
  try {
    checkDeclaration(
      { group: spec.group, kind: spec.kind, data },
      { today: ctx.today, birthDate: person.birthDate, category: person.category },
      '',
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const d of err.details) add(keyOf(d.field ?? ''), d.reason);
    return { issues };
  }
  return { ok: { sheet, row: src.row, personId, group: spec.group, kind: spec.kind, data, validFrom } };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
/** "/data/joinedOn" → "joinedOn"; anything else is about the row's kind as a whole. */
const keyOf = (pointer: string) => /^\/data\/(\w+)/.exec(pointer)?.[1] ?? 'personId';
