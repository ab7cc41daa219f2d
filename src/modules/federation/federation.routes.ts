import { defineRoute, needs, PUBLIC } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import * as s from './federation.schemas.ts';
import { changesFor, receiveBatch, registerNode } from './national.service.ts';
import { localStatus, nationalStatus, recordDigests } from './status.service.ts';
import { listRoutedActions } from './routed.ts';
import { RoutedAction } from '../../../api/personnel-actions.ts';
import { Type } from 'typebox';
import { nodeSettings } from './settings.ts';

const tags = ['nodes'];
const signed = { ...responses(s.BatchResult), 401: ErrorBody, 422: ErrorBody };

/** Node-to-node routes and registration exist on the national node only. */
function requireNational(): void {
  if (nodeSettings().role !== 'national') {
    throw new AppError('INVALID_STATE', 'Chỉ nút quốc gia nhận thao tác này', [
      { reason: 'this is a local node' },
    ]);
  }
}

const status = (ctx: Ctx) => {
  const n = nodeSettings();
  return n.role === 'local' ? localStatus(ctx, n) : nationalStatus(ctx);
};

export const federationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/nodes',
    access: needs('node.manage'),
    schema: {
      summary:
        'Register a ministry/province node: its code, the official code of its subtree, its Ed25519 key',
      tags,
      body: s.RegisterNode,
      response: { ...responses(s.RegisteredNode, 201), 422: ErrorBody },
    },
    handler: async ({ ctx, body, reply }) => {
      requireNational();
      reply.status(201);
      return registerNode(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/nodes/status',
    access: needs('node.manage'),
    schema: {
      summary:
        'Sync lag and last successful exchange (local node); nodes late against 3 working days (national)',
      tags,
      response: responses(s.NodeStatus),
    },
    handler: ({ ctx }) => status(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/nodes/digests',
    access: needs('node.manage'),
    schema: {
      summary: 'Per-record digests (portable ledger + projection facts), to compare nodes',
      tags,
      querystring: s.DigestQuery,
      response: responses(s.Digests),
    },
    handler: ({ ctx, query }) => recordDigests(ctx, query.after ?? null, query.limit ?? 1000),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/nodes/routed-actions',
    access: needs('action.record'),
    schema: {
      summary:
        'Actions recorded here about records a ministry/province node owns, routed to that owner, and their outcome',
      tags,
      querystring: s.RoutedQuery,
      response: responses(Type.Array(RoutedAction)),
    },
    handler: ({ ctx, query }) => listRoutedActions(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/federation/batches',
    access: PUBLIC, // authenticated by the node's Ed25519 signature over the envelope
    bodyLimit: 32 * 1024 * 1024,
    schema: {
      summary: 'A node sends its signed batch of ledger rows (up-flow)',
      tags,
      body: s.SignedBody,
      response: signed,
    },
    handler: ({ ctx, body }) => {
      requireNational();
      return receiveBatch(ctx, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/federation/changes',
    access: PUBLIC, // authenticated by the node's Ed25519 signature over the envelope
    schema: {
      summary:
        'A node pulls the org tree and the records it owns that it lacks (down-flow), acknowledging the last',
      tags,
      body: s.SignedBody,
      response: { ...responses(s.ChangesResult), 401: ErrorBody, 422: ErrorBody },
    },
    handler: ({ ctx, body }) => {
      requireNational();
      return changesFor(ctx, body);
    },
  }),
];
