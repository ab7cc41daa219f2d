import { Type } from 'typebox';
import { defineRoute, needs } from '../../http/route.ts';
import { DateStr, ErrorBody, responses } from '../../../api/common.ts';
import { DeadlineItem, DeadlineQuery, DeadlineSummaryRow } from '../../../api/workflows.ts';
import * as svc from './deadlines.service.ts';

const tags = ['deadlines'];

export const deadlineRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/deadlines',
    access: needs('deadline.read'),
    schema: {
      summary: 'What is due, overdue, met or met late under the legal deadlines, in the caller’s scope',
      tags,
      querystring: DeadlineQuery,
      response: { ...responses(Type.Array(DeadlineItem)), 403: ErrorBody },
    },
    handler: ({ ctx, query }) => svc.listDeadlines(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/deadlines/summary',
    access: needs('deadline.read'),
    schema: {
      summary: 'Lateness per unit (one level below the chosen unit or the caller’s scope)',
      tags,
      querystring: Type.Object(
        { unitId: Type.Optional(Type.Integer({ minimum: 1 })), from: Type.Optional(DateStr) },
        { additionalProperties: false },
      ),
      response: { ...responses(Type.Array(DeadlineSummaryRow)), 403: ErrorBody },
    },
    handler: ({ ctx, query }) => svc.deadlineSummary(ctx, query),
  }),
];
