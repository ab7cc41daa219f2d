// A table over a keyset-paged list (items + nextCursor), newest first, with "load more".
import { useEffect, useState } from 'react';
import { Button, Table, type TableColumnsType } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Page<R> {
  items: R[];
  nextCursor: string | null;
}

export function CursorTable<R extends { id: number | string }>({
  load,
  columns,
}: {
  load: (cursor?: string) => Promise<Page<R>>;
  columns: TableColumnsType<R>;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<R[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const fetchPage = async (after?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await load(after);
      setRows((old) => (after ? [...old, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void fetchPage(), []); // the first page, once
  return (
    <>
      <ErrorAlert error={error} />
      <Table<R>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={rows}
        columns={columns}
      />
      {cursor && (
        <Button style={{ marginTop: 8 }} onClick={() => void fetchPage(cursor)} loading={loading}>
          {t('loadMore')}
        </Button>
      )}
    </>
  );
}
