// How an API client is recognised on the sharing routes: a bearer access token from this node's token
// endpoint, of a client that is active now — a suspended client's unexpired tokens stop at once.
import type { FastifyRequest } from 'fastify';
import type { AuthResult, Authenticator } from '../../http/auth.ts';
import { verifyAccessToken } from './keys.ts';
import { findClient } from './clients.repository.ts';

const BEARER = /^bearer\s+(\S+)\s*$/i;

export const hasBearer = (req: FastifyRequest): boolean => /^bearer\s/i.test(req.headers.authorization ?? '');

export const bearerAuthenticator: Authenticator = async (req, env): Promise<AuthResult | undefined> => {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return undefined;
  const claims = await verifyAccessToken(token, env.now);
  if (!claims) return undefined;
  const client = await findClient(env.db, claims.clientId);
  if (!client || client.status !== 'active') return undefined;
  return {
    actor: {
      id: `client:${client.id}`,
      kind: 'client',
      name: client.name,
      grants: [],
      client: { id: client.id, scopes: claims.scopes },
    },
    stage: 'active',
  };
};
