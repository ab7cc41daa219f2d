// The audit log for auditors: the hash chain's verification and the events, newest first.
import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import type { AuditEvent, AuditVerifyResult } from '../../../api/audit.ts';
import { admin } from '../api/endpoints.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDateTime } from '../components/format.ts';
import { label, useI18n } from '../i18n/index.tsx';

export default function Audit() {
  const { t, lang } = useI18n();
  const [verify, setVerify] = useState<AuditVerifyResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setVerify(await admin.auditVerify());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button onClick={() => void run()} loading={busy}>
          {t('audit.verify')}
        </Button>
        <ErrorAlert error={error} />
        {verify && (
          <Alert
            type={verify.ok ? 'success' : 'error'}
            showIcon
            title={
              verify.ok || !verify.firstBad
                ? t('audit.verifyOk', { checked: verify.checked })
                : t('audit.verifyBad', { id: verify.firstBad.id, reason: verify.firstBad.reason })
            }
          />
        )}
        <CursorTable<AuditEvent>
          load={admin.auditEvents}
          columns={[
            { title: '#', dataIndex: 'id', width: 80 },
            { title: t('audit.at'), dataIndex: 'at', render: (v: string) => fmtDateTime(v, lang) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              render: (v: string | null, r) => v ?? r.actor,
            },
            { title: t('audit.role'), dataIndex: 'role', render: (v: string | null) => label(t, 'role', v) },
            { title: t('audit.action'), dataIndex: 'action' },
            {
              title: t('audit.entity'),
              dataIndex: 'entity',
              render: (v: string, r) => `${v} ${r.entityId ?? ''}`,
            },
          ]}
        />
      </Space>
    </>
  );
}
