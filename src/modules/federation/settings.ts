// Which node this process is, set once at start-up (national by default: single-node behaviour).
import type { NodeKey } from './crypto.ts';

export type NodeSettings =
  { role: 'national' } | { role: 'local'; code: string; scope: string; nationalUrl: string; key: NodeKey };

let current: NodeSettings = { role: 'national' };

export const nodeSettings = (): NodeSettings => current;
export function configureNode(s: NodeSettings): void {
  current = s;
}
