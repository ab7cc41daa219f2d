// The people behind one count of an analytics table (the server audits the read), with links to
// their records and the same list as an Excel file.
import { Drawer, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { analytics, type DrillFilter, type PeoplePage } from '../api/analytics.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtDate } from '../components/format.ts';
import { label, useI18n } from '../i18n/index.tsx';

type Person = PeoplePage['items'][number];

export function PeopleDrawer({
  title,
  query,
  onClose,
}: {
  title: string;
  query: { unitId: number; asOf: string } & DrillFilter;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(() => analytics.people(query), [JSON.stringify(query)]);
  return (
    <Drawer
      open
      size="large"
      title={`${t('analytics.people')} — ${title}`}
      onClose={onClose}
      extra={
        <a href={analytics.fileUrl('people', { ...query, limit: 500, format: 'xlsx' })} download>
          <DownloadOutlined aria-hidden /> {t('analytics.xlsx')}
        </a>
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Person>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('analytics.fullName'),
            dataIndex: 'fullName',
            render: (name: string, p) => <Link to={`/records/${p.id}`}>{name}</Link>,
          },
          { title: t('analytics.birthDate'), dataIndex: 'birthDate', render: (d: string) => fmtDate(d) },
          { title: t('analytics.sex'), dataIndex: 'sex', render: (s: string) => label(t, 'sex', s) },
          {
            title: t('analytics.category'),
            dataIndex: 'category',
            render: (c: string) => label(t, 'category', c),
          },
          { title: t('analytics.unit'), dataIndex: 'workingUnitName' },
          {
            title: t('analytics.position'),
            dataIndex: 'positionTitle',
            render: (v: string | null) => v ?? t('none'),
          },
        ]}
      />
    </Drawer>
  );
}
