// The signed-in frame: side menu by role (grouped main / personal / administration), the account,
// the language switch and sign-out; the page itself renders in the content area.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, Layout, Menu, Space, Spin, Typography, type MenuProps } from 'antd';
import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { useMe, useSession } from '../auth/session.tsx';
import { can } from '../auth/roles.ts';
import { GROUP_LABELS, PAGES, type MenuGroup } from './pages.tsx';

const { Sider, Header, Content } = Layout;
// Its own chunk: the sign-in page does not pay for the popover and list it needs.
const NotificationBell = lazy(() =>
  import('../components/NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })),
);

function useMenuItems(): MenuProps['items'] {
  const { t } = useI18n();
  const me = useMe();
  return useMemo(() => {
    const visible = PAGES.filter((p) => p.menu && (!p.cap || can(me, p.cap)));
    const groups: MenuGroup[] = ['main', 'self', 'admin'];
    return groups.flatMap((g): NonNullable<MenuProps['items']> => {
      const items = visible
        .filter((p) => p.menu!.group === g)
        .map((p) => ({ key: p.path, icon: p.menu!.icon, label: t(p.menu!.label) }));
      const label = GROUP_LABELS[g];
      if (!items.length) return [];
      return label ? [{ type: 'group' as const, key: g, label: t(label), children: items }] : items;
    });
  }, [me, t]);
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { signOut } = useSession();
  const me = useMe();
  const nav = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMenuItems();
  const selected = PAGES.filter(
    (p) => p.menu && (p.path === '/' ? pathname === '/' : pathname.startsWith(p.path)),
  )
    .map((p) => p.path)
    .slice(-1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={240} breakpoint="lg">
        <div
          style={{ color: '#fff', padding: 16, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}
        >
          {collapsed ? 'HS' : t('appTitle')}
        </div>
        <nav aria-label={t('appTitle')}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected}
            onClick={(e) => nav(e.key)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 16px',
          }}
        >
          <Typography.Text type="secondary" ellipsis>
            {t('appSubtitle')}
          </Typography.Text>
          <Space>
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <Typography.Text data-testid="account-name">{me.displayName}</Typography.Text>
            <Button icon={<GlobalOutlined />} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
              {t('switchLanguage')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('signOut')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 16 }}>
          <main>
            <Suspense fallback={<Spin aria-label={t('loading')} />}>
              <Outlet />
            </Suspense>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
