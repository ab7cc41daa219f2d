// API clients of other information systems (Circular 06 Art. 9: sharing services with information
// security): registered, changed, suspended and resumed by national administrators, each act audited.
// A client secret is shown once (creation, rotation) and kept only as an argon2id hash.
import { randomBytes, randomUUID } from 'node:crypto';
import { importJWK, type JWK } from 'jose';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { inTransaction, type Queryable, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { hashPassword } from '../accounts/index.ts';
import type { ApiClient, ApiClientUpdate, ApiClientWithSecret, NewApiClient } from '../../../api/sharing.ts';
import { FIELDS, PURPOSES, SCOPES, isFieldPath, isPurpose } from './catalog.ts';
import * as repo from './clients.repository.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toView(c: repo.ClientRow): ApiClient {
  return {
    id: c.id,
    name: c.name,
    ownerBody: c.owner_body,
    contact: c.contact,
    status: c.status,
    authMethod: c.auth_method,
    publicJwk: c.public_jwk,
    scopes: c.scopes,
    fields: c.fields,
    purposes: c.purposes,
    orgUnitIds: c.unit_ids,
    ratePerMinute: c.rate_per_minute,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
    secretRotatedAt: iso(c.secret_rotated_at),
    suspendedAt: iso(c.suspended_at),
  };
}

export function sharingCatalog() {
  return {
    scopes: Object.entries(SCOPES).map(([code, label]) => ({ code, label })),
    purposes: Object.entries(PURPOSES).map(([code, p]) => ({ code, label: p.vi, labelEn: p.en })),
    fields: [...FIELDS],
  };
}

const newSecret = (): string => `hs_${randomBytes(32).toString('base64url')}`;

async function checkJwk(jwk: Record<string, unknown>): Promise<void> {
  const alg = jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
  const fits =
    (jwk.kty === 'OKP') === (jwk.crv === 'Ed25519') && (jwk.kty === 'EC') === (jwk.y !== undefined);
  try {
    if (!fits) throw new Error('kty, crv and y do not fit');
    await importJWK(jwk as JWK, alg);
  } catch (err) {
    throw invalid('/publicJwk', `Khóa công khai không hợp lệ: ${(err as Error).message}`);
  }
}

/** Fields, purposes and units must come from the catalogs and the tree. */
async function checkGrants(
  q: Queryable,
  g: Partial<Pick<NewApiClient, 'fields' | 'purposes' | 'orgUnitIds'>>,
) {
  g.fields?.forEach((f, i) => {
    if (!isFieldPath(f))
      throw invalid(`/fields/${i}`, `Trường "${f}" không có trong danh mục trường chia sẻ`);
  });
  g.purposes?.forEach((p, i) => {
    if (!isPurpose(p)) throw invalid(`/purposes/${i}`, `Mục đích "${p}" không có trong danh mục`);
  });
  if (g.orgUnitIds) {
    const found = new Set((await repo.unitsByIds(q, g.orgUnitIds)).map((u) => u.id));
    const i = g.orgUnitIds.findIndex((id) => !found.has(id));
    if (i >= 0)
      throw invalid(`/orgUnitIds/${i}`, `Đơn vị ${g.orgUnitIds[i]} không tồn tại`, 'INVALID_REFERENCE');
  }
}

async function checkName(q: Queryable, name: string, exceptId?: string): Promise<void> {
  if (await repo.isNameTaken(q, name, exceptId))
    throw new AppError('CONFLICT', `Đã có hệ thống kết nối tên "${name}"`, [
      { field: '/name', reason: 'taken' },
    ]);
}

const roleOf = (ctx: Ctx): string => ctx.actor.grants[0]?.role ?? ctx.actor.kind;

export async function createClient(ctx: Ctx, input: NewApiClient): Promise<ApiClientWithSecret> {
  const jwt = input.authMethod === 'private_key_jwt';
  if (jwt && !input.publicJwk) throw invalid('/publicJwk', 'Cần khóa công khai (JWK) cho private_key_jwt');
  if (!jwt && input.publicJwk) throw invalid('/publicJwk', 'Chỉ dùng khóa công khai với private_key_jwt');
  if (input.publicJwk) await checkJwk(input.publicJwk);
  const secret = jwt ? null : newSecret();
  const secretHash = secret ? await hashPassword(secret) : null;
  const id = randomUUID();
  const row = await inTransaction(ctx.db, async (trx) => {
    await checkGrants(trx, input);
    await checkName(trx, input.name);
    await repo.insertClient(trx, {
      id,
      name: input.name,
      owner_body: input.ownerBody,
      contact: input.contact,
      status: 'active',
      auth_method: input.authMethod,
      secret_hash: secretHash,
      public_jwk: input.publicJwk ? JSON.stringify(input.publicJwk) : null,
      scopes: input.scopes,
      fields: input.fields,
      purposes: input.purposes,
      unit_ids: input.orgUnitIds,
      rate_per_minute: input.ratePerMinute,
      created_at: ctx.now,
      created_by: ctx.actor.id,
      updated_at: ctx.now,
      secret_rotated_at: null,
      suspended_at: null,
    });
    const { publicJwk: _k, ...grants } = input;
    await auditClient(ctx, trx, 'create', id, grants);
    return (await repo.findClient(trx, id))!;
  });
  return { client: toView(row), clientSecret: secret };
}

const auditClient = (ctx: Ctx, trx: Tx, verb: string, id: string, details: Record<string, unknown> = {}) =>
  audit(ctx, trx, {
    action: `sharing.client.${verb}`,
    entity: 'sharing_client',
    entityId: id,
    role: roleOf(ctx),
    details,
  });

export async function listClients(ctx: Ctx): Promise<ApiClient[]> {
  return inTransaction(ctx.db, async (trx) => {
    const rows = await repo.listClients(trx);
    await audit(ctx, trx, { action: 'sharing.client.list', entity: 'sharing_client', role: roleOf(ctx) });
    return rows.map(toView);
  });
}

async function lockClient(trx: Tx, id: string): Promise<repo.ClientRow> {
  const c = await repo.findClient(trx, id, true);
  if (!c) throw notFound('Hệ thống kết nối', id);
  return c;
}

export async function getClient(ctx: Ctx, id: string): Promise<ApiClient> {
  return inTransaction(ctx.db, async (trx) => {
    const c = await repo.findClient(trx, id);
    if (!c) throw notFound('Hệ thống kết nối', id);
    await auditClient(ctx, trx, 'read', id);
    return toView(c);
  });
}

export async function updateClient(ctx: Ctx, id: string, input: ApiClientUpdate): Promise<ApiClient> {
  if (input.publicJwk) await checkJwk(input.publicJwk);
  return inTransaction(ctx.db, async (trx) => {
    const c = await lockClient(trx, id);
    if (input.publicJwk && c.auth_method !== 'private_key_jwt')
      throw invalid(
        '/publicJwk',
        'Hệ thống này xác thực bằng mật khẩu (client secret), không dùng khóa công khai',
      );
    await checkGrants(trx, input);
    if (input.name !== undefined) await checkName(trx, input.name, id);
    await repo.updateClient(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.ownerBody !== undefined ? { owner_body: input.ownerBody } : {}),
      ...(input.contact !== undefined ? { contact: input.contact } : {}),
      ...(input.publicJwk ? { public_jwk: JSON.stringify(input.publicJwk) } : {}),
      ...(input.scopes ? { scopes: input.scopes } : {}),
      ...(input.fields ? { fields: input.fields } : {}),
      ...(input.purposes ? { purposes: input.purposes } : {}),
      ...(input.orgUnitIds ? { unit_ids: input.orgUnitIds } : {}),
      ...(input.ratePerMinute !== undefined ? { rate_per_minute: input.ratePerMinute } : {}),
      updated_at: ctx.now,
    });
    const { publicJwk, ...changed } = input;
    await auditClient(ctx, trx, 'update', id, publicJwk ? { ...changed, publicJwk: 'replaced' } : changed);
    return toView((await repo.findClient(trx, id))!);
  });
}

/** Suspends (its tokens stop working at the next call) or resumes a client. */
export async function setClientStatus(
  ctx: Ctx,
  id: string,
  to: 'active' | 'suspended',
  reason?: string,
): Promise<ApiClient> {
  return inTransaction(ctx.db, async (trx) => {
    const c = await lockClient(trx, id);
    if (c.status === to)
      throw new AppError('INVALID_STATE', `Hệ thống kết nối đang ở trạng thái "${c.status}"`, [
        { reason: `status ${c.status}` },
      ]);
    await repo.updateClient(trx, id, {
      status: to,
      suspended_at: to === 'suspended' ? ctx.now : null,
      updated_at: ctx.now,
    });
    await auditClient(ctx, trx, to === 'suspended' ? 'suspend' : 'resume', id, reason ? { reason } : {});
    return toView((await repo.findClient(trx, id))!);
  });
}

export async function rotateSecret(ctx: Ctx, id: string): Promise<ApiClientWithSecret> {
  const secret = newSecret();
  const hash = await hashPassword(secret);
  return inTransaction(ctx.db, async (trx) => {
    const c = await lockClient(trx, id);
    if (c.auth_method !== 'client_secret')
      throw new AppError(
        'INVALID_STATE',
        'Hệ thống này xác thực bằng khóa (private_key_jwt): hãy cập nhật khóa công khai',
        [{ reason: 'not a client_secret client' }],
      );
    await repo.updateClient(trx, id, { secret_hash: hash, secret_rotated_at: ctx.now, updated_at: ctx.now });
    await auditClient(ctx, trx, 'rotate_secret', id);
    return { client: toView((await repo.findClient(trx, id))!), clientSecret: secret };
  });
}
