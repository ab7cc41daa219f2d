// What API clients read (Circular 06 Art. 8–9, Decree 27 Art. 15 & 20, Law 91/2025): every call is
// rate-limited, needs the scope in the client's token, declares a purpose the client was granted, sees
// only its org subtrees (404 outside, as for officers) and only its fields. Every call after the client
// is known — answered or refused — is an audit event naming the client and the purpose, and the people
// returned are its subjects, so each person's access log shows which system read their record and why.
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, rateLimited } from '../../platform/errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { audit, type AuditWrite } from '../audit/index.ts';
import type { ShareSearchQuery } from '../../../api/sharing.ts';
import { getCatalog } from '../catalogs/index.ts';
import { PURPOSES, isPurpose, shareView, type Purpose, type Scope, type SharedRecord } from './catalog.ts';
import { takeRequest } from './rate-limit.ts';
import * as clients from './clients.repository.ts';
import * as repo from './share.repository.ts';
import { decodeCursor, encodeCursor } from '../employees/index.ts';

interface Admitted {
  client: clients.ClientRow;
  purpose: Purpose;
  roots: string[];
}

interface Call {
  scope: Scope;
  purpose: string | undefined;
  /** The audit action of the answered call, e.g. share.employee.read. */
  action: string;
  request: Record<string, unknown>;
}

const who = (client: clients.ClientRow) => ({
  clientId: client.id,
  clientName: client.name,
  ownerBody: client.owner_body,
});

async function admitCall(ctx: Ctx, client: clients.ClientRow, call: Call): Promise<Admitted> {
  const wait = await takeRequest(ctx.db, client.id, client.rate_per_minute, ctx.now);
  if (wait > 0) throw rateLimited(wait);
  if (!ctx.actor.client?.scopes.includes(call.scope) || !client.scopes.includes(call.scope))
    throw new AppError('INSUFFICIENT_SCOPE', `Hệ thống kết nối không có phạm vi "${call.scope}"`, [
      { reason: `needs scope ${call.scope}` },
    ]);
  if (!call.purpose)
    throw new AppError('PURPOSE_REQUIRED', 'Cần khai báo mục đích sử dụng (X-Purpose hoặc purpose)', [
      { field: 'headers/x-purpose', reason: 'a purpose code is required on every call' },
    ]);
  if (!isPurpose(call.purpose) || !client.purposes.includes(call.purpose))
    throw new AppError('PURPOSE_NOT_ALLOWED', `Mục đích "${call.purpose}" không được cấp cho hệ thống này`, [
      { field: 'headers/x-purpose', reason: `allowed: ${client.purposes.join(', ')}` },
    ]);
  return { client, purpose: call.purpose, roots: await repo.rootPaths(ctx.db, client.unit_ids) };
}

async function loadClient(ctx: Ctx): Promise<clients.ClientRow> {
  const id = ctx.actor.client?.id;
  const client = id ? await clients.findClient(ctx.db, id) : undefined;
  if (!client || client.status !== 'active')
    throw new AppError('UNAUTHENTICATED', 'Cần mã truy cập hợp lệ của hệ thống kết nối', [
      { reason: 'no active API client' },
    ]);
  return client;
}

/** Runs one sharing call: admitted, answered and audited together, or refused and the refusal audited. */
async function shareCall<T>(
  ctx: Ctx,
  call: Call,
  run: (a: Admitted, trx: Tx) => Promise<{ result: T; event: Omit<AuditWrite, 'action'> }>,
): Promise<T> {
  const client = await loadClient(ctx);
  try {
    const admitted = await admitCall(ctx, client, call);
    return await inTransaction(ctx.db, async (trx) => {
      const { result, event } = await run(admitted, trx);
      const details = {
        ...who(client),
        purpose: PURPOSES[admitted.purpose].vi,
        purposeCode: admitted.purpose,
      };
      await audit(ctx, trx, {
        ...event,
        action: call.action,
        role: 'api_client',
        details: { ...details, scope: call.scope, request: call.request, ...event.details },
      });
      return result;
    });
  } catch (err) {
    if (err instanceof AppError) {
      await inTransaction(ctx.db, (trx) =>
        audit(ctx, trx, {
          action: 'share.refuse',
          entity: 'sharing_client',
          entityId: client.id,
          role: 'api_client',
          details: {
            ...who(client),
            purposeCode: call.purpose ?? null,
            call: call.action,
            code: err.code,
            request: call.request,
          },
        }),
      );
    }
    throw err;
  }
}

export async function readShared(
  ctx: Ctx,
  personId: string,
  purpose: string | undefined,
): Promise<SharedRecord> {
  const call = {
    scope: 'employees.read' as const,
    purpose,
    action: 'share.employee.read',
    request: { personId },
  };
  return shareCall(ctx, call, async ({ client, roots }, trx) => {
    const found = await repo.findInRoots(trx, personId, roots);
    if (!found) throw notFound('Hồ sơ', personId);
    return {
      result: shareView(found.record, client.fields),
      event: {
        entity: 'employee',
        entityId: found.id,
        subjectId: found.id,
        unitPath: found.managingPath,
        details: { fields: client.fields },
      },
    };
  });
}

export async function searchShared(
  ctx: Ctx,
  q: ShareSearchQuery,
  purpose: string | undefined,
): Promise<{ items: SharedRecord[]; nextCursor: string | null }> {
  const { purpose: _p, cursor, ...request } = q;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const limit = q.limit ?? 50;
  const call = { scope: 'employees.search' as const, purpose, action: 'share.employee.search', request };
  return shareCall(ctx, call, async ({ client, roots }, trx) => {
    const rows = await repo.searchInRoots(trx, {
      roots,
      text: q.q,
      unitId: q.unitId,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
    return {
      result: { items: page.map((r) => shareView(r.record, client.fields)), nextCursor },
      event: {
        entity: 'employee',
        details: { fields: client.fields, count: page.length, subjects: page.map((r) => r.id) },
      },
    };
  });
}

export async function listSharedUnits(
  ctx: Ctx,
  q: { limit?: number | undefined; cursor?: number | undefined },
  purpose: string | undefined,
) {
  const limit = q.limit ?? 500;
  const call = {
    scope: 'org.read' as const,
    purpose,
    action: 'share.org.read',
    request: { limit, cursor: q.cursor ?? null },
  };
  return shareCall(ctx, call, async ({ roots }, trx) => {
    const rows = await repo.unitsInRoots(trx, roots, q.cursor ?? 0, limit + 1);
    const page = rows.slice(0, limit);
    return {
      result: {
        items: page.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentId: u.parent_id,
        })),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      },
      event: { entity: 'org_unit', details: { count: page.length } },
    };
  });
}

/** Reference catalogs (public administrative data, but still a declared-purpose, audited call). */
export async function readSharedCatalog(ctx: Ctx, name: string, purpose: string | undefined) {
  const call = { scope: 'catalogs.read' as const, purpose, action: 'share.catalog.read', request: { name } };
  return shareCall(ctx, call, async (_a, trx) => {
    // Inside the call's transaction: on PGlite's one connection, reads go through trx.
    const catalog = await getCatalog({ ...ctx, db: trx }, name);
    return {
      result: catalog,
      event: { entity: 'catalog', entityId: name, details: { count: catalog.items.length } },
    };
  });
}
