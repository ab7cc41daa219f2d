import type { FastifyReply } from 'fastify';
import { defineRoute, needs } from '../../http/route.ts';
import { responses } from '../../../api/common.ts';
import * as api from '../../../api/analytics.ts';
import { headcount, people } from './headcount.service.ts';
import { dashboard, forecast, movements, quotaReport } from './workforce.service.ts';
import { qualityFile, qualityFixList, qualityReport } from './quality.service.ts';
import { standardReport } from './report.service.ts';
import { tableFile } from './tables.ts';
import { sendFile, XLSX_TYPE } from './xlsx.ts';

const tags = ['analytics'];
const read = needs('employee.read');

/** The JSON answer, or with ?format=xlsx the same table as an Excel file. */
async function answer<T>(
  reply: FastifyReply,
  format: string | undefined,
  name: string,
  data: T,
): Promise<unknown> {
  if (format !== 'xlsx') return data;
  return sendFile(reply, await tableFile(name, data), XLSX_TYPE, `${name}.xlsx`);
}

export const analyticsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/headcount',
    access: read,
    schema: {
      summary: 'People in service in a subtree on a date, by one dimension or a cross-tab of two',
      tags,
      querystring: api.HeadcountQuery,
      response: responses(api.Headcount),
    },
    handler: async ({ ctx, query, reply }) =>
      answer(reply, query.format, 'headcount', await headcount(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/people',
    access: read,
    schema: {
      summary: 'Drill-down: the people behind a count (audited read of personal data)',
      tags,
      querystring: api.PeopleQuery,
      response: responses(api.PeoplePage),
    },
    handler: async ({ ctx, query, reply }) => answer(reply, query.format, 'people', await people(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/quota',
    access: read,
    schema: {
      summary: 'Staffing quota vs actual per unit for a year; job positions filled vs planned',
      tags,
      querystring: api.QuotaQuery,
      response: responses(api.QuotaReport),
    },
    handler: async ({ ctx, query, reply }) =>
      answer(reply, query.format, 'quota', await quotaReport(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/movements',
    access: read,
    schema: {
      summary:
        'Recruitments, transfers in and out, retirements, resignations, deaths, promotions, disciplines',
      tags,
      querystring: api.MovementsQuery,
      response: responses(api.Movements),
    },
    handler: async ({ ctx, query, reply }) =>
      answer(reply, query.format, 'movements', await movements(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/forecast',
    access: read,
    schema: {
      summary: 'Retirements by the Labour Code roadmap, salary steps and seniority allowances due',
      tags,
      querystring: api.ForecastQuery,
      response: responses(api.Forecast),
    },
    handler: async ({ ctx, query, reply }) =>
      answer(reply, query.format, 'forecast', await forecast(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/dashboard',
    access: read,
    schema: {
      summary: 'Dashboard of a ministry or province',
      tags,
      querystring: api.DashboardQuery,
      response: responses(api.Dashboard),
    },
    handler: ({ ctx, query }) => dashboard(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/quality',
    access: read,
    schema: {
      summary: 'Data quality per unit (complete, correct, clean, current) and what to fix',
      tags,
      querystring: api.QualityQuery,
      response: responses(api.Quality),
    },
    handler: async ({ ctx, query, reply }) => {
      const r = await qualityReport(ctx, query);
      if (query.format !== 'xlsx') return r;
      return sendFile(reply, await qualityFile(r), XLSX_TYPE, 'quality.xlsx');
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/quality/fixes',
    access: read,
    schema: {
      summary:
        'The fix list as XLSX: one line per person and missing field (unit, person, group, field), audited',
      tags,
      querystring: api.QualityFixesQuery,
      response: responses(api.Quality),
    },
    handler: async ({ ctx, query, reply }) =>
      sendFile(reply, await qualityFixList(ctx, query), XLSX_TYPE, 'thong-tin-con-thieu.xlsx'),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/analytics/report',
    access: read,
    schema: {
      summary: 'The quantity and quality report of civil servants and public employees (XLSX or PDF)',
      tags,
      querystring: api.ReportQuery,
      response: responses(api.Headcount),
    },
    handler: async ({ ctx, query, reply }) => {
      const file = await standardReport(ctx, query);
      return sendFile(reply, file.body, file.type, file.name);
    },
  }),
];
