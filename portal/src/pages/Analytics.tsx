// Workforce analytics of the actor's scope on a chosen date (issue 8 / analytics API): category, sex,
// age pyramid, professional level, political theory, ranks and professional titles, leadership posts,
// Party membership, ethnic minorities and ethnic groups (from the typed e-record, issue 15), each as a
// chart and its table with the table's Excel file, and the people behind a count (drill-down, an
// audited read on the server). Keys read by the names the server sends (catalog names), never codes.
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { analytics, type Dimension, type DrillFilter, type HeadcountTable } from '../api/analytics.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { Chart, barOption, pieOption, pyramidOption } from '../components/Chart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtNumber } from '../components/format.ts';
import { label, useI18n, type T } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/vi.ts';
import { PeopleDrawer } from './AnalyticsPeople.tsx';

interface DimSpec {
  dim: Dimension;
  title: MessageKey;
  chart: 'pie' | 'bar';
  /** The people list filters by this dimension (the API's drill-down filters). */
  drill?: keyof DrillFilter;
}
const DIMS: DimSpec[] = [
  { dim: 'category', title: 'analytics.category', chart: 'pie', drill: 'category' },
  { dim: 'sex', title: 'analytics.sex', chart: 'pie', drill: 'sex' },
  { dim: 'educationLevel', title: 'analytics.education', chart: 'bar', drill: 'educationLevel' },
  { dim: 'politicalTheory', title: 'analytics.politicalTheory', chart: 'bar', drill: 'politicalTheory' },
  { dim: 'rankCode', title: 'analytics.rank', chart: 'bar', drill: 'rankCode' },
  { dim: 'leadership', title: 'analytics.leadership', chart: 'bar', drill: 'leadership' },
  { dim: 'party', title: 'analytics.party', chart: 'pie', drill: 'party' },
  { dim: 'minority', title: 'analytics.minority', chart: 'pie' },
  { dim: 'ethnicCode', title: 'analytics.ethnicGroup', chart: 'bar' },
];

/** The name of a table key: the portal's own words for category and sex, else the server's label
 * (catalog names, in English when the portal is). */
function keyName(t: T, lang: string, table: HeadcountTable, dim: string, key: string | null): string {
  if (key === null) return t('analytics.unknown');
  if (dim === 'category' || dim === 'sex') return label(t, dim, key);
  const named = lang === 'en' ? (table.labelsEn[key] ?? table.labels[key]) : table.labels[key];
  return named ?? t('analytics.unknown');
}

interface Ctx {
  unitId: number;
  asOf: string;
  drill: (title: string, f: DrillFilter) => void;
}

function XlsxLink({ table, q }: { table: string; q: Record<string, string | number | undefined> }) {
  const { t } = useI18n();
  return (
    <a href={analytics.fileUrl(table, { ...q, format: 'xlsx' })} download aria-label={t('analytics.xlsx')}>
      <DownloadOutlined aria-hidden /> {t('analytics.xlsx')}
    </a>
  );
}

function DimCard({ spec, ctx }: { spec: DimSpec; ctx: Ctx }) {
  const { t, lang } = useI18n();
  const q = { unitId: ctx.unitId, asOf: ctx.asOf, rows: spec.dim };
  const { data, error, reload } = useLoad(() => analytics.headcount(q), [ctx.unitId, ctx.asOf]);
  const rows = useMemo(
    () =>
      (data?.cells ?? []).map((c) => ({
        key: c.row ?? '',
        raw: c.row,
        name: data ? keyName(t, lang, data, spec.dim, c.row) : '',
        count: c.count,
      })),
    [data, t, lang, spec.dim],
  );
  const title = t(spec.title);
  const points = rows.map((r) => ({ name: r.name, value: r.count ?? 0 }));
  return (
    <Card title={title} extra={<XlsxLink table="headcount" q={q} />} data-testid={`dim-${spec.dim}`}>
      <ErrorAlert error={error} onRetry={reload} />
      {data && !rows.length && <Empty description={t('analytics.empty')} />}
      {data && rows.length > 0 && (
        <>
          <Chart option={spec.chart === 'pie' ? pieOption(points) : barOption(points)} label={title} />
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            columns={[
              { title, dataIndex: 'name' },
              {
                title: t('analytics.count'),
                dataIndex: 'count',
                align: 'right',
                render: (n: number | null, r) =>
                  n === null ? (
                    t('analytics.suppressed')
                  ) : spec.drill && r.raw !== null ? (
                    <Button
                      type="link"
                      size="small"
                      aria-label={`${t('analytics.drill')}: ${r.name}`}
                      onClick={() => ctx.drill(`${title}: ${r.name}`, { [spec.drill!]: r.raw! })}
                    >
                      {fmtNumber(n, lang)}
                    </Button>
                  ) : (
                    fmtNumber(n, lang)
                  ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Age bands by sex: men to the left, women to the right; each count opens its people. */
function PyramidCard({ ctx }: { ctx: Ctx }) {
  const { t, lang } = useI18n();
  const q = { unitId: ctx.unitId, asOf: ctx.asOf, rows: 'ageBand' as const, cols: 'sex' as const };
  const { data, error, reload } = useLoad(() => analytics.headcount(q), [ctx.unitId, ctx.asOf]);
  const bands = useMemo(() => {
    const by = new Map<string, { key: string; name: string; M: number | null; F: number | null }>();
    for (const c of data?.cells ?? []) {
      const k = c.row ?? '';
      const b = by.get(k) ?? { key: k, name: data?.labels[k] ?? t('analytics.unknown'), M: 0, F: 0 };
      if (c.col === 'M' || c.col === 'F') b[c.col] = c.count;
      by.set(k, b);
    }
    return [...by.values()].sort((a, b) => a.key.localeCompare(b.key));
  }, [data, t]);
  const title = t('analytics.pyramid');
  const cell = (sex: 'M' | 'F') => (n: number | null, b: (typeof bands)[number]) =>
    n === null ? (
      t('analytics.suppressed')
    ) : (
      <Button
        type="link"
        size="small"
        aria-label={`${t('analytics.drill')}: ${b.name}, ${label(t, 'sex', sex)}`}
        onClick={() => ctx.drill(`${b.name}, ${label(t, 'sex', sex)}`, { ageBand: b.key, sex })}
      >
        {fmtNumber(n, lang)}
      </Button>
    );
  return (
    <Card title={title} extra={<XlsxLink table="headcount" q={q} />} data-testid="dim-ageBand">
      <ErrorAlert error={error} onRetry={reload} />
      {data && !bands.length && <Empty description={t('analytics.empty')} />}
      {bands.length > 0 && (
        <>
          <Chart
            option={pyramidOption(
              bands.map((b) => b.name),
              { name: label(t, 'sex', 'M'), values: bands.map((b) => b.M ?? 0) },
              { name: label(t, 'sex', 'F'), values: bands.map((b) => b.F ?? 0) },
            )}
            label={title}
          />
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={bands}
            columns={[
              { title: t('analytics.ageBand'), dataIndex: 'name' },
              { title: label(t, 'sex', 'M'), dataIndex: 'M', align: 'right', render: cell('M') },
              { title: label(t, 'sex', 'F'), dataIndex: 'F', align: 'right', render: cell('F') },
            ]}
          />
        </>
      )}
    </Card>
  );
}

export default function Analytics() {
  const { t } = useI18n();
  const me = useMe();
  const scope = homeScope(me);
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [drill, setDrill] = useState<{ title: string; filter: DrillFilter }>();
  if (!scope) return <Empty description={t('overview.noScope')} />;
  const ctx: Ctx = {
    unitId: scope.unitId,
    asOf: asOf.format('YYYY-MM-DD'),
    drill: (title, filter) => setDrill({ title, filter }),
  };
  return (
    <>
      <Typography.Title level={2}>{t('analytics.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          {t('overview.scope')}: {scope.unitName}
        </Typography.Text>
        <label htmlFor="analytics-asof">{t('analytics.asOf')}</label>
        <DatePicker
          id="analytics-asof"
          value={asOf}
          format="DD/MM/YYYY"
          allowClear={false}
          onChange={(d) => d && setAsOf(d)}
        />
      </Space>
      <Row gutter={[16, 16]}>
        {DIMS.slice(0, 2).map((s) => (
          <Col key={s.dim} xs={24} lg={12}>
            <DimCard spec={s} ctx={ctx} />
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <PyramidCard ctx={ctx} />
        </Col>
        {DIMS.slice(2).map((s) => (
          <Col key={s.dim} xs={24} lg={12}>
            <DimCard spec={s} ctx={ctx} />
          </Col>
        ))}
      </Row>
      {drill && (
        <PeopleDrawer
          title={drill.title}
          query={{ unitId: ctx.unitId, asOf: ctx.asOf, ...drill.filter }}
          onClose={() => setDrill(undefined)}
        />
      )}
    </>
  );
}
