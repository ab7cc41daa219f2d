// The portal's pages in one list: path, menu entry, who sees it, and the lazily loaded module (each
// page is its own chunk, so the first load carries only the shell). A page for a new API is one
// entry here plus its file under pages/.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined,
  ApartmentOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  EyeOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Capability } from '../auth/roles.ts';
import type { MessageKey } from '../i18n/vi.ts';

export type MenuGroup = 'main' | 'self' | 'admin';

export interface PageDef {
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** Absent: reachable by link only (e.g. one record). */
  menu?: { label: MessageKey; icon: ReactNode; group: MenuGroup };
  /** Who may open it; undefined: every signed-in account. */
  cap?: Capability;
}

export const GROUP_LABELS: Record<MenuGroup, MessageKey | undefined> = {
  main: undefined,
  self: 'menu.self',
  admin: 'menu.admin',
};

export const PAGES: PageDef[] = [
  {
    path: '/',
    component: lazy(() => import('../pages/Overview.tsx')),
    menu: { label: 'menu.overview', icon: <DashboardOutlined aria-hidden />, group: 'main' },
  },
  {
    path: '/records',
    component: lazy(() => import('../pages/Records.tsx')),
    menu: { label: 'menu.records', icon: <IdcardOutlined aria-hidden />, group: 'main' },
    cap: 'records',
  },
  { path: '/records/:id', component: lazy(() => import('../pages/RecordPage.tsx')), cap: 'records' },
  {
    path: '/org',
    component: lazy(() => import('../pages/OrgTree.tsx')),
    menu: { label: 'menu.org', icon: <ApartmentOutlined aria-hidden />, group: 'main' },
    cap: 'org',
  },
  {
    path: '/me/record',
    component: lazy(() => import('../pages/MyRecord.tsx')),
    menu: { label: 'menu.myRecord', icon: <SolutionOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/me/access-log',
    component: lazy(() => import('../pages/AccessLog.tsx')),
    menu: { label: 'menu.accessLog', icon: <EyeOutlined aria-hidden />, group: 'self' },
    cap: 'self',
  },
  {
    path: '/admin/accounts',
    component: lazy(() => import('../pages/Accounts.tsx')),
    menu: { label: 'menu.accounts', icon: <TeamOutlined aria-hidden />, group: 'admin' },
    cap: 'accounts',
  },
  {
    path: '/admin/audit',
    component: lazy(() => import('../pages/Audit.tsx')),
    menu: { label: 'menu.audit', icon: <AuditOutlined aria-hidden />, group: 'admin' },
    cap: 'audit',
  },
  {
    path: '/admin/backups',
    component: lazy(() => import('../pages/Backups.tsx')),
    menu: { label: 'menu.backups', icon: <CloudServerOutlined aria-hidden />, group: 'admin' },
    cap: 'backups',
  },
];
