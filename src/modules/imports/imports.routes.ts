import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { defineRoute, needs } from '../../http/route.ts';
import { UuidParam, responses } from '../../../api/common.ts';
import {
  ExportQuery,
  ImportDetail,
  ImportJob,
  ImportListQuery,
  ImportUpload,
  TemplateQuery,
} from '../../../api/imports.ts';
import * as svc from './imports.service.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { exportRecords } from './export.ts';

const tags = ['imports'];
const access = needs('employee.write');
/** A 100,000-row XLSX is about 10 MB: base64 in JSON adds a third. */
const UPLOAD_LIMIT = 48 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FileBody = Type.String({ description: 'the file itself' });

function download(reply: FastifyReply, body: Buffer, type: string, name: string): Buffer {
  reply.type(type);
  reply.header('content-disposition', `attachment; filename="${name}"`);
  reply.header('cache-control', 'no-store');
  return body;
}

export const importRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/template',
    access,
    schema: {
      summary: 'The import template: XLSX (columns explained, catalog drop-downs) or CSV UTF-8 with BOM',
      tags,
      querystring: TemplateQuery,
      response: responses(FileBody),
    },
    handler: async ({ query, reply }) =>
      query.format === 'csv'
        ? download(reply, templateCsv(), 'text/csv; charset=utf-8', 'mau-nhap-ho-so.csv')
        : download(reply, await templateXlsx(), XLSX_TYPE, 'mau-nhap-ho-so.xlsx'),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/export',
    access,
    schema: {
      summary:
        'The records managed in a unit’s subtree as XLSX in the import layout (importing it again changes nothing); audited',
      tags,
      querystring: ExportQuery,
      response: responses(FileBody),
    },
    handler: async ({ ctx, query, reply }) =>
      download(reply, await exportRecords(ctx, query.unitId), XLSX_TYPE, `ho-so-${query.unitId}.xlsx`),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/imports',
    access,
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      summary:
        'Import e-records from an XLSX/CSV file (base64): all or nothing unless validOnly; dryRun checks only',
      tags,
      body: ImportUpload,
      response: responses(ImportDetail, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      const bytes = Buffer.from(body.content, 'base64');
      reply.status(201);
      return svc.runImport(
        ctx,
        { name: body.fileName, open: () => Readable.from([bytes]) },
        { validOnly: body.validOnly, dryRun: body.dryRun },
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports',
    access,
    schema: {
      summary: 'Import jobs: mine, and those run in my subtree',
      tags,
      querystring: ImportListQuery,
      response: responses(Type.Array(ImportJob)),
    },
    handler: ({ ctx, query }) => svc.listImports(ctx, query.limit),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/:id',
    access,
    schema: {
      summary: 'One import job with its row-by-row problems',
      tags,
      params: UuidParam,
      response: responses(ImportDetail),
    },
    handler: ({ ctx, params }) => svc.getImport(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/:id/report',
    access,
    schema: {
      summary: 'The validation report of an import as XLSX (row, field, value, reason)',
      tags,
      params: UuidParam,
      response: responses(FileBody),
    },
    handler: async ({ ctx, params, reply }) =>
      download(reply, await svc.importReport(ctx, params.id), XLSX_TYPE, `bao-cao-nhap-${params.id}.xlsx`),
  }),
];
