// The node's identity key (Ed25519): it signs federation envelopes and the audit log's checkpoints, and
// the national node registers its public half. From config, or made once in the data dir (mode 0600).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NodeKey {
  privateKey: KeyObject;
  /** base64 of the SPKI DER: what the national node registers. */
  publicKey: string;
}

const publicOf = (k: KeyObject): string =>
  (k.type === 'public' ? k : createPublicKey(k)).export({ type: 'spki', format: 'der' }).toString('base64');

/** The node's key pair: from config (base64 PKCS#8 DER), or DATA_DIR/node-key.pem made once (0600). */
export function loadNodeKey(spec: string | undefined, dataDir: string): NodeKey {
  if (spec) {
    const privateKey = createPrivateKey({ key: Buffer.from(spec, 'base64'), format: 'der', type: 'pkcs8' });
    return { privateKey, publicKey: publicOf(privateKey) };
  }
  const file = join(dataDir, 'node-key.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  return { privateKey, publicKey: publicOf(privateKey) };
}
