// Backups (national administrators): the list with each one's state and restore test, and a run now.
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { admin, type BackupItem } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDateTime, fmtNumber } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

export default function Backups() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload, loading } = useLoad(() => admin.backups(), []);
  const [runError, setRunError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setRunError(undefined);
    try {
      await admin.runBackup();
      message.success(t('backups.done'));
      reload();
    } catch (e) {
      setRunError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{t('backups.title')}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={() => void run()} loading={busy}>
          {t('backups.run')}
        </Button>
        <ErrorAlert error={error ?? runError} />
        {data?.alerts.map((a) => (
          <Alert key={a.code} type="warning" showIcon title={a.message} />
        ))}
        <Table<BackupItem>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={data?.items}
          columns={[
            {
              title: t('backups.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => fmtDateTime(v, lang),
            },
            {
              title: t('backups.status'),
              dataIndex: 'status',
              render: (s: string, b) => (
                <Tag color={s === 'good' ? 'green' : 'red'} title={b.reason ?? undefined}>
                  {t(s === 'good' ? 'backups.good' : 'backups.invalid')}
                </Tag>
              ),
            },
            {
              title: t('backups.verified'),
              dataIndex: 'verified',
              render: (v: boolean | null) => (v === null ? t('none') : t(v ? 'yes' : 'no')),
            },
            {
              title: t('backups.size'),
              dataIndex: 'sizeBytes',
              render: (v: number | null) =>
                v === null ? t('none') : `${fmtNumber(Math.round(v / 1024), lang)} KB`,
            },
            {
              title: t('backups.rows'),
              dataIndex: 'totalRows',
              render: (v: number | null) => (v === null ? t('none') : fmtNumber(v, lang)),
            },
          ]}
        />
      </Space>
    </>
  );
}
