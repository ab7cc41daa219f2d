// The page for an unknown path inside the signed-in frame. Its own chunk: antd's Result carries its
// status illustrations, which no first load of a real page needs.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.tsx';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.pageNotFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
