// Search as you type: the name with or without diacritics (the server folds both sides), or the ID
// number; filters by category, status, sex and unit. Keyset pages are appended to a virtualised table,
// so a list of tens of thousands scrolls without rendering them all. Filters live in the URL.
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { employees, type EmployeeSummary, type SearchFilters } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate } from '../components/format.ts';
import { label, useI18n, type T } from '../i18n/index.tsx';

const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'worker'];
const STATUSES = ['active', 'on_leave', 'retired', 'resigned', 'terminated', 'deceased'];
const DEBOUNCE_MS = 250;

function columns(t: T): TableColumnsType<EmployeeSummary> {
  return [
    {
      title: t('col.fullName'),
      dataIndex: 'fullName',
      width: 220,
      render: (name: string, r) => <Link to={`/records/${r.id}`}>{name}</Link>,
    },
    { title: t('col.personId'), dataIndex: 'personId', width: 140 },
    { title: t('col.birthDate'), dataIndex: 'birthDate', width: 110, render: fmtDate },
    { title: t('col.sex'), dataIndex: 'sex', width: 80, render: (v: string) => label(t, 'sex', v) },
    {
      title: t('col.category'),
      dataIndex: 'category',
      width: 120,
      render: (v: string) => label(t, 'category', v),
    },
    { title: t('col.unit'), dataIndex: 'workingUnitName', width: 240 },
    { title: t('col.rank'), dataIndex: 'rankCode', width: 90 },
    { title: t('col.step'), dataIndex: 'salaryStep', width: 60 },
    { title: t('col.status'), dataIndex: 'status', width: 120, render: (v: string) => label(t, 'status', v) },
  ];
}

function filtersOf(p: URLSearchParams): SearchFilters {
  const unit = Number(p.get('unitId'));
  return {
    q: p.get('q') ?? undefined,
    category: p.get('category') ?? undefined,
    status: p.get('status') ?? undefined,
    sex: p.get('sex') ?? undefined,
    unitId: Number.isInteger(unit) && unit > 0 ? unit : undefined,
  };
}

function useSearch(filters: SearchFilters) {
  const [rows, setRows] = useState<EmployeeSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const abort = useRef<AbortController>(undefined);
  const key = JSON.stringify(filters);
  const load = async (after?: string) => {
    abort.current?.abort();
    const ctl = (abort.current = new AbortController());
    setLoading(true);
    setError(undefined);
    try {
      const page = await employees.search(filters, after, ctl.signal);
      setRows((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
    } finally {
      if (abort.current === ctl) setLoading(false);
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => void load(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return { rows, cursor, error, loading, more: () => cursor && load(cursor) };
}

export default function Records() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const filters = filtersOf(params);
  const { rows, cursor, error, loading, more } = useSearch(filters);
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  const options = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: label(t, prefix, v) }));
  return (
    <>
      <Typography.Title level={2}>{t('records.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('records.searchPlaceholder')}
          placeholder={t('records.searchPlaceholder')}
          value={text}
          allowClear
          autoFocus
          style={{ width: 380 }}
          data-testid="search"
          onChange={(e) => {
            setText(e.target.value);
            set('q', e.target.value.trim() || undefined);
          }}
        />
        <Select
          allowClear
          placeholder={t('records.category')}
          aria-label={t('records.category')}
          style={{ width: 160 }}
          value={filters.category}
          options={options('category', CATEGORIES)}
          onChange={(v?: string) => set('category', v)}
        />
        <Select
          allowClear
          placeholder={t('records.status')}
          aria-label={t('records.status')}
          style={{ width: 160 }}
          value={filters.status}
          options={options('status', STATUSES)}
          onChange={(v?: string) => set('status', v)}
        />
        <Select
          allowClear
          placeholder={t('records.sex')}
          aria-label={t('records.sex')}
          style={{ width: 120 }}
          value={filters.sex}
          options={options('sex', ['M', 'F'])}
          onChange={(v?: string) => set('sex', v)}
        />
      </Space>
      <ErrorAlert error={error} />
      <Table<EmployeeSummary>
        virtual
        rowKey="id"
        size="small"
        columns={columns(t)}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1180, y: 560 }}
        locale={{ emptyText: t('records.empty') }}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (!loading && cursor && el.scrollTop + el.clientHeight >= el.scrollHeight - 200) void more();
        }}
      />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('records.results', { count: rows.length })}</Typography.Text>
        {cursor && (
          <Button onClick={() => void more()} loading={loading}>
            {t('loadMore')}
          </Button>
        )}
      </Space>
    </>
  );
}
