// Entry: language and antd locale, the session, and the router (sign-in until the session is active).
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, Result, Spin, Button } from 'antd';
import 'antd/dist/antd.css';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { bootMe, SessionProvider, useSession } from './auth/session.tsx';
import { can } from './auth/roles.ts';
import { SignIn } from './auth/SignIn.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { PAGES, preloadFor } from './shell/pages.tsx';

preloadFor(window.location.pathname, bootMe);

// Zero-runtime styles: antd's prebuilt stylesheet instead of generating every component's CSS in the
// browser on first render (measured: most of the overview's main-thread time went there).
const THEME = { zeroRuntime: true, token: { colorPrimary: '#b71c1c' } };

function NotFound() {
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

function SignedIn() {
  const { me } = useSession();
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {PAGES.filter((p) => !p.cap || (me && can(me, p.cap))).map((p) => (
          <Route key={p.path} path={p.path} element={<p.component />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Root() {
  const { status } = useSession();
  if (status === 'loading') return <Spin fullscreen />;
  return status === 'active' ? <SignedIn /> : <SignIn />;
}

function Localised() {
  const { lang } = useI18n();
  useEffect(() => void dayjs.locale(lang === 'vi' ? 'vi' : 'en'), [lang]);
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Root />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localised />
    </I18nProvider>
  </StrictMode>,
);
