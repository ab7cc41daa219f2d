import { defineRoute } from '../../http/route.ts';
import { responses } from '../../../api/common.ts';
import { EmployeePage, EmployeeSearchQuery } from '../../../api/employees.ts';
import { searchEmployees } from './employees.service.ts';

export const employeeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees',
    access: 'open',
    schema: {
      summary:
        'Search e-records by name (with or without diacritics) or ID number, with filters; keyset pages',
      tags: ['employees'],
      querystring: EmployeeSearchQuery,
      response: responses(EmployeePage),
    },
    handler: ({ ctx, query }) => searchEmployees(ctx, query),
  }),
];
