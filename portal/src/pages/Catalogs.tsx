// The reference catalogs (provinces, ethnic groups, religions, ranks, salary scales, …): pick one,
// read its codes and names, filter them.
import { useMemo, useState } from 'react';
import { Input, Select, Space, Table, Typography } from 'antd';
import { catalogs, type CatalogItem } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';
import { fold } from '../components/fold.ts';

export default function Catalogs() {
  const { t } = useI18n();
  const list = useLoad(() => catalogs.list(), []);
  const [name, setName] = useState<string>();
  const chosen = name ?? list.data?.[0]?.name;
  const one = useLoad(() => (chosen ? catalogs.get(chosen) : Promise.resolve(undefined)), [chosen]);
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const f = fold(q.trim());
    const items = one.data?.items ?? [];
    return f ? items.filter((i) => fold(`${i.code} ${i.name}`).includes(f)) : items;
  }, [one.data, q]);
  const extra = Object.keys(rows[0] ?? {}).filter((k) => k !== 'code' && k !== 'name');
  return (
    <>
      <Typography.Title level={2}>{t('catalogs.title')}</Typography.Title>
      <ErrorAlert error={list.error ?? one.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="catalog-name">{t('catalogs.catalog')}</label>
        <Select
          id="catalog-name"
          style={{ width: 280 }}
          value={chosen}
          onChange={setName}
          options={(list.data ?? []).map((c) => ({ value: c.name, label: `${c.name} (${c.count})` }))}
        />
        <Input
          allowClear
          aria-label={t('catalogs.filter')}
          placeholder={t('catalogs.filter')}
          style={{ width: 280 }}
          onChange={(e) => setQ(e.target.value)}
        />
      </Space>
      <Table<CatalogItem>
        size="small"
        rowKey="code"
        loading={one.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('catalogs.code'), dataIndex: 'code', width: 140 },
          { title: t('catalogs.name'), dataIndex: 'name' },
          ...extra.map((k) => ({
            title: k,
            dataIndex: k,
            render: (v: unknown) => (v == null ? '' : String(v)),
          })),
        ]}
      />
    </>
  );
}
