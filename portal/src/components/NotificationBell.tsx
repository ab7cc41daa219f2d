// The in-app inbox in the header: a badge with the unread count, the latest notifications in a
// popover; opening one marks it read and goes to the portal page its link is about. The server writes
// links in its own terms (/requests/:id, /employees/:id, /me/consents/:id…); portalPath maps them.
import { useEffect, useState } from 'react';
import { Badge, Button, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { notifications, type Me, type Notifications } from '../api/endpoints.ts';
import { useMe } from '../auth/session.tsx';
import { can } from '../auth/roles.ts';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime } from './format.ts';

type Item = Notifications['items'][number];
const POLL_MS = 60_000;

export function portalPath(link: string | null, me: Me): string | undefined {
  if (!link?.startsWith('/')) return undefined;
  const [path = '', query] = link.split('?');
  const q = query ? `?${query}` : '';
  if (path.startsWith('/requests')) return can(me, 'inbox') ? '/requests' : '/me/requests';
  if (path.startsWith('/employees/')) return path.replace('/employees/', '/records/');
  if (path.startsWith('/me/consents')) return '/me/consents';
  if (path.startsWith('/consents')) return '/consents';
  if (path.startsWith('/deadlines')) return `/deadlines${q}`;
  return link;
}

export function NotificationBell() {
  const { t, lang } = useI18n();
  const me = useMe();
  const nav = useNavigate();
  const [data, setData] = useState<Notifications>();
  const [open, setOpen] = useState(false);
  const refresh = () => void notifications.inbox().then(setData, () => undefined);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const openItem = async (n: Item) => {
    setOpen(false);
    if (!n.readAt) await notifications.read(n.id).catch(() => undefined);
    refresh();
    const to = portalPath(n.link, me);
    if (to) void nav(to);
  };
  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }}>
      {!data?.items.length && <Typography.Text type="secondary">{t('notif.empty')}</Typography.Text>}
      {/* Plain rows, not antd's List: List brings Pagination (and Select) into the overview's load. */}
      {data?.items.map((n) => (
        <div
          key={n.id}
          role="button"
          tabIndex={0}
          style={{
            cursor: 'pointer',
            padding: '8px 4px',
            borderBottom: '1px solid #f0f0f0',
            background: n.readAt ? undefined : '#e6f4ff',
          }}
          onClick={() => void openItem(n)}
          onKeyDown={(e) => e.key === 'Enter' && void openItem(n)}
        >
          <Typography.Text strong>{n.title}</Typography.Text>
          <div>{n.body}</div>
          <Typography.Text type="secondary">{fmtDateTime(n.createdAt, lang)}</Typography.Text>
        </div>
      ))}
      {!!data?.unread && (
        <Button type="link" onClick={() => void notifications.readAll().then(refresh)}>
          {t('notif.readAll')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('notif.title')}
      content={content}
      open={open}
      onOpenChange={(o) => (setOpen(o), o && refresh())}
    >
      <Badge count={data?.unread ?? 0} size="small">
        <Button icon={<BellOutlined />} aria-label={t('notif.title')} data-testid="notifications" />
      </Badge>
    </Popover>
  );
}
