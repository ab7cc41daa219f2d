import { Type } from 'typebox';
import { defineRoute, needs, SESSION } from '../../http/route.ts';
import { UuidParam, responses, responsesWithErrors } from '../../../api/common.ts';
import {
  ApprovalListQuery,
  ApprovalVerification,
  Manifest,
  MonthlyApproval,
  MonthQuery,
  NewMonthlyApproval,
} from '../../../api/workflows.ts';
import * as svc from './approvals.service.ts';

const tags = ['monthly-approval'];
const withErrors = responsesWithErrors;

export const approvalRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/monthly-approvals/manifest',
    access: needs('month.approve'),
    schema: {
      summary: "The manifest of a ministry's/province's changes since its last approval, to sign",
      tags,
      querystring: MonthQuery,
      response: withErrors(Manifest),
    },
    handler: ({ ctx, query }) => svc.prepareManifest(ctx, query.unitId, query.month),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/monthly-approvals',
    access: needs('month.approve'),
    schema: {
      summary: 'Approve the month: the detached CMS signature over the manifest is verified and stored',
      tags,
      body: NewMonthlyApproval,
      response: withErrors(MonthlyApproval, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      const approval = await svc.approveMonth(ctx, body);
      reply.status(201);
      return approval;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/monthly-approvals',
    access: SESSION,
    schema: {
      summary: 'Monthly approvals in my scope',
      tags,
      querystring: ApprovalListQuery,
      response: responses(Type.Array(MonthlyApproval)),
    },
    handler: ({ ctx, query }) => svc.listApprovals(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/monthly-approvals/:id/verify',
    access: SESSION,
    schema: {
      summary: 'Re-verify a monthly approval: its signature, and the signed actions against the ledger',
      tags,
      params: UuidParam,
      response: responses(ApprovalVerification),
    },
    handler: ({ ctx, params }) => svc.verifyApproval(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/monthly-approvals/:id/files',
    access: SESSION,
    schema: {
      summary: 'The signed manifest and its CMS signature, for verification elsewhere',
      tags,
      params: UuidParam,
      response: responses(Type.Object({ manifestBase64: Type.String(), signatureBase64: Type.String() })),
    },
    handler: ({ ctx, params }) => svc.approvalFiles(ctx, params.id),
  }),
];
