// What a self-declaration would change, field by field, for the officer who verifies it: the row it
// replaces (the one named, or the open row of a kind that holds one row) next to the proposed one,
// both as a person reads them, changed fields highlighted.
import { Table, Tag, Typography } from 'antd';
import type { HistoryRow } from '../../../api/employees.ts';
import { displayRow, kindLabel } from '../../../api/record/display.ts';
import { findRowKind } from '../../../api/record/spec.ts';
import { employees } from '../api/endpoints.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from './useLoad.ts';
import { useRecordLookups } from './recordLookups.ts';

interface Declared {
  group: string;
  kind: string;
  data: Record<string, unknown>;
  replacesRowId?: string;
}

export function DeclarationDiff({ employeeId, payload }: { employeeId: string; payload: Declared }) {
  const { t, lang } = useI18n();
  const { data: rec } = useLoad(() => employees.record(employeeId), [employeeId]);
  const look = useRecordLookups(rec?.unitNames, lang);
  const spec = findRowKind(payload.kind);
  const rows: HistoryRow[] = rec?.groups[payload.group as keyof typeof rec.groups] ?? [];
  const current = payload.replacesRowId
    ? rows.find((r) => r.id === payload.replacesRowId)
    : spec && !spec.repeatable
      ? rows.find((r) => r.kind === payload.kind && r.validTo === null)
      : undefined;
  const before = new Map(displayRow(payload.kind, current?.data ?? {}, look).map((f) => [f.key, f.value]));
  const after = new Map(displayRow(payload.kind, payload.data, look).map((f) => [f.key, f.value]));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const labelOf = (k: string) => {
    const f = spec?.fields.find((x) => x.key === k);
    return f ? (lang === 'en' ? f.labelEn : f.label) : t('diff.notes');
  };
  return (
    <div data-testid="declaration-diff">
      <Typography.Text strong>{kindLabel(payload.kind, lang)}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={keys.map((k) => ({
          key: k,
          field: labelOf(k),
          before: before.get(k) ?? '',
          after: after.get(k) ?? '',
        }))}
        columns={[
          { title: t('diff.field'), dataIndex: 'field', width: 220 },
          { title: t('diff.current'), dataIndex: 'before' },
          {
            title: t('diff.proposed'),
            key: 'after',
            render: (_, r) =>
              r.before === r.after ? (
                r.after
              ) : (
                <span>
                  {r.after} <Tag color="orange">{r.before ? t('diff.changed') : t('diff.added')}</Tag>
                </span>
              ),
          },
        ]}
      />
    </div>
  );
}
