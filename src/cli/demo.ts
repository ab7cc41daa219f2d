// `hoso demo merger`: re-enacts the 63 → 34 province merger with the restructuring operation, in a
// scratch database of its own (an in-memory PGlite, or an empty PostgreSQL database given with --url),
// and prints the provinces and headcounts either side of 01/07/2025. Re-runnable: nothing is kept.
import { parseArgs } from 'node:util';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemCtx } from '../platform/context.ts';
import { installKeys, parseKeys } from '../platform/crypto.ts';
import { randomBytes } from 'node:crypto';
import {
  BEFORE_MERGER,
  MERGER_NOW,
  MERGER_ON,
  RESOLUTION,
  runMergerDemo,
  type MergerReport,
  type ProvinceCount,
} from '../demo/merger.ts';

export async function demoCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'merger') {
    console.error('usage: hoso demo merger [--per-province N] [--url postgres://… (an empty database)]');
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { 'per-province': { type: 'string', default: '20' }, url: { type: 'string' } },
  });
  const perProvince = Number(values['per-province']);
  if (!Number.isInteger(perProvince) || perProvince < 1 || perProvince > 5000) {
    console.error('--per-province must be a whole number from 1 to 5000');
    return 2;
  }
  // A scratch database that nobody keeps: throw-away keys for its audit chain and sealed fields.
  installKeys(parseKeys(`demo:${randomBytes(32).toString('base64')}`, randomBytes(32).toString('base64')));
  const d = await connect(values.url ? { databaseUrl: values.url } : { dataDir: 'memory://' });
  try {
    await migrateToLatest(d.db);
    const report = await runMergerDemo(systemCtx(d.db, MERGER_NOW, 'system:demo'), { perProvince });
    console.log(formatReport(report));
    return 0;
  } finally {
    await d.close();
  }
}

function formatReport(r: MergerReport): string {
  const sum = (xs: ProvinceCount[]) => xs.reduce((s, x) => s + x.people, 0);
  const lines = [
    `Sắp xếp đơn vị hành chính cấp tỉnh (Nghị quyết ${RESOLUTION.number}), hiệu lực ${MERGER_ON}`,
    `  ngày ${BEFORE_MERGER}: ${r.before.length} tỉnh, thành phố — ${sum(r.before)} người`,
    `  ngày ${MERGER_ON}: ${r.after.length} tỉnh, thành phố — ${sum(r.after)} người`,
    '',
    ...r.groups.map(
      (g) =>
        `  ${g.name.padEnd(28)} ← ${g.from.map((f) => `${f.name} (${f.people})`).join(' + ')} = ${g.people}`,
    ),
    '',
    `  ${r.operations} quyết định sắp xếp, ${r.rehomed} người được điều động theo quyết định`,
    `  dựng dữ liệu trước sắp xếp ${r.ms.world} ms; sắp xếp ${r.ms.merger} ms`,
  ];
  if (r.sample)
    lines.push(
      `  Hồ sơ ${r.sample.name}: ngày ${BEFORE_MERGER} — ${r.sample.before}; ngày ${MERGER_ON} — ${r.sample.after}`,
    );
  return lines.join('\n');
}
