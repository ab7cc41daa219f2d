import { Type } from 'typebox';
import { defineRoute, SESSION, needs } from '../../http/route.ts';
import { IdParam, responses } from '../../../api/common.ts';
import {
  CloseOrgUnit,
  CreateJobPosition,
  CreateOrgUnit,
  JobPosition,
  ListQuery,
  MoveOrgUnit,
  OrgUnit,
  Quota,
  QuotaRow,
  RenameOrgUnit,
  TreeNode,
  TreeQuery,
} from '../../../api/org-units.ts';
import * as svc from './org-units.service.ts';

const tags = ['org-units'];

export const orgUnitRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units',
    access: SESSION,
    schema: {
      summary: 'List or search org units',
      tags,
      querystring: ListQuery,
      response: responses(Type.Array(OrgUnit)),
    },
    handler: ({ ctx, query }) => svc.listUnits(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-units',
    access: needs('org.write'),
    schema: { summary: 'Create an org unit', tags, body: CreateOrgUnit, response: responses(OrgUnit, 201) },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.createUnit(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units/:id',
    access: SESSION,
    schema: { summary: 'One org unit', tags, params: IdParam, response: responses(OrgUnit) },
    handler: ({ ctx, params }) => svc.getUnit(ctx.db, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units/:id/tree',
    access: SESSION,
    schema: {
      summary: 'The subtree under a unit, depth-first (optionally as it stood on a past date)',
      tags,
      params: IdParam,
      querystring: TreeQuery,
      response: responses(Type.Array(TreeNode)),
    },
    handler: ({ ctx, params, query }) => svc.tree(ctx, params.id, query.asOf, query.maxDepth),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units/:id/ancestors',
    access: SESSION,
    schema: {
      summary: 'The chain of units from the root down to this unit',
      tags,
      params: IdParam,
      response: responses(Type.Array(OrgUnit)),
    },
    handler: ({ ctx, params }) => svc.ancestors(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-units/:id/rename',
    access: needs('org.write'),
    schema: {
      summary: 'Rename a unit from a date',
      tags,
      params: IdParam,
      body: RenameOrgUnit,
      response: responses(OrgUnit),
    },
    handler: ({ ctx, params, body }) => svc.renameUnit(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-units/:id/move',
    access: needs('org.write'),
    schema: {
      summary: 'Move a unit (and its subtree) under another parent from a date',
      tags,
      params: IdParam,
      body: MoveOrgUnit,
      response: responses(OrgUnit),
    },
    handler: ({ ctx, params, body }) => svc.moveUnit(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-units/:id/close',
    access: needs('org.write'),
    schema: {
      summary: 'Close (dissolve) a unit from a date, optionally naming its successor',
      tags,
      params: IdParam,
      body: CloseOrgUnit,
      response: responses(OrgUnit),
    },
    handler: ({ ctx, params, body }) => svc.closeUnit(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units/:id/quotas',
    access: SESSION,
    schema: {
      summary: 'Staffing quotas of a unit, per year',
      tags,
      params: IdParam,
      response: responses(Type.Array(QuotaRow)),
    },
    handler: ({ ctx, params }) => svc.quotas(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/org-units/:id/quotas/:year',
    access: needs('org.write'),
    schema: {
      summary: 'Set the staffing quota of a unit for a year',
      tags,
      params: Type.Object({
        id: Type.Integer({ minimum: 1 }),
        year: Type.Integer({ minimum: 1945, maximum: 2200 }),
      }),
      body: Quota,
      response: responses(QuotaRow),
    },
    handler: ({ ctx, params, body }) => svc.setQuota(ctx, params.id, params.year, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/org-units/:id/job-positions',
    access: SESSION,
    schema: {
      summary: 'Job positions of a unit, planned and filled',
      tags,
      params: IdParam,
      response: responses(Type.Array(JobPosition)),
    },
    handler: ({ ctx, params }) => svc.jobPositions(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/org-units/:id/job-positions',
    access: needs('org.write'),
    schema: {
      summary: 'Add a job position to a unit',
      tags,
      params: IdParam,
      body: CreateJobPosition,
      response: responses(JobPosition, 201),
    },
    handler: async ({ ctx, params, body, reply }) => {
      reply.status(201);
      return svc.addJobPosition(ctx, params.id, body);
    },
  }),
];
