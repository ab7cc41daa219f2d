import { Type } from 'typebox';
import { defineRoute, needs, PUBLIC } from '../../http/route.ts';
import { ErrorBody, UuidParam, responses } from '../../../api/common.ts';
import {
  ExtractEntry,
  IssuedExtract,
  RevokeExtract,
  VerifyExtract,
  VerifyResult,
} from '../../../api/extracts.ts';
import * as svc from './extracts.service.ts';
import { verifyExtract } from './verify.service.ts';
import { VERIFY_PAGE } from './page.ts';

const tags = ['extracts'];

export const extractRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/extracts',
    access: needs('extract.issue', { self: true }),
    schema: {
      summary:
        'Issue a signed extract (PDF + JSON) of an e-record, signed by the competent person and the agency',
      tags,
      params: UuidParam,
      response: { ...responses(IssuedExtract, 201), 403: ErrorBody, 422: ErrorBody },
    },
    handler: async ({ ctx, params, reply }) => {
      reply.status(201);
      return svc.issueExtract(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/:id/extracts',
    access: needs('extract.issue', { self: true }),
    schema: {
      summary: 'The registry entries of the extracts issued for a person',
      tags,
      params: UuidParam,
      response: responses(Type.Array(ExtractEntry)),
    },
    handler: ({ ctx, params }) => svc.listExtracts(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/extracts/:id/revoke',
    access: needs('extract.revoke'),
    schema: {
      summary: 'Revoke an issued extract, with a reason',
      tags,
      params: UuidParam,
      body: RevokeExtract,
      response: { ...responses(ExtractEntry), 422: ErrorBody },
    },
    handler: ({ ctx, params, body }) => svc.revokeExtract(ctx, params.id, body.reason),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/extracts/verify',
    access: PUBLIC,
    // A PDF of up to 20 MiB arrives as base64 (4/3 larger) in JSON.
    bodyLimit: 28 * 1024 * 1024,
    schema: {
      summary: 'Verify an extract (no login): by its code, or an uploaded PDF, or JSON + detached signature',
      tags,
      body: VerifyExtract,
      response: responses(VerifyResult),
    },
    handler: ({ ctx, body }) => verifyExtract(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/extracts/verify',
    access: PUBLIC,
    schema: {
      summary: 'The public verification page: an HTML form over POST (the QR codes point here, ?code=…)',
      tags,
      querystring: Type.Object(
        { code: Type.Optional(Type.String({ maxLength: 40 })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.String() },
    },
    handler: async ({ reply }) => {
      reply.type('text/html; charset=utf-8');
      return VERIFY_PAGE;
    },
  }),
];
