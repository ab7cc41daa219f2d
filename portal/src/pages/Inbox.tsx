// Requests and approvals: drafted HR actions and self-declarations that the account submitted or may
// decide. The checker approves (the action reaches the ledger in the same transaction) or rejects with
// a reason; nobody sees Approve on their own request (the server refuses self-approval anyway).
// Monthly approval and consent asks have their own pages (MonthlyApproval.tsx, Consents.tsx).
import { useState } from 'react';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ChangeRequest } from '../../../api/workflows.ts';
import { requests } from '../api/endpoints.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate, fmtDateTime } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { label, useI18n } from '../i18n/index.tsx';
import { DeclarationDiff } from '../components/DeclarationDiff.tsx';

type Status = ChangeRequest['status'];
const COLORS: Record<Status, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

function actionSummary(r: ChangeRequest): { type: string; effectiveDate?: string; decisionNo?: string } {
  const a = r.action as { type?: string; effectiveDate?: string; decision?: { number?: string } };
  return { type: a.type ?? r.kind, effectiveDate: a.effectiveDate, decisionNo: a.decision?.number };
}

const isDeclaration = (r: ChangeRequest): boolean => (r.action as { type?: string }).type === 'declare';

export default function Inbox() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [status, setStatus] = useState<Status>('pending');
  const { data, error, loading, reload } = useLoad(() => requests.list(status), [status]);
  const [actionError, setActionError] = useState<unknown>();
  const [rejecting, setRejecting] = useState<ChangeRequest>();
  const [reason, setReason] = useState('');

  const decide = async (fn: () => Promise<unknown>, done: string) => {
    setActionError(undefined);
    try {
      await fn();
      message.success(done);
      setRejecting(undefined);
      setReason('');
      reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <Typography.Title level={2}>{t('inbox.title')}</Typography.Title>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={(['pending', 'approved', 'rejected', 'withdrawn'] as const).map((s) => ({
          value: s,
          label: t(`request.${s}`),
        }))}
      />
      <ErrorAlert error={error ?? actionError} />
      <Table<ChangeRequest>
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data}
        locale={{ emptyText: t('inbox.empty') }}
        expandable={{
          rowExpandable: (r) => isDeclaration(r),
          expandedRowRender: (r) => (
            <DeclarationDiff
              employeeId={r.employeeId}
              payload={(r.action as { payload: Parameters<typeof DeclarationDiff>[0]['payload'] }).payload}
            />
          ),
        }}
        columns={[
          {
            title: t('inbox.submittedAt'),
            dataIndex: 'submittedAt',
            render: (v: string) => fmtDateTime(v, lang),
          },
          {
            title: t('col.fullName'),
            dataIndex: 'fullName',
            render: (v: string, r) => <Link to={`/records/${r.employeeId}`}>{v}</Link>,
          },
          { title: t('inbox.kind'), dataIndex: 'kind', render: (v: string) => label(t, 'requestKind', v) },
          {
            title: t('ledger.type'),
            key: 'type',
            render: (_, r) => label(t, 'actionType', actionSummary(r).type),
          },
          {
            title: t('ledger.effective'),
            key: 'eff',
            render: (_, r) => fmtDate(actionSummary(r).effectiveDate),
          },
          {
            title: t('ledger.decision'),
            key: 'dec',
            render: (_, r) => actionSummary(r).decisionNo ?? t('none'),
          },
          { title: t('inbox.submittedBy'), dataIndex: 'submittedByName' },
          {
            title: t('col.status'),
            dataIndex: 'status',
            render: (s: Status, r) => (
              <Tag color={COLORS[s]} title={r.reason ?? undefined}>
                {t(`request.${s}`)}
              </Tag>
            ),
          },
          {
            key: 'act',
            render: (_, r) =>
              r.status === 'pending' && r.submittedBy !== me.id ? (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => void decide(() => requests.approve(r.id), t('inbox.approved'))}
                  >
                    {t('inbox.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setRejecting(r)}>
                    {t('inbox.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={t('inbox.rejectTitle')}
        okText={t('inbox.reject')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 3 }}
        onCancel={() => setRejecting(undefined)}
        onOk={() =>
          rejecting && void decide(() => requests.reject(rejecting.id, reason.trim()), t('inbox.rejected'))
        }
      >
        <Input.TextArea
          aria-label={t('inbox.reason')}
          placeholder={t('inbox.reason')}
          value={reason}
          maxLength={2000}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
