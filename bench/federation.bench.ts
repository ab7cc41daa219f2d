// Federation benchmark (BENCH_FEDERATION=1): a node's first load of the nation's structure, in one
// answer (nodes of an older version) against pages of 2,000 rows, on an in-memory PGlite: the demo tree
// plus BENCH_FED_UNITS synthetic communes (default 20,000), each with its dated creation history.
// Measured in the same run: time to serve, the largest answer (bytes of JSON: what the national node
// holds in memory for one node at a time), and the time for a fresh node database to take it all.
import { generateKeyPairSync } from 'node:crypto';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { systemCtx } from '../src/platform/context.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createUnits } from '../src/modules/org-units/index.ts';
import { changesFor, registerNode, signEnvelope } from '../src/modules/federation/index.ts';
import { applyStructure } from '../src/modules/federation/units.ts';

const UNITS = Number(process.env.BENCH_FED_UNITS ?? 20_000);
const NOW = new Date('2026-11-20T03:00:00Z');

export async function runFederationBench(): Promise<Record<string, unknown>> {
  const nat = await connect({});
  try {
    await migrateToLatest(nat.db);
    const ctx = systemCtx(nat.db, NOW, 'system:bench');
    await seedDemo(ctx, { employees: 200 });
    const provinces = await nat.db
      .selectFrom('org_units')
      .select('id')
      .where('kind', '=', 'province')
      .where('valid_to', 'is', null)
      .orderBy('id')
      .execute();
    for (let i = 0; i < UNITS; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, UNITS - i) }, (_, k) => ({
        code: `BX${String(i + k).padStart(6, '0')}`,
        name: `Xã Thử Nghiệm ${i + k}`,
        kind: 'commune' as const,
        parentId: provinces[(i + k) % provinces.length]!.id,
        validFrom: '2025-07-01',
      }));
      await inTransaction(nat.db, (trx) => createUnits(ctx, trx, batch));
    }
    const total = await nat.db
      .selectFrom('org_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const pair = generateKeyPairSync('ed25519');
    const key = {
      privateKey: pair.privateKey,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    };
    await registerNode(ctx, { code: 'BN', scopeCode: 'T01', publicKey: key.publicKey });
    const pull = (extra: object) =>
      changesFor(
        ctx,
        signEnvelope(key, { node: 'BN', at: NOW.toISOString(), unitsSince: null, acks: [], ...extra }),
      );

    // As the node's sync loop does: each answer taken into a fresh node database in its own
    // transaction, then dropped. Serving and taking are timed apart.
    const measure = async (paged: boolean) => {
      const node = await connect({});
      await migrateToLatest(node.db);
      let answers = 0;
      let bytes = 0;
      let largest = 0;
      let serveMs = 0;
      let applyMs = 0;
      let cursor: string | null = null;
      let catalogsVersion: string | null = null;
      do {
        const t0 = performance.now();
        const a = await pull(paged ? { structureCursor: cursor, catalogsVersion } : { catalogsVersion });
        const size = Buffer.byteLength(JSON.stringify(a));
        serveMs += performance.now() - t0;
        bytes += size;
        largest = Math.max(largest, size);
        answers++;
        catalogsVersion = a.catalogs?.version ?? catalogsVersion;
        cursor = a.structureCursor ?? null;
        const t1 = performance.now();
        await inTransaction(node.db, (trx) => applyStructure(trx, a, NOW));
        applyMs += performance.now() - t1;
      } while (paged && cursor);
      const taken = await node.db
        .selectFrom('org_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await node.close();
      return {
        answers,
        serveMs: Math.round(serveMs),
        largestAnswerKiB: Math.round(largest / 1024),
        totalKiB: Math.round(bytes / 1024),
        applyMs: Math.round(applyMs),
        unitsTaken: Number(taken.n),
      };
    };
    // Pages first: the one-answer baseline then runs on a process that has already warmed up.
    const pages = await measure(true);
    const oneAnswer = await measure(false);
    const result = {
      units: Number(total.n),
      oneAnswer,
      pages,
      largestAnswerRatio: +(pages.largestAnswerKiB / oneAnswer.largestAnswerKiB).toFixed(3),
      serveRatio: +(pages.serveMs / oneAnswer.serveMs).toFixed(2),
      applyRatio: +(pages.applyMs / oneAnswer.applyMs).toFixed(2),
    };
    console.log('[federation]', JSON.stringify(result));
    return result;
  } finally {
    await nat.close();
  }
}
