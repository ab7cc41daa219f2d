// Data quality of the records in the actor's scope (issue 15 item 5): per field the content schema
// counts, the share of people whose record holds it — for the whole scope and, unit by unit, in each
// unit's row — and the fix list (person × missing field) as an Excel file to work through.
import { useMemo } from 'react';
import { Button, Card, Empty, Progress, Space, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { analytics, type QualityReport } from '../api/analytics.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtNumber } from '../components/format.ts';
import { useI18n } from '../i18n/index.tsx';

type Unit = QualityReport['units'][number];
interface FieldRow {
  key: string;
  group: string;
  label: string;
  missing: number;
  percent: number;
}

const share = (have: number, all: number) => (all === 0 ? 100 : Math.round((1000 * have) / all) / 10);

/** The per-field table: one row per counted field, the share holding it and how many lack it. */
function FieldTable({ rows }: { rows: FieldRow[] }) {
  const { t, lang } = useI18n();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title: t('quality.group'), dataIndex: 'group' },
        { title: t('quality.field'), dataIndex: 'label' },
        {
          title: t('quality.complete'),
          dataIndex: 'percent',
          width: 220,
          render: (p: number) => (
            <Progress percent={p} size="small" status={p < 100 ? 'active' : 'success'} />
          ),
        },
        {
          title: t('quality.missing'),
          dataIndex: 'missing',
          align: 'right',
          render: (n: number) => fmtNumber(n, lang),
        },
      ]}
    />
  );
}

function fieldRows(r: QualityReport, lang: string, units: Unit[]): FieldRow[] {
  const people = units.reduce((s, u) => s + u.people, 0);
  return r.fields.map((f) => {
    const missing = units.reduce((s, u) => s + (u.fields.find((x) => x.key === f.key)?.missing ?? 0), 0);
    return {
      key: f.key,
      group: f.groupLabel,
      label: lang === 'en' ? f.labelEn : f.label,
      missing,
      percent: share(people - missing, people),
    };
  });
}

export default function DataQuality() {
  const { t, lang } = useI18n();
  const scope = homeScope(useMe());
  const { data, error, reload } = useLoad(
    () => (scope ? analytics.quality(scope.unitId) : Promise.resolve(undefined)),
    [scope?.unitId],
  );
  const whole = useMemo(() => (data ? fieldRows(data, lang, data.units) : []), [data, lang]);
  if (!scope) return <Empty description={t('overview.noScope')} />;
  return (
    <>
      <Typography.Title level={2}>{t('quality.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('overview.scope')}: {scope.unitName}. {t('quality.hint')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          icon={<FileExcelOutlined aria-hidden />}
          href={analytics.fileUrl('quality/fixes', { unitId: scope.unitId })}
          download
        >
          {t('quality.fixList')}
        </Button>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          href={analytics.fileUrl('quality', { unitId: scope.unitId, list: 'true', format: 'xlsx' })}
          download
        >
          {t('quality.table')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data && !data.units.length && <Empty description={t('quality.empty')} />}
      {data && data.units.length > 0 && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('quality.byField')} data-testid="quality-fields">
            <FieldTable rows={whole} />
          </Card>
          <Card title={t('quality.unit')}>
            <Table
              size="small"
              rowKey="unitId"
              dataSource={data.units}
              expandable={{
                expandedRowRender: (u: Unit) => <FieldTable rows={fieldRows(data, lang, [u])} />,
              }}
              columns={[
                { title: t('quality.unit'), dataIndex: 'unitName' },
                {
                  title: t('quality.people'),
                  dataIndex: 'people',
                  align: 'right',
                  render: (n: number) => fmtNumber(n, lang),
                },
                {
                  title: t('quality.complete'),
                  dataIndex: 'completePercent',
                  width: 220,
                  render: (p: number) => <Progress percent={p} size="small" />,
                },
                {
                  title: t('quality.score'),
                  dataIndex: 'score',
                  align: 'right',
                  render: (s: number) => `${s}%`,
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}
