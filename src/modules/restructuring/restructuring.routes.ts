import { Type } from 'typebox';
import { defineRoute, SESSION, needs } from '../../http/route.ts';
import { ErrorBody, IdParam, responses } from '../../../api/common.ts';
import { NewRestructuring, Restructuring, RestructuringListQuery } from '../../../api/restructuring.ts';
import * as svc from './restructuring.service.ts';

const tags = ['org-units'];

export const restructuringRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-restructurings',
    access: needs('org.write'),
    schema: {
      summary: 'Apply a restructuring decision (merge, split, rename, move) as one operation',
      tags,
      body: NewRestructuring,
      response: { ...responses(Restructuring, 201), 403: ErrorBody, 422: ErrorBody },
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.restructure(ctx, body);
    },
  }),
  // Org structure is public administrative information: any signed-in account reads its history.
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-restructurings',
    access: SESSION,
    schema: {
      summary: 'Restructuring decisions applied, newest effective date first',
      tags,
      querystring: RestructuringListQuery,
      response: responses(Type.Array(Restructuring)),
    },
    handler: ({ ctx, query }) => svc.listRestructurings(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-restructurings/:id',
    access: SESSION,
    schema: {
      summary: 'One restructuring decision and what it did',
      tags,
      params: IdParam,
      response: responses(Restructuring),
    },
    handler: ({ ctx, params }) => svc.getRestructuring(ctx, params.id),
  }),
];
