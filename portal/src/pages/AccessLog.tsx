// "Who read my record": every read and write of the person's record, with who, from which unit,
// under which role, when (Law 91/2025/QH15: the data subject's right to know).
import { Typography } from 'antd';
import type { AccessLogEntry } from '../../../api/audit.ts';
import { self } from '../api/endpoints.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { fmtDateTime } from '../components/format.ts';
import { label, useI18n } from '../i18n/index.tsx';

export default function AccessLog() {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Title level={2}>{t('accessLog.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('accessLog.hint')}</Typography.Paragraph>
      <CursorTable<AccessLogEntry>
        load={self.accessLog}
        columns={[
          { title: t('accessLog.at'), dataIndex: 'at', render: (v: string) => fmtDateTime(v, lang) },
          {
            title: t('accessLog.who'),
            dataIndex: 'actorName',
            render: (v: string | null, r) => v ?? r.actorId,
          },
          { title: t('accessLog.unit'), dataIndex: 'actorUnit' },
          {
            title: t('accessLog.role'),
            dataIndex: 'role',
            render: (v: string | null) => label(t, 'role', v),
          },
          { title: t('accessLog.action'), dataIndex: 'action' },
        ]}
      />
    </>
  );
}
