import { Type } from 'typebox';
import { defineRoute, needs } from '../../http/route.ts';
import { ErrorBody, IdParam, responses } from '../../../api/common.ts';
import { NewTransfer, Received, Transfer, TransferListQuery } from '../../../api/transfers.ts';
import * as svc from './transfers.service.ts';

const tags = ['transfers'];

export const transferRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/transfers',
    access: needs('employee.transfer'),
    schema: {
      summary: 'Record a transfer decision out of the current management scope (the sending body)',
      tags,
      body: NewTransfer,
      response: { ...responses(Transfer, 201), 422: ErrorBody },
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.createTransfer(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/transfers',
    access: needs('employee.transfer'),
    schema: {
      summary: 'Transfers into (direction=in) or out of (direction=out) the caller’s units',
      tags,
      querystring: TransferListQuery,
      response: responses(Type.Array(Transfer)),
    },
    handler: ({ ctx, query }) => svc.listTransfers(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/transfers/:id/receive',
    access: needs('employee.transfer'),
    schema: {
      summary: 'Receive a transferred person: re-issue their account here and pull their record',
      tags,
      params: IdParam,
      response: responses(Received),
    },
    handler: ({ ctx, params }) => svc.receiveTransfer(ctx, params.id),
  }),
];
