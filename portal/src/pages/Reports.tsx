// Reports of the actor's scope: the quantity/quality report (Excel and PDF) on a chosen date, and the
// analytics tables behind it as Excel files. Downloads are plain links: the browser keeps the session.
import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, List, Row, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { analytics } from '../api/analytics.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/vi.ts';

const TABLES: { key: MessageKey; table: string; extra?: Record<string, string | number> }[] = [
  { key: 'reports.quota', table: 'quota' },
  { key: 'reports.forecast', table: 'forecast', extra: { months: 12, list: 'true' } },
  { key: 'reports.quality', table: 'quality', extra: { list: 'true' } },
  { key: 'reports.byUnit', table: 'headcount', extra: { rows: 'unit', cols: 'category' } },
];

export default function Reports() {
  const { t } = useI18n();
  const scope = homeScope(useMe());
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  if (!scope) return <Empty description={t('overview.noScope')} />;
  const date = asOf.format('YYYY-MM-DD');
  const report = (format: 'xlsx' | 'pdf') =>
    analytics.fileUrl('report', { unitId: scope.unitId, asOf: date, format });
  return (
    <>
      <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('overview.scope')}: {scope.unitName}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('reports.standard')}>
            <Typography.Paragraph>{t('reports.standardHint')}</Typography.Paragraph>
            <Space wrap>
              <label htmlFor="report-asof">{t('analytics.asOf')}</label>
              <DatePicker
                id="report-asof"
                value={asOf}
                format="DD/MM/YYYY"
                allowClear={false}
                onChange={(d) => d && setAsOf(d)}
              />
            </Space>
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" icon={<FileExcelOutlined aria-hidden />} href={report('xlsx')} download>
                {t('reports.xlsx')}
              </Button>
              <Button icon={<FilePdfOutlined aria-hidden />} href={report('pdf')} download>
                {t('reports.pdf')}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('reports.tables')}>
            <List
              dataSource={TABLES}
              renderItem={(x) => (
                <List.Item>
                  <a
                    href={analytics.fileUrl(x.table, {
                      unitId: scope.unitId,
                      ...(x.table === 'headcount' ? { asOf: date } : {}),
                      ...x.extra,
                      format: 'xlsx',
                    })}
                    download
                  >
                    <FileExcelOutlined aria-hidden /> {t(x.key)}
                  </a>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
