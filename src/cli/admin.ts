// `hoso create-national-admin …`: the first account, issued at installation; every other account is
// then issued by an admin through the API. The one-time password is printed once and never stored.
import { parseArgs } from 'node:util';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { createNationalAdmin } from '../modules/accounts/index.ts';

const USAGE = `Cách dùng / usage:
  create-national-admin --username U [--name "Họ và tên"] [--force]
      issue a national admin account on the root unit and print its one-time password once;
      refused while an active national admin exists, unless --force`;

const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** args: the command line from the sub-command on, e.g. ['create-national-admin', '--username', 'u']. */
export async function adminCommand(args: string[], ctx: Ctx): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'create-national-admin':
      return createAdmin(rest, ctx);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown admin command: ${command}\n${USAGE}`);
      return 2;
  }
}

async function createAdmin(args: string[], ctx: Ctx): Promise<number> {
  let values: { username?: string; name?: string; force?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const username = values.username?.trim().toLowerCase();
  if (!username || !USERNAME.test(username)) {
    console.error(`--username is required: 3–64 of a-z 0-9 . _ -\n${USAGE}`);
    return 2;
  }
  const displayName = values.name?.trim() || 'Quản trị quốc gia';
  try {
    const { account, oneTimePassword } = await createNationalAdmin(ctx, {
      username,
      displayName,
      force: values.force ?? false,
    });
    console.log(`national admin created: ${account.username} (${account.id})`);
    console.log(`one-time password (shown once; must be changed at first sign-in): ${oneTimePassword}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const why = err.details.map((d) => d.reason).join('; ');
    console.error(`${err.message}${why ? ` (${why})` : ''}`);
    return 1;
  }
}
