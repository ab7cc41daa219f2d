import { defineRoute, needs, SESSION } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import {
  AccessLogPage,
  AccessLogQuery,
  AuditEventPage,
  AuditEventsQuery,
  AuditVerifyResult,
} from '../../../api/audit.ts';
import * as svc from './audit.service.ts';
import { verifyAuditChain } from './verify.ts';

const tags = ['audit'];

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit/verify',
    access: needs('audit.read'),
    schema: {
      summary: 'Check the hash chain of the whole audit log (national auditors only)',
      tags,
      response: { ...responses(AuditVerifyResult), 403: ErrorBody },
    },
    handler: ({ ctx }) => verifyAuditChain(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit/events',
    access: needs('audit.read'),
    schema: {
      summary: "Audit events in the auditor's subtrees, newest first",
      tags,
      querystring: AuditEventsQuery,
      response: { ...responses(AuditEventPage), 403: ErrorBody },
    },
    handler: ({ ctx, query }) => svc.listEvents(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/access-log',
    access: SESSION,
    schema: {
      summary: "Who else touched the signed-in person's record, under which role, when",
      tags,
      querystring: AccessLogQuery,
      response: responses(AccessLogPage),
    },
    handler: ({ ctx, query }) => svc.myAccessLog(ctx, query),
  }),
];
