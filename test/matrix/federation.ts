// Access-matrix entries for nodes and federation (issue 9, part 2), spread into the MATRIX of
// test/access-matrix.test.ts. Registration, status and digests are national administrators' work;
// the node-to-node routes take no session — a registered node's Ed25519 signature authenticates them
// (its refusals are tested in src/modules/federation/federation.test.ts), so here everyone with a
// valid signature is admitted.
import { generateKeyPairSync } from 'node:crypto';
import type { Entry, Targets } from '../access-matrix.test.ts';
import { TEST_NOW, testCtx } from '../helpers/app.ts';
import { registerNode, signEnvelope, type NodeKey } from '../../src/modules/federation/index.ts';
import { createUnit } from '../../src/modules/org-units/index.ts';

function nodeKey(): NodeKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/** A fresh top-level body of its own for each node: node scopes may not overlap. */
async function scopeFor(t: Targets, code: string): Promise<string> {
  await createUnit(testCtx(t.d), {
    code,
    name: `Cơ quan thử ${code}`,
    kind: 'central_body',
    parentId: t.w.nation,
    validFrom: '2020-01-01',
  });
  return code;
}

async function registered(t: Targets, n: number): Promise<{ code: string; key: NodeKey }> {
  const key = nodeKey();
  const code = `M${n}`;
  await registerNode(testCtx(t.d), {
    code,
    scopeCode: await scopeFor(t, `MS${n}`),
    publicKey: key.publicKey,
  });
  return { code, key };
}

export function federationMatrix(): Record<string, Entry> {
  return {
    'POST /api/v1/nodes': {
      allow: ['national_admin'],
      build: async (t, _w, n) => ({
        method: 'POST',
        url: '/api/v1/nodes',
        payload: { code: `R${n}`, scopeCode: await scopeFor(t, `RS${n}`), publicKey: nodeKey().publicKey },
      }),
    },
    'GET /api/v1/nodes/status': {
      allow: ['national_admin'],
      build: async () => ({ method: 'GET', url: '/api/v1/nodes/status' }),
    },
    'GET /api/v1/nodes/digests': {
      allow: ['national_admin'],
      build: async () => ({ method: 'GET', url: '/api/v1/nodes/digests?limit=5' }),
    },
    'GET /api/v1/nodes/routed-actions': {
      allow: ['national_admin'],
      build: async () => ({ method: 'GET', url: '/api/v1/nodes/routed-actions?status=pending' }),
    },
    'POST /api/v1/federation/batches': {
      allow: 'everyone',
      build: async (t, _w, n) => {
        const { code, key } = await registered(t, n);
        const payload = signEnvelope(key, { node: code, at: TEST_NOW.toISOString(), records: [] });
        return { method: 'POST', url: '/api/v1/federation/batches', payload };
      },
    },
    'POST /api/v1/federation/changes': {
      allow: 'everyone',
      build: async (t, _w, n) => {
        const { code, key } = await registered(t, n);
        const env = { node: code, at: TEST_NOW.toISOString(), unitsSince: TEST_NOW.toISOString(), acks: [] };
        return { method: 'POST', url: '/api/v1/federation/changes', payload: signEnvelope(key, env) };
      },
    },
  };
}
