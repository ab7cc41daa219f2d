// Other information systems allowed to read through the sharing API (issue 9), for national
// administrators: their scopes, purposes and limits; suspend (tokens stop at once) or resume; a new
// secret shown once; registering a new client and changing one's details in a drawer.
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { apiClients, type ApiClient, type ApiClientWithSecret } from '../api/exchange.ts';
import { ApiClientForm } from '../components/ApiClientForm.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

function SuspendModal({ client, onClose }: { client: ApiClient; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <Modal
      open
      title={`${t('clients.suspend')}: ${client.name}`}
      okText={t('clients.suspend')}
      onCancel={() => onClose(false)}
      onOk={async () => {
        try {
          await apiClients.suspend(client.id, reason.trim());
          onClose(true);
        } catch (e) {
          setError(e);
        }
      }}
    >
      <label htmlFor="suspend-reason">{t('clients.reason')}</label>
      <Input.TextArea
        id="suspend-reason"
        rows={2}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** The new client's identifier and secret: the secret is kept only as a hash, so this is the one time. */
function SecretOnce({ created, onClose }: { created: ApiClientWithSecret; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={`${t('clients.created')}: ${created.client.name}`}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('clients.secretSaved')}
        </Button>
      }
      maskClosable={false}
    >
      <Typography.Text strong>{t('clients.clientId')}</Typography.Text>
      <Typography.Paragraph copyable code data-testid="client-id">
        {created.client.id}
      </Typography.Paragraph>
      {created.clientSecret ? (
        <>
          <Alert type="warning" showIcon title={t('clients.secretOnce')} style={{ marginBottom: 12 }} />
          <Typography.Text strong>{t('clients.secret')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: created.clientSecret }} code data-testid="client-secret">
            {created.clientSecret}
          </Typography.Paragraph>
        </>
      ) : (
        <Alert type="info" showIcon title={t('clients.keyClient')} />
      )}
    </Modal>
  );
}

export default function ApiClients() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => apiClients.list(), []);
  const [suspending, setSuspending] = useState<ApiClient>();
  const [editing, setEditing] = useState<ApiClient | 'new'>();
  const [created, setCreated] = useState<ApiClientWithSecret>();
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      reload();
    } catch (e) {
      modal.error({ title: t('error.title'), content: <ErrorAlert error={e} /> });
    }
  };
  return (
    <>
      <Typography.Title level={2}>{t('clients.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('clients.hint')}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        style={{ marginBottom: 16 }}
      >
        {t('clients.new')}
      </Button>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ApiClient>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        columns={[
          { title: t('clients.name'), dataIndex: 'name' },
          { title: t('clients.owner'), dataIndex: 'ownerBody' },
          {
            title: t('clients.scopes'),
            dataIndex: 'scopes',
            render: (s: string[]) => (
              <Space wrap>
                {s.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('clients.fields'),
            dataIndex: 'fields',
            align: 'right',
            render: (f: string[]) => <span title={f.join(', ')}>{f.length}</span>,
          },
          { title: t('clients.rate'), dataIndex: 'ratePerMinute', align: 'right' },
          {
            title: t('accounts.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'active' ? 'green' : 'red'}>
                {t(s === 'active' ? 'clients.active' : 'clients.suspended')}
              </Tag>
            ),
          },
          {
            title: t('accounts.actions'),
            render: (_, c) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(c)}>
                  {t('clients.edit')}
                </Button>
                {c.status === 'active' ? (
                  <Button size="small" onClick={() => setSuspending(c)}>
                    {t('clients.suspend')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => void act(() => apiClients.resume(c.id))}>
                    {t('clients.resume')}
                  </Button>
                )}
                {c.authMethod === 'client_secret' && (
                  <Button
                    size="small"
                    onClick={() =>
                      void act(async () => {
                        const r = await apiClients.rotate(c.id);
                        modal.info({
                          title: t('clients.newSecret'),
                          content: <Typography.Paragraph copyable>{r.clientSecret}</Typography.Paragraph>,
                        });
                      })
                    }
                  >
                    {t('clients.rotate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ApiClientForm
          client={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onCreated={(r) => {
            setEditing(undefined);
            setCreated(r);
            reload();
          }}
          onSaved={() => {
            setEditing(undefined);
            message.success(t('clients.saved'));
            reload();
          }}
        />
      )}
      {created && <SecretOnce created={created} onClose={() => setCreated(undefined)} />}
      {suspending && (
        <SuspendModal
          client={suspending}
          onClose={(c) => {
            setSuspending(undefined);
            if (c) reload();
          }}
        />
      )}
    </>
  );
}
