// The person's own e-record (self-service). TODO(issue 4): declare or request a change, consent asks;
// TODO(issue 6): download a signed extract — as buttons here when those APIs land.
import { Empty } from 'antd';
import { useMe } from '../auth/session.tsx';
import { RecordView } from '../components/RecordView.tsx';
import { useI18n } from '../i18n/index.tsx';

export default function MyRecord() {
  const me = useMe();
  const { t } = useI18n();
  if (!me.employeeId) return <Empty description={t('self.noRecord')} />;
  return <RecordView id={me.employeeId} canAct={false} />;
}
