// Service-level tests that need a real account acting (maker, checker, the person themself): issues the
// account top-down as the system would, and returns a request context acting as it.
import type { Ctx, Role } from '../../src/platform/context.ts';
import type { Database } from '../../src/db/connect.ts';
import { issueAccount } from '../../src/modules/accounts/index.ts';
import { getUnit } from '../../src/modules/org-units/index.ts';
import { TEST_NOW, testCtx } from './app.ts';

let seq = 0;

export async function userCtx(
  d: Database,
  who: { roles?: { role: Role; unitId: number }[]; employeeId?: string; name?: string },
  now: Date = TEST_NOW,
): Promise<Ctx> {
  const sys = testCtx(d, now);
  const username = `u${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
  const displayName = who.name ?? `Người dùng ${seq}`;
  const issued = await issueAccount(sys, {
    username,
    displayName,
    roles: who.roles ?? [],
    ...(who.employeeId ? { employeeId: who.employeeId } : {}),
  });
  const grants = await Promise.all(
    (who.roles ?? []).map(async (r) => ({ ...r, unitPath: (await getUnit(d.db, r.unitId)).path })),
  );
  const id = issued.account.id;
  return {
    ...sys,
    actor: { id, kind: 'user', name: displayName, accountId: id, employeeId: who.employeeId ?? null, grants },
    requestId: `test-${id}`,
  };
}

/** The same account acting at another time. */
export const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now });

/** A viewer over one unit's subtree, without an account behind it (enough for service-level reads). */
export const viewerOver = (ctx: Ctx, unitId: number, unitPath: string): Ctx => ({
  ...ctx,
  actor: { id: 'u:v', kind: 'user', name: 'Viewer', grants: [{ role: 'viewer', unitId, unitPath }] },
});
