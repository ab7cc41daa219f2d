// The national node's side: registering nodes, taking their signed batches (ordered per record,
// idempotent, one owner at a time) and answering their pulls (org tree, records they now own).
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { inTransaction, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit/index.ts';
import { applyRecord } from './apply.ts';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { isValidSignature, parsePublicKey, type Signed } from './crypto.ts';
import { BatchEnvelope as BatchSchema, ChangesEnvelope as ChangesSchema } from './federation.schemas.ts';
import * as repo from './federation.repository.ts';
import { portableLedger, type PortableRow } from './portable.ts';
import { structurePage, structureSince, type Structure } from './units.ts';
import { catalogSnapshot, catalogsVersion, type CatalogSnapshot } from '../catalogs/index.ts';
import { nodeCtx, routedFor, takeRoutedResults, type RoutedDown, type RoutedResult } from './routed.ts';

/** How far a node's clock may be off when it signs an envelope (replays beyond it are refused). */
const MAX_SKEW_MS = 15 * 60_000;
const RECORDS_PER_PULL = 50;
/** Rows of structure per answer while a node loads the tree for the first time. */
const STRUCTURE_PAGE = 2000;

export interface NodeEnvelope {
  node: string;
  at: string;
}
export interface RecordRows {
  employeeId: string;
  rows: PortableRow[];
}
export interface BatchEnvelope extends NodeEnvelope {
  records: RecordRows[];
}
export interface RecordResult {
  employeeId: string;
  status: 'applied' | 'held' | 'refused';
  have: number;
  code?: string;
  reason?: string;
}
export interface ChangesEnvelope extends NodeEnvelope {
  unitsSince: string | null;
  acks: { employeeId: string; seq: number }[];
  /** What the node made of the routed actions it took (absent from nodes of an older version). */
  routedResults?: RoutedResult[];
  /** The version of the catalogs the node holds (from an earlier pull), if any. */
  catalogsVersion?: string | null;
  /** Where the first load of the tree stands (null: begin it); absent from nodes of an older version. */
  structureCursor?: string | null;
  structurePageSize?: number;
}
export interface Changes extends Structure {
  unitsHighWater: string | null;
  /** While the first load of the tree goes on: where the next page starts (records wait until it ends). */
  structureCursor?: string | null;
  records: RecordRows[];
  /** Actions recorded on the national node about records this node owns, for it to apply. */
  routed: RoutedDown[];
  /** The national catalogs, when the node's version is not theirs. */
  catalogs?: CatalogSnapshot;
  more: boolean;
}

type NodeRow = NonNullable<Awaited<ReturnType<typeof repo.findNode>>>;

export async function registerNode(
  ctx: Ctx,
  input: { code: string; scopeCode: string; publicKey: string },
): Promise<{ code: string; scopeCode: string; publicKey: string; handedOver: number }> {
  const publicKey = parsePublicKey(input.publicKey);
  return inTransaction(ctx.db, async (trx) => {
    const scope = await repo.openUnitByCode(trx, input.scopeCode);
    if (!scope)
      throw invalid(
        '/scopeCode',
        `Không có đơn vị đang hoạt động mã ${input.scopeCode}`,
        'INVALID_REFERENCE',
      );
    if (await repo.findNode(trx, input.code)) {
      throw new AppError('CONFLICT', `Nút ${input.code} đã được đăng ký`, [
        { field: '/code', reason: 'registered' },
      ]);
    }
    // One owner per record: a node inside another node's scope (or around it) would leave the records
    // already there with an owner that keeps writing them.
    const overlap = await repo.overlappingNode(trx, scope.path);
    if (overlap) {
      throw new AppError('CONFLICT', `Phạm vi này trùng với phạm vi của nút ${overlap}`, [
        { field: '/scopeCode', reason: `overlaps the scope of node ${overlap}` },
      ]);
    }
    await repo.insertNode(trx, {
      code: input.code,
      scope_code: input.scopeCode,
      public_key: publicKey,
      registered_at: ctx.now,
      registered_by: ctx.actor.id,
    });
    const handedOver = await repo.handOver(trx, input.code, scope.path, ctx.now);
    await audit(ctx, trx, {
      action: 'federation.node.register',
      entity: 'federation_node',
      entityId: input.code,
      unitPath: scope.path,
      details: { scopeCode: input.scopeCode, handedOver },
    });
    return { code: input.code, scopeCode: input.scopeCode, publicKey, handedOver };
  });
}

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'Chữ ký của nút không hợp lệ', [
    { field: '/signature', reason: 'unknown node, bad signature or stale timestamp' },
  ]);

function parseEnvelope(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('/envelope', 'Phong bì không phải JSON');
  }
}

/**
 * The registered node that signed this envelope, recently, and the envelope checked against its schema
 * (after the signature: the signed bytes are never touched before they are verified).
 */
export async function authenticateNode<T extends NodeEnvelope>(
  ctx: Ctx,
  signed: Signed,
  schema: TSchema,
): Promise<{ node: NodeRow; envelope: T }> {
  const parsed = parseEnvelope(signed.envelope) as Partial<NodeEnvelope> | null;
  const node = typeof parsed?.node === 'string' ? await repo.findNode(ctx.db, parsed.node) : undefined;
  const skew = Math.abs(ctx.now.getTime() - Date.parse(String(parsed?.at)));
  if (
    !node ||
    !isValidSignature(node.public_key, signed.envelope, signed.signature) ||
    !(skew <= MAX_SKEW_MS)
  ) {
    throw unauthenticated();
  }
  const errors = [...Value.Errors(schema, parsed)].slice(0, 10);
  if (errors.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Phong bì của nút không hợp lệ',
      errors.map((e) => ({ field: `/envelope${e.instancePath}`, reason: e.message })),
    );
  }
  return { node, envelope: parsed as T };
}

/** A new record is the node's when its recruitment placed it under a unit of the node's scope. */
async function isCreatedInScope(db: Queryable, node: string, rows: PortableRow[]): Promise<boolean> {
  const ref = rows.find((r) => r.seq === 1)?.payload.managingUnitId as
    { unit?: string; from?: string } | undefined;
  const unit = ref && (await repo.unitByCode(db, String(ref.unit), String(ref.from)));
  return unit ? (await repo.nodeForPath(db, unit.path)) === node : true; // no seq 1: applyRecord refuses the gap
}

const notOwner = (id: string, owner: string | null) =>
  new AppError('CONFLICT', `Hồ sơ ${id} thuộc nút ${owner ?? 'quốc gia'}, không nhận ghi từ nút khác`, [
    { field: `/records/${id}`, reason: `owned by ${owner ?? 'national'}` },
  ]);

async function receiveRecord(ctx: Ctx, node: NodeRow, rec: RecordRows): Promise<RecordResult> {
  const id = rec.employeeId;
  return inTransaction(ctx.db, async (trx) => {
    await repo.lockRecord(trx, id);
    const held = await repo.projectionOf(trx, id);
    const owner = held ? ((await repo.ownerOf(trx, id)) ?? null) : node.code;
    const maxSeq = Math.max(0, ...rec.rows.map((r) => r.seq));
    // A re-sent row of a record that has since moved on is still recognised (and acknowledged).
    if (held && owner !== node.code && maxSeq > held.action_count) throw notOwner(id, owner);
    if (!held && !(await isCreatedInScope(trx, node.code, rec.rows))) throw notOwner(id, null);
    const res = await applyRecord(trx, id, rec.rows, ctx.now);
    await repo.setDelivered(trx, node.code, id, res.have);
    if (res.applied === 0) return { employeeId: id, status: 'held' as const, have: res.have };
    const after = (await repo.nodeForPath(trx, res.managingPath)) ?? null;
    await repo.setOwner(trx, id, after, ctx.now);
    await audit(nodeCtx(ctx, node.code), trx, {
      action: 'federation.batch.apply',
      entity: 'employee',
      entityId: id,
      subjectId: id,
      unitPath: res.managingPath,
      details: {
        node: node.code,
        from: res.have - res.applied + 1,
        to: res.have,
        owner: after ?? 'national',
      },
    });
    return { employeeId: id, status: 'applied' as const, have: res.have };
  });
}

export async function receiveBatch(ctx: Ctx, signed: Signed): Promise<{ results: RecordResult[] }> {
  const { node, envelope } = await authenticateNode<BatchEnvelope>(ctx, signed, BatchSchema);
  const results: RecordResult[] = [];
  for (const rec of envelope.records) {
    try {
      results.push(await receiveRecord(ctx, node, rec));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const have = (await repo.ledgerOf(ctx.db, rec.employeeId)).length;
      results.push({
        employeeId: rec.employeeId,
        status: 'refused',
        have,
        code: err.code,
        reason: err.message,
      });
    }
  }
  await repo.touchNode(ctx.db, node.code, 'last_batch_at', ctx.now);
  return { results };
}

export async function changesFor(ctx: Ctx, signed: Signed): Promise<Changes> {
  const { node, envelope: env } = await authenticateNode<ChangesEnvelope>(ctx, signed, ChangesSchema);
  for (const a of env.acks) {
    if ((await repo.ownerOf(ctx.db, a.employeeId)) === node.code) {
      await repo.setDelivered(ctx.db, node.code, a.employeeId, a.seq);
    }
  }
  await takeRoutedResults(ctx, node.code, env.routedResults ?? []);
  // A node of this version loads the tree in pages the first time; records and routed actions wait
  // until the whole tree is there (their rows name units by code).
  const page =
    env.unitsSince === null && env.structureCursor !== undefined
      ? await structurePage(ctx.db, env.structureCursor, env.structurePageSize ?? STRUCTURE_PAGE, ctx.now)
      : undefined;
  const { next, highWater, ...structure } = page ?? {
    ...(await structureSince(ctx.db, env.unitsSince)),
    next: undefined,
  };
  const loading = Boolean(next);
  const routed = loading ? [] : await routedFor(ctx, node.code, RECORDS_PER_PULL + 1);
  // The catalogs themselves only when the node's version is not this node's (rarely: after an update).
  const catalogs =
    (await catalogsVersion(ctx.db)) !== env.catalogsVersion ? await catalogSnapshot(ctx.db) : undefined;
  const due = loading ? [] : await repo.undelivered(ctx.db, node.code, RECORDS_PER_PULL + 1);
  const records: RecordRows[] = [];
  for (const d of due.slice(0, RECORDS_PER_PULL)) {
    records.push({ employeeId: d.id, rows: await portableLedger(ctx.db, d.id, d.have + 1) });
  }
  await inTransaction(ctx.db, async (trx) => {
    await repo.touchNode(trx, node.code, 'last_pull_at', ctx.now);
    if (records.length === 0) return;
    await audit(nodeCtx(ctx, node.code), trx, {
      action: 'federation.changes.send',
      entity: 'federation_node',
      entityId: node.code,
      details: { records: records.map((r) => r.employeeId) },
    });
  });
  return {
    ...structure,
    unitsHighWater: highWater,
    ...(page ? { structureCursor: next } : {}),
    records,
    routed: routed.slice(0, RECORDS_PER_PULL),
    ...(catalogs ? { catalogs } : {}),
    more: loading || due.length > RECORDS_PER_PULL || routed.length > RECORDS_PER_PULL,
  };
}
