// `hoso audit …`: checks on the audit log, offline, with the same service as the API.
import type { Ctx } from '../platform/context.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';

const USAGE = `Cách dùng / usage: hoso audit <command>
  verify                        check the hash chain of the whole audit log (exit 1 when broken)`;

export async function auditCommand(args: string[], ctx: Ctx): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'verify': {
      const result = await verifyAuditChain(ctx);
      if (result.ok) {
        console.log(`audit chain OK: ${result.checked} events`);
        return 0;
      }
      const bad = result.firstBad;
      console.error(`audit chain BROKEN at event #${bad?.id ?? '?'}: ${bad?.reason ?? 'unknown'}`);
      return 1;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown audit command: ${command}\n${USAGE}`);
      return 2;
  }
}
