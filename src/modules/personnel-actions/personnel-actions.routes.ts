import { Type } from 'typebox';
import { defineRoute, SESSION, needs } from '../../http/route.ts';
import { UuidParam, responses } from '../../../api/common.ts';
import { ERecord } from '../../../api/employees.ts';
import {
  Action,
  ActionResult,
  CreateEmployee,
  NewAction,
  RecordQuery,
  RecordView,
  RoutedAction,
} from '../../../api/personnel-actions.ts';
import { ACTION_LABELS, ACTION_TYPES, NEEDS_DECISION } from '../../../api/actions.ts';
import * as svc from './personnel-actions.service.ts';
import * as reads from './reads.service.ts';

const tags = ['employees'];

export const personnelActionRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/employees',
    access: needs('employee.write'),
    schema: {
      summary: 'Create an e-record by recording its recruitment decision',
      tags,
      body: CreateEmployee,
      response: responses(ERecord, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.createEmployee(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/:id',
    access: needs('employee.read', { self: true }),
    schema: {
      summary:
        'An e-record: current, or reconstructed as of a date (asOf) and as recorded at a time (knownAt)',
      tags,
      params: UuidParam,
      querystring: RecordQuery,
      response: responses(RecordView),
    },
    handler: ({ ctx, params, query }) => reads.getRecord(ctx, params.id, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/:id/actions',
    access: needs('employee.read', { self: true }),
    schema: {
      summary: 'The whole ledger of personnel actions of one e-record',
      tags,
      params: UuidParam,
      response: responses(Type.Array(Action)),
    },
    handler: ({ ctx, params }) => reads.listActions(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/actions',
    // Officers' actions go through drafts (POST …/drafts) and an approver; only national administrators
    // write the ledger directly.
    access: needs('action.record'),
    schema: {
      summary:
        'Record a personnel action directly (national administrators); officers draft actions for an approver',
      tags,
      params: UuidParam,
      body: NewAction,
      // 202: the record is owned by a ministry/province node; the action was routed to it.
      response: { ...responses(ActionResult, 201), 202: RoutedAction },
    },
    handler: async ({ ctx, params, body, reply }) => {
      const r = await svc.recordAction(ctx, params.id, body);
      if ('routed' in r) {
        reply.status(202);
        return r.routed;
      }
      reply.status(201);
      return r;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/personnel-action-types',
    access: SESSION,
    schema: {
      summary: 'The coded personnel-action types',
      tags,
      response: responses(
        Type.Array(Type.Object({ code: Type.String(), name: Type.String(), needsDecision: Type.Boolean() })),
      ),
    },
    handler: async () =>
      ACTION_TYPES.map((code) => ({
        code,
        name: ACTION_LABELS[code],
        needsDecision: NEEDS_DECISION.has(code),
      })),
  }),
];
