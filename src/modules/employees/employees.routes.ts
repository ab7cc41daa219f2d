import { defineRoute, needs, PUBLIC } from '../../http/route.ts';
import { responses } from '../../../api/common.ts';
import { EmployeePage, EmployeeSearchQuery } from '../../../api/employees.ts';
import { Type } from 'typebox';
import { contentSchema, headcount, searchEmployees } from './employees.service.ts';
import { HEADCOUNT_DIMENSIONS, type HeadcountDimension } from './employees.repository.ts';

export const employeeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees',
    access: needs('employee.read'),
    schema: {
      summary:
        'Search e-records by name (with or without diacritics) or ID number, with filters; keyset pages',
      tags: ['employees'],
      querystring: EmployeeSearchQuery,
      response: responses(EmployeePage),
    },
    handler: ({ ctx, query }) => searchEmployees(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/headcount',
    access: needs('employee.read'),
    schema: {
      summary: 'People in service in the subtree of a unit, grouped by one dimension',
      tags: ['employees'],
      querystring: Type.Object(
        {
          unitId: Type.Integer({ minimum: 1 }),
          by: Type.Enum(Object.keys(HEADCOUNT_DIMENSIONS) as HeadcountDimension[]),
        },
        { additionalProperties: false },
      ),
      response: responses(
        Type.Object({
          unitId: Type.Integer(),
          by: Type.String(),
          total: Type.Integer(),
          groups: Type.Array(
            Type.Object({ key: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() }),
          ),
        }),
      ),
    },
    handler: ({ ctx, query }) => headcount(ctx, query.unitId, query.by),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/schemas/e-record',
    access: PUBLIC,
    schema: {
      summary:
        'The JSON Schema of the e-record content: the ten groups of Decree 27, each row kind with its typed fields, catalogs and rules',
      tags: ['employees'],
      response: { 200: Type.Object({}, { additionalProperties: true }) },
    },
    handler: async ({ reply }) => {
      reply.header('cache-control', 'public, max-age=3600');
      return contentSchema();
    },
  }),
];
