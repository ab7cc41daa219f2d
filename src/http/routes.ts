// Every route of the API, in one list: the app registers exactly these, and access checks walk them.
import type { AnyRoute } from './route.ts';
import { healthRoutes } from './health.routes.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { catalogRoutes } from '../modules/catalogs/index.ts';
import { orgUnitRoutes } from '../modules/org-units/index.ts';
import { employeeRoutes } from '../modules/employees/index.ts';
import { personnelActionRoutes } from '../modules/personnel-actions/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { accountRoutes, authRoutes } from '../modules/accounts/index.ts';
import { backupRoutes } from '../modules/backups/index.ts';
import { calendarRoutes } from '../modules/calendar/index.ts';
import { deadlineRoutes } from '../modules/deadlines/index.ts';
import { requestRoutes } from '../modules/requests/index.ts';
import { consentRoutes } from '../modules/consent/index.ts';
import { approvalRoutes } from '../modules/approvals/index.ts';
import { notificationRoutes } from '../modules/notifications/index.ts';
import { restructuringRoutes } from '../modules/restructuring/index.ts';
import { transferRoutes } from '../modules/transfers/index.ts';
import { extractRoutes } from '../modules/extracts/index.ts';
import { analyticsRoutes } from '../modules/analytics/index.ts';
import { clientRoutes, shareRoutes } from '../modules/sharing/index.ts';
import { federationRoutes } from '../modules/federation/index.ts';
import { importRoutes } from '../modules/imports/index.ts';

export const ROUTES: readonly AnyRoute[] = [
  ...healthRoutes,
  ...metricsRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...catalogRoutes,
  ...orgUnitRoutes,
  ...employeeRoutes,
  ...personnelActionRoutes,
  ...auditRoutes,
  ...backupRoutes,
  ...calendarRoutes,
  ...deadlineRoutes,
  ...requestRoutes,
  ...consentRoutes,
  ...approvalRoutes,
  ...notificationRoutes,
  ...restructuringRoutes,
  ...transferRoutes,
  ...extractRoutes,
  ...analyticsRoutes,
  ...clientRoutes,
  ...shareRoutes,
  ...federationRoutes,
  ...importRoutes,
];
