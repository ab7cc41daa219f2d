// The portal's pages in one list: path, menu entry, who sees it, and the lazily loaded module (each
// page is its own chunk, so the first load carries only the shell). A page for a new API is one
// entry here plus its file under pages/.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  ApiOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  FileExcelOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  UnlockOutlined,
  ApartmentOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  EyeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Capability } from '../auth/roles.ts';
import type { MessageKey } from '../i18n/vi.ts';
import type { Me } from '../api/endpoints.ts';
import { prefetchOverview } from '../pages/overview.data.ts';

export type MenuGroup = 'main' | 'self' | 'admin';

interface PageSpec {
  path: string;
  load: () => Promise<{ default: ComponentType }>;
  /** Absent: reachable by link only (e.g. one record). */
  menu?: { label: MessageKey; icon: ReactNode; group: MenuGroup };
  /** Who may open it; undefined: every signed-in account. */
  cap?: Capability;
  /** Asks for the page's first data as soon as the account is known (cold loads of this URL). */
  prefetch?: (me: Me) => void;
}

export const GROUP_LABELS: Record<MenuGroup, MessageKey | undefined> = {
  main: undefined,
  self: 'menu.self',
  admin: 'menu.admin',
};

const SPECS: PageSpec[] = [
  {
    path: '/',
    load: () => import('../pages/Overview.tsx'),
    menu: { label: 'menu.overview', icon: <DashboardOutlined aria-hidden />, group: 'main' },
    prefetch: prefetchOverview,
  },
  {
    path: '/records',
    load: () => import('../pages/Records.tsx'),
    menu: { label: 'menu.records', icon: <IdcardOutlined aria-hidden />, group: 'main' },
    cap: 'records',
  },
  { path: '/records/:id', load: () => import('../pages/RecordPage.tsx'), cap: 'records' },
  {
    path: '/requests',
    load: () => import('../pages/Inbox.tsx'),
    menu: { label: 'menu.inbox', icon: <InboxOutlined aria-hidden />, group: 'main' },
    cap: 'inbox',
  },
  {
    path: '/deadlines',
    load: () => import('../pages/Deadlines.tsx'),
    menu: { label: 'menu.deadlines', icon: <ClockCircleOutlined aria-hidden />, group: 'main' },
    cap: 'deadlines',
  },
  {
    path: '/monthly-approval',
    load: () => import('../pages/MonthlyApproval.tsx'),
    menu: { label: 'menu.monthly', icon: <SafetyCertificateOutlined aria-hidden />, group: 'main' },
    cap: 'monthly',
  },
  {
    path: '/consents',
    load: () => import('../pages/Consents.tsx'),
    menu: { label: 'menu.consents', icon: <FileProtectOutlined aria-hidden />, group: 'main' },
    cap: 'consentAsk',
  },
  {
    path: '/org',
    load: () => import('../pages/OrgTree.tsx'),
    menu: { label: 'menu.org', icon: <ApartmentOutlined aria-hidden />, group: 'main' },
    cap: 'org',
  },
  {
    path: '/analytics',
    load: () => import('../pages/Analytics.tsx'),
    menu: { label: 'menu.analytics', icon: <BarChartOutlined aria-hidden />, group: 'main' },
    cap: 'records',
  },
  {
    path: '/reports',
    load: () => import('../pages/Reports.tsx'),
    menu: { label: 'menu.reports', icon: <FileExcelOutlined aria-hidden />, group: 'main' },
    cap: 'records',
  },
  {
    path: '/quality',
    load: () => import('../pages/DataQuality.tsx'),
    menu: { label: 'menu.quality', icon: <CheckCircleOutlined aria-hidden />, group: 'main' },
    cap: 'records',
  },
  {
    path: '/me/record',
    load: () => import('../pages/MyRecord.tsx'),
    menu: { label: 'menu.myRecord', icon: <SolutionOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/me/requests',
    load: () => import('../pages/MyRequests.tsx'),
    menu: { label: 'menu.myRequests', icon: <EditOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/me/consents',
    load: () => import('../pages/MyConsents.tsx'),
    menu: { label: 'menu.myConsents', icon: <UnlockOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/me/access-log',
    load: () => import('../pages/AccessLog.tsx'),
    menu: { label: 'menu.accessLog', icon: <EyeOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/admin/accounts',
    load: () => import('../pages/Accounts.tsx'),
    menu: { label: 'menu.accounts', icon: <TeamOutlined aria-hidden />, group: 'admin' },
    cap: 'accounts',
  },
  {
    path: '/admin/restructuring',
    load: () => import('../pages/Restructuring.tsx'),
    menu: { label: 'menu.restructuring', icon: <BranchesOutlined aria-hidden />, group: 'admin' },
    cap: 'restructure',
  },
  {
    path: '/admin/catalogs',
    load: () => import('../pages/Catalogs.tsx'),
    menu: { label: 'menu.catalogs', icon: <BookOutlined aria-hidden />, group: 'admin' },
    cap: 'org',
  },
  {
    path: '/admin/imports',
    load: () => import('../pages/Imports.tsx'),
    menu: { label: 'menu.imports', icon: <CloudUploadOutlined aria-hidden />, group: 'admin' },
    cap: 'imports',
  },
  {
    path: '/admin/api-clients',
    load: () => import('../pages/ApiClients.tsx'),
    menu: { label: 'menu.clients', icon: <ApiOutlined aria-hidden />, group: 'admin' },
    cap: 'clients',
  },
  {
    path: '/admin/nodes',
    load: () => import('../pages/Nodes.tsx'),
    menu: { label: 'menu.nodes', icon: <ClusterOutlined aria-hidden />, group: 'admin' },
    cap: 'nodes',
  },
  {
    path: '/admin/audit',
    load: () => import('../pages/Audit.tsx'),
    menu: { label: 'menu.audit', icon: <AuditOutlined aria-hidden />, group: 'admin' },
    cap: 'audit',
  },
  {
    path: '/admin/calendar',
    load: () => import('../pages/Calendar.tsx'),
    menu: { label: 'menu.calendar', icon: <CalendarOutlined aria-hidden />, group: 'admin' },
    cap: 'calendar',
  },
  {
    path: '/admin/backups',
    load: () => import('../pages/Backups.tsx'),
    menu: { label: 'menu.backups', icon: <CloudServerOutlined aria-hidden />, group: 'admin' },
    cap: 'backups',
  },
];

export interface PageDef extends PageSpec {
  component: LazyExoticComponent<ComponentType>;
}

export const PAGES: PageDef[] = SPECS.map((p) => ({ ...p, component: lazy(p.load) }));

/** Starts loading the page a URL opens, in parallel with the session check (only when a session
 * cookie suggests the user is signed in: the sign-in page never pays for the overview's charts). */
export function preloadFor(pathname: string, me: Promise<Me | undefined> | undefined): void {
  if (!document.cookie.includes('hoso_csrf=')) return;
  const page = SPECS.find((p) => new RegExp(`^${p.path.replace(/:[^/]+/g, '[^/]+')}$`).test(pathname));
  void page?.load().catch(() => undefined);
  const prefetch = page?.prefetch;
  if (prefetch) void me?.then((m) => m && prefetch(m));
}
