// The overview of the actor's scope: headcount and its split by category, sex and salary group, and
// this year's staffing quota against the headcount. TODO(issue 5): charts of the analytics API (age
// pyramid, education, rank groups, ethnic minorities) go here as cards. Alerts: AlertsCard.
import { useEffect, useMemo } from 'react';
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import type { org } from '../api/endpoints.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { Chart, barOption, loadChartEngine, pieOption } from '../components/Chart.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AlertsCard } from '../components/AlertsCard.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtNumber } from '../components/format.ts';
import { label, useI18n } from '../i18n/index.tsx';
import { loadBreakdown, loadHeadcount } from './overview.data.ts';

function QuotaCard({ quotas, actual }: { quotas: Awaited<ReturnType<typeof org.quotas>>; actual: number }) {
  const { t, lang } = useI18n();
  const year = new Date().getFullYear();
  const q = quotas.find((x) => x.year === year);
  return (
    <Card title={t('overview.quota', { year })}>
      {q ? (
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t('overview.quotaCivil')} value={fmtNumber(q.civilServants, lang)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('overview.quotaPublic')} value={fmtNumber(q.publicEmployees, lang)} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('overview.headcount')}
              value={fmtNumber(actual, lang)}
              suffix={`/ ${fmtNumber(q.civilServants + q.publicEmployees + q.contractWorkers, lang)}`}
            />
          </Col>
        </Row>
      ) : (
        <Empty description={t('overview.noQuota')} />
      )}
    </Card>
  );
}

export default function Overview() {
  const { t, lang } = useI18n();
  const me = useMe();
  const scope = homeScope(me);
  // The headcount card first; the charts when their breakdowns (and ECharts, Chart.tsx) are here.
  const head = useLoad(
    () => (scope ? loadHeadcount(scope.unitId) : Promise.resolve(undefined)),
    [scope?.unitId],
  );
  const breakdown = useLoad(
    () => (scope ? loadBreakdown(scope.unitId) : Promise.resolve(undefined)),
    [scope?.unitId],
  );
  const data = head.data;
  // Once the headcount is on screen, ECharts downloads while the breakdowns are still being asked for.
  useEffect(() => {
    if (data) loadChartEngine().catch(() => undefined);
  }, [data]);
  const charts = useMemo(() => {
    if (!data || !breakdown.data) return undefined;
    const named = (prefix: string, groups: { key: string | null; count: number }[]) =>
      groups.map((g) => ({ name: prefix ? label(t, prefix, g.key) : (g.key ?? t('none')), value: g.count }));
    return {
      category: pieOption(named('category', data.category.groups)),
      sex: pieOption(named('sex', breakdown.data.sex.groups)),
      salaryGroup: barOption(named('', breakdown.data.salaryGroup.groups)),
    };
  }, [data, breakdown.data, t]);
  if (!scope) {
    return <Empty description={`${t('overview.noScope')} ${me.employeeId ? t('overview.selfHint') : ''}`} />;
  }
  return (
    <>
      <Typography.Title level={2}>{t('overview.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('overview.scope')}: {scope.unitName}
      </Typography.Paragraph>
      <ErrorAlert
        error={head.error ?? breakdown.error}
        onRetry={() => {
          head.reload();
          breakdown.reload();
        }}
      />
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('overview.headcount')}
                value={fmtNumber(data.category.total, lang)}
                data-testid="headcount"
              />
            </Card>
          </Col>
          <Col xs={24} md={16}>
            <QuotaCard quotas={data.quotas} actual={data.category.total} />
          </Col>
          <Col span={24}>
            <AlertsCard />
          </Col>
          {charts && (
            <>
              <Col xs={24} md={8}>
                <Card title={t('overview.byCategory')}>
                  <Chart option={charts.category} label={t('overview.byCategory')} />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card title={t('overview.bySex')}>
                  <Chart option={charts.sex} label={t('overview.bySex')} />
                </Card>
              </Col>
              <Col xs={24} md={8}>
                <Card title={t('overview.bySalaryGroup')}>
                  <Chart option={charts.salaryGroup} label={t('overview.bySalaryGroup')} />
                </Card>
              </Col>
            </>
          )}
        </Row>
      )}
    </>
  );
}
