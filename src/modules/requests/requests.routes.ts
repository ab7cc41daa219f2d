import { Type } from 'typebox';
import { defineRoute, needs, SESSION } from '../../http/route.ts';
import { UuidParam, responses, responsesWithErrors } from '../../../api/common.ts';
import {
  ChangeRequest,
  FileContent,
  NewDeclaration,
  NewDraft,
  Rejection,
  RequestFileParams,
  RequestQuery,
} from '../../../api/workflows.ts';
import * as svc from './requests.service.ts';
import * as reads from './reads.service.ts';

const tags = ['requests'];
/** Up to five 5 MB files, base64 in JSON. */
const FILES_BODY_LIMIT = 40 * 1024 * 1024;
const withErrors = responsesWithErrors;

export const requestRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/requests',
    access: SESSION,
    bodyLimit: FILES_BODY_LIMIT,
    schema: {
      summary: 'Declare or update one of my personal groups, with evidence; the managing body verifies it',
      tags,
      body: NewDeclaration,
      response: withErrors(ChangeRequest, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.submitDeclaration(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/requests',
    access: SESSION,
    schema: {
      summary: 'My declarations and their state',
      tags,
      response: responses(Type.Array(ChangeRequest)),
    },
    handler: ({ ctx }) => reads.listMyRequests(ctx),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/drafts',
    access: needs('employee.write'),
    bodyLimit: FILES_BODY_LIMIT,
    schema: {
      summary: 'Draft a personnel action (maker); it reaches the ledger when an approver applies it',
      tags,
      params: UuidParam,
      body: NewDraft,
      response: withErrors(ChangeRequest, 201),
    },
    handler: async ({ ctx, params, body, reply }) => {
      reply.status(201);
      return svc.submitDraft(ctx, params.id, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/requests',
    access: SESSION,
    schema: {
      summary: 'Change requests I submitted or may decide (declarations to verify, drafts to approve)',
      tags,
      querystring: RequestQuery,
      response: responses(Type.Array(ChangeRequest)),
    },
    handler: ({ ctx, query }) => reads.listRequests(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/requests/:id',
    access: SESSION,
    schema: { summary: 'One change request', tags, params: UuidParam, response: responses(ChangeRequest) },
    handler: ({ ctx, params }) => reads.getRequest(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/requests/:id/files/:fileId',
    access: SESSION,
    schema: {
      summary: 'An evidence file of a change request',
      tags,
      params: RequestFileParams,
      response: responses(FileContent),
    },
    handler: ({ ctx, params }) => reads.getRequestFile(ctx, params.id, params.fileId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/requests/:id/approve',
    access: needs('request.review'),
    schema: {
      summary: 'Approve: the requested action is applied to the ledger in the same transaction',
      tags,
      params: UuidParam,
      response: withErrors(ChangeRequest),
    },
    handler: ({ ctx, params }) => svc.approve(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/requests/:id/reject',
    access: needs('request.review'),
    schema: {
      summary: 'Reject with a reason; nothing reaches the record',
      tags,
      params: UuidParam,
      body: Rejection,
      response: withErrors(ChangeRequest),
    },
    handler: ({ ctx, params, body }) => svc.reject(ctx, params.id, body.reason),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/requests/:id/withdraw',
    access: SESSION,
    schema: {
      summary: 'Withdraw my pending request',
      tags,
      params: UuidParam,
      response: withErrors(ChangeRequest),
    },
    handler: ({ ctx, params }) => svc.withdraw(ctx, params.id),
  }),
];
