// The OAuth token endpoint and JWKS (public), and the sharing endpoints API clients call with a bearer
// access token (never a session cookie), each with a declared purpose (X-Purpose header or ?purpose=).
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { CLIENT, PUBLIC, defineRoute } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import {
  CatalogParam,
  Jwks,
  OAuthErrorBody,
  PersonIdParam,
  ShareOrgQuery,
  SharePurposeQuery,
  ShareSearchQuery,
  SharedCatalog,
  SharedOrgPage,
  SharedRecord,
  SharedRecordPage,
  TokenRequest,
  TokenResponse,
} from '../../../api/sharing.ts';
import { jwks, TOKEN_PATH } from './keys.ts';
import { OAuthError, issueToken } from './token.service.ts';
import { listSharedUnits, readShared, readSharedCatalog, searchShared } from './share.service.ts';

const tags = ['sharing'];
const EitherError = Type.Union([OAuthErrorBody, ErrorBody]);
const shareResponses = <T extends Parameters<typeof responses>[0]>(ok: T) => ({
  ...responses(ok),
  401: ErrorBody,
  403: ErrorBody,
  429: ErrorBody,
});

function purposeOf(reply: FastifyReply, query: { purpose?: string | undefined }): string | undefined {
  const h = reply.request.headers['x-purpose'];
  const header = Array.isArray(h) ? h[0] : h;
  return (header ?? query.purpose)?.trim() || undefined;
}

export const shareRoutes = [
  defineRoute({
    method: 'POST',
    url: TOKEN_PATH,
    access: PUBLIC,
    acceptsForm: true,
    schema: {
      summary:
        'OAuth 2 token endpoint: client credentials (client_secret_basic, client_secret_post, private_key_jwt)',
      tags,
      body: TokenRequest,
      response: { 200: TokenResponse, 400: EitherError, 401: EitherError },
    },
    handler: async ({ ctx, body, reply }) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        return await issueToken(ctx, body, reply.request.headers.authorization);
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        reply.status(err.status);
        if (err.status === 401) reply.header('www-authenticate', 'Basic realm="hoso"');
        return { error: err.error, error_description: err.description };
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/oauth/jwks',
    access: PUBLIC,
    schema: { summary: "The node's public keys for its access tokens (JWKS)", tags, response: { 200: Jwks } },
    handler: () => jwks(),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/share/employees',
    access: CLIENT,
    schema: {
      summary: "Search the e-records in the client's org scope (scope employees.search), keyset pages",
      tags,
      querystring: ShareSearchQuery,
      response: shareResponses(SharedRecordPage),
    },
    handler: ({ ctx, query, reply }) => searchShared(ctx, query, purposeOf(reply, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/share/employees/:idNumber',
    access: CLIENT,
    schema: {
      summary:
        'One e-record by the 12-digit personal ID number, with the granted fields (scope employees.read)',
      tags,
      params: PersonIdParam,
      querystring: SharePurposeQuery,
      response: shareResponses(SharedRecord),
    },
    handler: ({ ctx, params, query, reply }) => readShared(ctx, params.idNumber, purposeOf(reply, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/share/org-units',
    access: CLIENT,
    schema: {
      summary: "The open units of the client's org scope (scope org.read)",
      tags,
      querystring: ShareOrgQuery,
      response: shareResponses(SharedOrgPage),
    },
    handler: ({ ctx, query, reply }) => listSharedUnits(ctx, query, purposeOf(reply, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/share/catalogs/:name',
    access: CLIENT,
    schema: {
      summary: 'One reference catalog (scope catalogs.read)',
      tags,
      params: CatalogParam,
      querystring: SharePurposeQuery,
      response: shareResponses(SharedCatalog),
    },
    handler: ({ ctx, params, query, reply }) => readSharedCatalog(ctx, params.name, purposeOf(reply, query)),
  }),
];
