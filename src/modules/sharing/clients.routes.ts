// National administrators' routes for the API clients of other systems (plain JSON for the portal).
import { Type } from 'typebox';
import { defineRoute, needs } from '../../http/route.ts';
import { UuidParam, responses, responsesWithErrors } from '../../../api/common.ts';
import {
  ApiClient,
  ApiClientUpdate,
  ApiClientWithSecret,
  NewApiClient,
  SharingCatalog,
  SuspendApiClient,
} from '../../../api/sharing.ts';
import * as svc from './clients.service.ts';

const tags = ['sharing'];
const access = needs('client.manage');
const BASE = '/api/v1/api-clients';

export const clientRoutes = [
  defineRoute({
    method: 'GET',
    url: `${BASE}/catalog`,
    access,
    schema: {
      summary: 'What a client may be granted: scopes, purposes (with Vietnamese labels) and field paths',
      tags,
      response: responses(SharingCatalog),
    },
    handler: async () => svc.sharingCatalog(),
  }),
  defineRoute({
    method: 'POST',
    url: BASE,
    access,
    schema: {
      summary: 'Register an API client; a client secret is shown once in the answer',
      tags,
      body: NewApiClient,
      response: responsesWithErrors(ApiClientWithSecret, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201).header('cache-control', 'no-store');
      return svc.createClient(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: BASE,
    access,
    schema: { summary: 'The registered API clients', tags, response: responses(Type.Array(ApiClient)) },
    handler: ({ ctx }) => svc.listClients(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: `${BASE}/:id`,
    access,
    schema: { summary: 'One API client', tags, params: UuidParam, response: responses(ApiClient) },
    handler: ({ ctx, params }) => svc.getClient(ctx, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${BASE}/:id`,
    access,
    schema: {
      summary: "Change a client's details, scopes, fields, purposes, org scope, rate limit or public key",
      tags,
      params: UuidParam,
      body: ApiClientUpdate,
      response: responsesWithErrors(ApiClient),
    },
    handler: ({ ctx, params, body }) => svc.updateClient(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/:id/suspend`,
    access,
    schema: {
      summary: 'Suspend a client: its access tokens stop working at once',
      tags,
      params: UuidParam,
      body: SuspendApiClient,
      response: responsesWithErrors(ApiClient),
    },
    handler: ({ ctx, params, body }) => svc.setClientStatus(ctx, params.id, 'suspended', body.reason),
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/:id/resume`,
    access,
    schema: {
      summary: 'Resume a suspended client',
      tags,
      params: UuidParam,
      response: responsesWithErrors(ApiClient),
    },
    handler: ({ ctx, params }) => svc.setClientStatus(ctx, params.id, 'active'),
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/:id/rotate-secret`,
    access,
    schema: {
      summary: "Replace a client's secret; the new one is shown once, the old one stops working",
      tags,
      params: UuidParam,
      response: responsesWithErrors(ApiClientWithSecret),
    },
    handler: async ({ ctx, params, reply }) => {
      reply.header('cache-control', 'no-store');
      return svc.rotateSecret(ctx, params.id);
    },
  }),
];
