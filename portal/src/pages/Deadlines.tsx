// Legal update deadlines in the account's scope (Decree 27, Circular 06): every item with its rule,
// due date and status (filters rule/status, also from a notification's ?rule= link), and the
// lateness per unit.
import { Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { deadlines, type DeadlineItem, type DeadlineSummaryRow } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { label, useI18n } from '../i18n/index.tsx';

// Copies of the API's lists: a value import from api/ would bundle typebox into the portal.
const DEADLINE_RULES: DeadlineItem['rule'][] = [
  'record_created',
  'first_declaration',
  'hr_update',
  'request_review',
  'transfer_receipt',
  'monthly_approval',
];
const DEADLINE_STATUSES: DeadlineItem['status'][] = ['due', 'overdue', 'met', 'late'];
const COLORS: Record<DeadlineItem['status'], string> = {
  due: 'blue',
  overdue: 'red',
  met: 'green',
  late: 'orange',
};

function DeadlineList() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const rule = params.get('rule') ?? undefined;
  const status = params.get('status') ?? undefined;
  const { data, error, loading, reload } = useLoad(() => deadlines.list(rule, status), [rule, status]);
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('deadlines.rule')}
          placeholder={t('deadlines.rule')}
          allowClear
          style={{ width: 260 }}
          value={rule}
          onChange={(v?: string) => setFilter('rule', v)}
          options={DEADLINE_RULES.map((r) => ({ value: r, label: t(`deadlineRule.${r}`) }))}
        />
        <Select
          aria-label={t('deadlines.status')}
          placeholder={t('deadlines.status')}
          allowClear
          style={{ width: 160 }}
          value={status}
          onChange={(v?: string) => setFilter('status', v)}
          options={DEADLINE_STATUSES.map((s) => ({ value: s, label: t(`deadlineStatus.${s}`) }))}
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DeadlineItem>
        rowKey={(r) => `${r.rule}:${r.ref}`}
        size="small"
        loading={loading}
        dataSource={data}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: t('deadlines.rule'),
            dataIndex: 'rule',
            render: (v: string) => label(t, 'deadlineRule', v),
          },
          {
            title: t('col.fullName'),
            dataIndex: 'fullName',
            render: (v: string | null, r) =>
              r.employeeId ? <Link to={`/records/${r.employeeId}`}>{v}</Link> : (v ?? t('none')),
          },
          { title: t('col.unit'), dataIndex: 'unitName' },
          { title: t('deadlines.start'), dataIndex: 'startDate', render: fmtDate },
          { title: t('deadlines.due'), dataIndex: 'dueDate', render: fmtDate },
          { title: t('deadlines.metOn'), dataIndex: 'metOn', render: fmtDate },
          {
            title: t('deadlines.status'),
            dataIndex: 'status',
            render: (s: DeadlineItem['status']) => <Tag color={COLORS[s]}>{t(`deadlineStatus.${s}`)}</Tag>,
          },
        ]}
      />
    </>
  );
}

function Summary() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(() => deadlines.summary(), []);
  const n = (k: 'due' | 'overdue' | 'met' | 'late') => ({
    title: t(`deadlineStatus.${k}`),
    dataIndex: k,
    align: 'right' as const,
    sorter: (a: DeadlineSummaryRow, b: DeadlineSummaryRow) => a[k] - b[k],
  });
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DeadlineSummaryRow>
        rowKey="unitId"
        size="small"
        loading={loading}
        dataSource={data}
        pagination={false}
        data-testid="deadline-summary"
        columns={[
          { title: t('col.unit'), dataIndex: 'unitName' },
          n('due'),
          n('overdue'),
          n('met'),
          n('late'),
        ]}
      />
    </>
  );
}

export default function Deadlines() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2}>{t('deadlines.title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'list', label: t('deadlines.list'), children: <DeadlineList /> },
          { key: 'summary', label: t('deadlines.summary'), children: <Summary /> },
        ]}
      />
    </>
  );
}
