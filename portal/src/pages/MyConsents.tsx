// The person's answers to requests to view their record (Decree 27 Art. 20): accept or refuse a
// pending request, revoke a granted one at any time.
import { useState } from 'react';
import { App, Button, Space, Table, Typography } from 'antd';
import { mine, type Consent } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { consentColumns } from '../components/consentColumns.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

export default function MyConsents() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => mine.consents(), []);
  const [actionError, setActionError] = useState<unknown>();
  const answer = async (id: string, verb: 'accept' | 'refuse' | 'revoke') => {
    setActionError(undefined);
    try {
      await mine.answer(id, verb);
      message.success(t('consent.answered'));
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{t('consent.mineTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('consent.mineHint')}</Typography.Paragraph>
      <ErrorAlert error={error ?? actionError} onRetry={reload} />
      <Table<Consent>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data}
        locale={{ emptyText: t('consent.empty') }}
        columns={[
          { title: t('consent.requester'), dataIndex: 'requesterName' },
          ...consentColumns(t, lang),
          {
            key: 'act',
            render: (_, c) => (
              <Space>
                {c.status === 'pending' && (
                  <>
                    <Button type="primary" size="small" onClick={() => void answer(c.id, 'accept')}>
                      {t('consent.accept')}
                    </Button>
                    <Button danger size="small" onClick={() => void answer(c.id, 'refuse')}>
                      {t('consent.refuse')}
                    </Button>
                  </>
                )}
                {c.status === 'granted' && (
                  <Button danger size="small" onClick={() => void answer(c.id, 'revoke')}>
                    {t('consent.revoke')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
