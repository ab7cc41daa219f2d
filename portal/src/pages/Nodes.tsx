// Federation status (issue 9): on the national node every ministry/province node with its last
// exchange and whether it is late (3 working days); on a local node its own sync lag. The national
// node also registers a new ministry/province node (its code, subtree and public key).
import { useState } from 'react';
import { App, Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { nodes, type NodeStatus } from '../api/exchange.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { RegisterNodeForm } from '../components/RegisterNodeForm.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtDateTime } from '../components/format.ts';
import { useI18n } from '../i18n/index.tsx';

type NationalRow = Extract<NodeStatus, { role: 'national' }>['nodes'][number];

export default function Nodes() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => nodes.status(), []);
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <Typography.Title level={2}>{t('nodes.title')}</Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      {data?.role === 'national' && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setRegistering(true)}
          style={{ marginBottom: 16 }}
        >
          {t('nodes.register')}
        </Button>
      )}
      {registering && (
        <RegisterNodeForm
          onClose={() => setRegistering(false)}
          onDone={(code) => {
            setRegistering(false);
            message.success(t('nodes.registered', { code }));
            reload();
          }}
        />
      )}
      {data?.role === 'local' && (
        <Card>
          <Descriptions
            column={1}
            items={[
              { key: 'code', label: t('nodes.code'), children: data.code },
              { key: 'scope', label: t('nodes.scope'), children: data.scope },
              { key: 'ok', label: t('nodes.lastSuccess'), children: fmtDateTime(data.lastSuccessAt, lang) },
              { key: 'lag', label: t('nodes.lag'), children: Math.round(data.lagSeconds / 60) },
              { key: 'pending', label: t('nodes.pending'), children: data.pendingRecords },
              { key: 'err', label: t('nodes.lastError'), children: data.lastError ?? t('none') },
            ]}
          />
        </Card>
      )}
      {(!data || data.role === 'national') && (
        <Table<NationalRow>
          rowKey="code"
          size="small"
          loading={loading}
          dataSource={data?.role === 'national' ? data.nodes : []}
          columns={[
            { title: t('nodes.code'), dataIndex: 'code' },
            { title: t('nodes.scope'), dataIndex: 'scopeCode' },
            {
              title: t('nodes.lastExchange'),
              dataIndex: 'lastExchangeAt',
              render: (v: string | null) => fmtDateTime(v, lang),
            },
            { title: t('nodes.workingDays'), dataIndex: 'workingDaysSinceExchange', align: 'right' },
            { title: t('nodes.undelivered'), dataIndex: 'undeliveredRecords', align: 'right' },
            {
              title: t('accounts.status'),
              dataIndex: 'late',
              render: (late: boolean) => (
                <Tag color={late ? 'red' : 'green'}>{t(late ? 'nodes.late' : 'nodes.onTime')}</Tag>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
