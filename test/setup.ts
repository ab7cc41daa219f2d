// Every test process gets fixed keys, as start-up would install them from config.
import { installKeys, parseKeys } from '../src/platform/crypto.ts';

installKeys(
  parseKeys(
    `t1:${Buffer.alloc(32, 1).toString('base64')},t0:${Buffer.alloc(32, 2).toString('base64')}`,
    Buffer.alloc(32, 3).toString('base64'),
  ),
);
