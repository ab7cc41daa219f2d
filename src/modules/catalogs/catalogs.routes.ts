import { Type } from 'typebox';
import { defineRoute, SESSION } from '../../http/route.ts';
import { responses } from '../../../api/common.ts';
import { getCatalog, listCatalogs } from './catalogs.service.ts';

const Item = Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: true });

export const catalogRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/catalogs',
    access: SESSION,
    schema: {
      summary: 'List the reference catalogs',
      tags: ['catalogs'],
      response: responses(Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() }))),
    },
    handler: ({ ctx }) => listCatalogs(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/catalogs/:name',
    access: SESSION,
    schema: {
      summary: 'One reference catalog (provinces, ethnic-groups, religions, ranks, salary scales, …)',
      tags: ['catalogs'],
      params: Type.Object({ name: Type.String({ pattern: '^[a-z-]{1,40}$' }) }),
      response: responses(Type.Object({ name: Type.String(), items: Type.Array(Item) })),
    },
    handler: ({ ctx, params }) => getCatalog(ctx, params.name),
  }),
];
