// Alerts of the overview: legal deadlines due and overdue in the scope (Decree 27: 3 days / 3 working
// days) and requests waiting for a decision. Each part shows only if the account may read it.
// TODO(issue 5): retirements and salary steps due, from the analytics API.
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from './useLoad.ts';
import { loadAlerts } from '../pages/overview.data.ts';

export function AlertsCard() {
  const { t } = useI18n();
  const { data } = useLoad(loadAlerts, []);
  if (!data || Object.values(data).every((v) => v === undefined)) return null;
  const stat = (key: 'due' | 'overdue' | 'late' | 'pending', color?: string) =>
    data[key] === undefined ? null : (
      <Col xs={12} md={6}>
        <Statistic
          title={t(`alerts.${key}`)}
          value={data[key]}
          styles={{ content: { color: data[key] ? color : undefined } }}
        />
      </Col>
    );
  return (
    <Card title={t('alerts.title')} extra={<Link to="/requests">{t('menu.inbox')}</Link>}>
      <Row gutter={16}>
        {stat('due')}
        {stat('overdue', '#cf1322')}
        {stat('late', '#d48806')}
        {stat('pending', '#1677ff')}
      </Row>
    </Card>
  );
}
