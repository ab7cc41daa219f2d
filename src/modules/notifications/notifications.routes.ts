import { Type } from 'typebox';
import { defineRoute, SESSION } from '../../http/route.ts';
import { responses } from '../../../api/common.ts';
import { Inbox, InboxQuery, NotificationParam } from '../../../api/workflows.ts';
import * as svc from './notifications.service.ts';

const tags = ['notifications'];
const Marked = Type.Object({ marked: Type.Integer() });

export const notificationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/notifications',
    access: SESSION,
    schema: {
      summary: 'My inbox: requests, approvals, consent asks and deadlines',
      tags,
      querystring: InboxQuery,
      response: responses(Inbox),
    },
    handler: ({ ctx, query }) => svc.inbox(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/notifications/:id/read',
    access: SESSION,
    schema: {
      summary: 'Mark one notification read',
      tags,
      params: NotificationParam,
      response: responses(Marked),
    },
    handler: ({ ctx, params }) => svc.markRead(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/notifications/read-all',
    access: SESSION,
    schema: { summary: 'Mark every notification read', tags, response: responses(Marked) },
    handler: ({ ctx }) => svc.markRead(ctx, undefined),
  }),
];
