// One e-record by id (from the search list or a link). Out of scope answers 404 and shows the
// not-found message: the portal never says whether a record exists outside the account's scope.
import { useParams } from 'react-router';
import { can } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { RecordView } from '../components/RecordView.tsx';

export default function RecordPage() {
  const { id = '' } = useParams();
  const me = useMe();
  return <RecordView key={id} id={id} canAct={can(me, 'draft') || can(me, 'recordDirect')} />;
}
