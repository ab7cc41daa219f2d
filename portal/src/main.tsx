// Entry: language and antd locale, the session, and the router (sign-in until the session is active).
import './shell/boot.ts';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import 'antd/dist/antd.css';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { SessionProvider, useSession } from './auth/session.tsx';
import { can } from './auth/roles.ts';
import { AppLayout } from './shell/AppLayout.tsx';
import { PAGES } from './shell/pages.tsx';

// Chunks a first load may not need: a signed-in load never draws the sign-in forms (form, tabs, QR
// code), and only a wrong URL shows the 404 page; each loads when it renders.
const loadSignIn = () => import('./auth/SignIn.tsx').then((m) => ({ default: m.SignIn }));
const SignIn = lazy(loadSignIn);
const NotFound = lazy(() => import('./shell/NotFound.tsx'));

// No session: the sign-in page is what comes next (a signed-in load starts its page in boot.ts).
if (!document.cookie.includes('hoso_csrf=')) void loadSignIn().catch(() => undefined);

// Zero-runtime styles: antd's prebuilt stylesheet instead of generating every component's CSS in the
// browser on first render (measured: most of the overview's main-thread time went there).
const THEME = { zeroRuntime: true, token: { colorPrimary: '#b71c1c' } };

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
  if (status === 'active') return <SignedIn />;
  return (
    <Suspense fallback={<Spin fullscreen />}>
      <SignIn />
    </Suspense>
  );
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
