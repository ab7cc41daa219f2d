// One e-record: the header (who, where, rank and step), an "as of date" picker that reconstructs the
// record on a past date, one tab per Decree-27 group with its dated history rows and the decision
// behind each row, and the ledger of personnel actions.
import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { HistoryRow } from '../../../api/employees.ts';
import { employees, type Action, type RecordView as Rec } from '../api/endpoints.ts';
import { label, useI18n, type T } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { fmtDate, fmtDateTime } from './format.ts';
import { useLoad } from './useLoad.ts';
import { ActionForm } from './ActionForm.tsx';
import { nodes, type RoutedAction } from '../api/exchange.ts';
import { can } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { displayRow, kindLabel, type Lookups } from '../../../api/record/display.ts';
import { findRowKind } from '../../../api/record/spec.ts';
import { GROUPS } from '../../../api/record/groups.ts';
import { useRecordLookups } from './recordLookups.ts';

/**
 * On the national node: decisions recorded here about this record while a ministry/province node owns
 * it — routed to that node, and what it made of them (applied with their seq, or refused and why).
 */
function RoutedActions({ id, version }: { id: string; version: number }) {
  const { t, lang } = useI18n();
  const { data } = useLoad(() => nodes.routed(id), [id, version]);
  if (!data || data.length === 0) return null;
  const color = { pending: 'gold', applied: 'green', refused: 'red' } as const;
  return (
    <Alert
      type="info"
      data-testid="routed-actions"
      title={t('routed.title', { node: data[0]!.node })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {data.map((r: RoutedAction) => (
            <li key={r.id}>
              {fmtDateTime(r.requestedAt, lang)} — {r.typeLabel} ({fmtDate(r.effectiveDate)}
              {r.decisionNo ? `, ${r.decisionNo}` : ''}):{' '}
              <Tag color={color[r.status]}>{t(`routed.${r.status}`)}</Tag>
              {r.status === 'applied' && r.seq !== null && t('routed.seq', { seq: r.seq })}
              {r.status === 'refused' && (r.reason ?? r.code)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function renderData(data: Record<string, unknown>) {
  const entries = Object.entries(data).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.map(([k, v]) => (
    <div key={k}>
      <Typography.Text type="secondary">{k}:</Typography.Text>{' '}
      {typeof v === 'object' ? JSON.stringify(v) : String(v)}
    </div>
  ));
}

/** An action's payload read like the row it produces (declarations by their kind). */
function PayloadFields({ type, payload }: { type: string; payload: Record<string, unknown> }) {
  const { lang } = useI18n();
  const look = useRecordLookups({}, lang);
  const declared = type === 'declare' && typeof payload.kind === 'string';
  const kind = declared ? (payload.kind as string) : type;
  const data = declared ? ((payload.data ?? {}) as Record<string, unknown>) : payload;
  if (!findRowKind(kind)) return <>{renderData(payload)}</>;
  return (
    <>
      {declared && <div>{kindLabel(kind, lang)}</div>}
      {displayRow(kind, data, look).map((f) => (
        <div key={f.key}>
          <Typography.Text type="secondary">{f.label}:</Typography.Text> {f.value}
        </div>
      ))}
    </>
  );
}

/** A row's fields as a person reads them: labels, catalog names, unit names, dates. */
function RowFields({ row, look, t }: { row: HistoryRow; look: Lookups; t: T }) {
  if (row.data.secret === true && Object.keys(row.data).length === 1)
    return <Typography.Text type="secondary">{t('record.secretRow')}</Typography.Text>;
  return (
    <>
      {displayRow(row.kind, row.data, look).map((f) => (
        <div key={f.key}>
          <Typography.Text type="secondary">{f.label}:</Typography.Text> {f.value}
        </div>
      ))}
    </>
  );
}

export function HistoryTable({
  rows,
  t,
  unitNames,
}: {
  rows: HistoryRow[];
  t: T;
  unitNames?: Record<string, string>;
}) {
  const { lang } = useI18n();
  const look = useRecordLookups(unitNames, lang);
  return (
    <Table<HistoryRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('record.noRows') }}
      columns={[
        { title: t('history.validFrom'), dataIndex: 'validFrom', width: 110, render: fmtDate },
        { title: t('history.validTo'), dataIndex: 'validTo', width: 110, render: fmtDate },
        {
          title: t('history.kind'),
          dataIndex: 'kind',
          width: 170,
          render: (k: string) => kindLabel(k, lang),
        },
        {
          title: t('history.data'),
          key: 'data',
          render: (_, row) => <RowFields row={row} look={look} t={t} />,
        },
        {
          title: t('history.action'),
          dataIndex: 'actionType',
          width: 160,
          render: (v: string) => label(t, 'actionType', v),
        },
        {
          title: t('history.decision'),
          dataIndex: 'decisionNo',
          width: 150,
          render: (v: string | null) => v ?? t('none'),
        },
      ]}
    />
  );
}

function Ledger({ id, t }: { id: string; t: T }) {
  const { lang } = useI18n();
  const { data, error } = useLoad(() => employees.actions(id), [id]);
  return (
    <>
      <ErrorAlert error={error} />
      <Table<Action>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data}
        columns={[
          { title: t('ledger.seq'), dataIndex: 'seq', width: 60 },
          {
            title: t('ledger.type'),
            dataIndex: 'typeLabel',
            render: (v: string, a) => (
              <Space wrap>
                {v}
                {a.cancelledBy && <Tag color="red">{t('ledger.cancelled', { id: a.cancelledBy })}</Tag>}
                {a.correctedBy.length > 0 && <Tag color="orange">{t('ledger.corrected')}</Tag>}
              </Space>
            ),
          },
          { title: t('ledger.effective'), dataIndex: 'effectiveDate', width: 110, render: fmtDate },
          {
            title: t('ledger.decision'),
            dataIndex: 'decisionNo',
            render: (v: string | null, a) =>
              v ? `${v} (${fmtDate(a.decisionDate)}) — ${a.issuingBody ?? ''}` : t('none'),
          },
          {
            title: t('ledger.signer'),
            dataIndex: 'signerName',
            render: (v: string | null) => v ?? t('none'),
          },
          {
            title: t('history.data'),
            dataIndex: 'payload',
            render: (p: Record<string, unknown>, a: Action) => <PayloadFields type={a.type} payload={p} />,
          },
          {
            title: t('ledger.recordedAt'),
            dataIndex: 'recordedAt',
            render: (v: string) => fmtDateTime(v, lang),
          },
        ]}
      />
    </>
  );
}

function Header({ r, t }: { r: Rec; t: T }) {
  const unit = (id: number) => r.unitNames[String(id)] ?? String(id);
  const rankRow = r.groups.employment.find((x) => x.kind === 'rank_salary' && x.validTo === null);
  const rankName = typeof rankRow?.data.rankName === 'string' ? rankRow.data.rankName : undefined;
  const rank = r.rankCode ? (rankName ? `${rankName} (${r.rankCode})` : r.rankCode) : undefined;
  const salary = [rank, r.salaryStep && `bậc ${r.salaryStep}`, r.salaryCoefficient]
    .filter(Boolean)
    .join(' · ');
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
      <Descriptions.Item label={t('col.personId')}>{r.personId}</Descriptions.Item>
      <Descriptions.Item label={t('col.birthDate')}>{fmtDate(r.birthDate)}</Descriptions.Item>
      <Descriptions.Item label={t('col.sex')}>{label(t, 'sex', r.sex)}</Descriptions.Item>
      <Descriptions.Item label={t('col.category')}>{label(t, 'category', r.category)}</Descriptions.Item>
      <Descriptions.Item label={t('col.status')}>{label(t, 'status', r.status)}</Descriptions.Item>
      <Descriptions.Item label={t('record.recruitedOn')}>{fmtDate(r.recruitedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('record.managingUnit')}>{unit(r.managingUnitId)}</Descriptions.Item>
      <Descriptions.Item label={t('record.workingUnit')}>{unit(r.workingUnitId)}</Descriptions.Item>
      <Descriptions.Item label={t('record.salary')}>
        <span data-testid="salary">{salary || t('none')}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('col.position')}>{r.positionTitle ?? t('none')}</Descriptions.Item>
    </Descriptions>
  );
}

export function RecordView({ id, canAct }: { id: string; canAct: boolean }) {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState<string>();
  const [acting, setActing] = useState(false);
  const [version, setVersion] = useState(0);
  const me = useMe();
  const { data: r, error, reload } = useLoad(() => employees.record(id, asOf), [id, asOf]);
  const tabs: { key: string; label: string; children: ReactNode }[] = GROUPS.map((g) => ({
    key: g,
    label: t(`group.${g}`),
    children: <HistoryTable rows={r?.groups[g] ?? []} t={t} unitNames={r?.unitNames} />,
  }));
  tabs.push({ key: 'ledger', label: t('record.ledger'), children: <Ledger id={id} t={t} /> });
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} data-testid="record-name">
          {r?.fullName ?? ''}
        </Typography.Title>
        <Space wrap>
          <label>
            {t('record.asOf')}{' '}
            <DatePicker
              format="DD/MM/YYYY"
              placeholder={t('record.asOfHint')}
              onChange={(d: Dayjs | null) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            />
          </label>
          {canAct && r && !asOf && (
            <Button type="primary" onClick={() => setActing(true)} data-testid="record-action">
              {t('record.recordAction')}
            </Button>
          )}
        </Space>
      </Space>
      <ErrorAlert error={error} />
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {r.asOf && <Alert type="info" title={t('record.asOfShown', { date: fmtDate(r.asOf) })} />}
          {r.masked && r.masked.length > 0 && (
            <Alert type="warning" title={t('record.masked', { parts: r.masked.join(', ') })} />
          )}
          {can(me, 'recordDirect') && <RoutedActions id={id} version={version} />}
          <Header r={r} t={t} />
          <Tabs items={tabs} />
        </Space>
      )}
      {acting && r && (
        <ActionForm
          record={r}
          onClose={() => setActing(false)}
          onDone={() => {
            setActing(false);
            setVersion((v) => v + 1);
            reload();
          }}
        />
      )}
    </>
  );
}
