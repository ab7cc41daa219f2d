// The person's own e-record (self-service), with a signed extract to download.
// Declaring a change and answering consent asks are their own pages (MyRequests.tsx, MyConsents.tsx).
import { Empty } from 'antd';
import { useMe } from '../auth/session.tsx';
import { RecordView } from '../components/RecordView.tsx';
import { ExtractButton } from '../components/ExtractButton.tsx';
import { useI18n } from '../i18n/index.tsx';

export default function MyRecord() {
  const me = useMe();
  const { t } = useI18n();
  if (!me.employeeId) return <Empty description={t('self.noRecord')} />;
  return (
    <>
      <ExtractButton employeeId={me.employeeId} />
      <RecordView id={me.employeeId} canAct={false} />
    </>
  );
}
