// `hoso import FILE`: the same import as POST /api/v1/imports, reading the file from disk (twice:
// hash, then rows — never whole in memory), with a progress bar on stderr and the report as XLSX.
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Ctx } from '../platform/context.ts';
import { actingAs, importReport, runImport, type Progress } from '../modules/imports/index.ts';

const USAGE = `Cách dùng / usage: hoso import FILE [--valid-only] [--dry-run] [--report report.xlsx] [--as USERNAME]
  FILE is an XLSX or CSV (UTF-8) file in the template of GET /api/v1/imports/template.
  Nothing is written when any row fails, unless --valid-only. Exit 0 when imported (or checked), 1 when rejected.`;

const bar = (f: number, width = 24) => {
  const n = Math.round(Math.min(1, Math.max(0, f)) * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
};

function progressPrinter(): (p: Progress) => void {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  return (p) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(p.validated / secs) : 0;
    const eta = p.fraction > 0.01 ? Math.max(0, Math.round(secs / p.fraction - secs)) : null;
    const text =
      `${bar(p.fraction)} ${Math.round(p.fraction * 100)}% · kiểm tra ${p.validated} · ghi ${p.written}` +
      ` · lỗi ${p.invalid} · ${rate} dòng/s · còn ${eta === null ? '?' : `${eta}s`}`;
    if (tty) process.stderr.write(`\r${text}\u001b[K`);
    else if (Date.now() - lastLine >= 2000 || p.fraction >= 1) {
      lastLine = Date.now();
      process.stderr.write(`${text}\n`);
    }
  };
}

export async function importCommand(
  args: string[],
  withDb: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'valid-only': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      as: { type: 'string' },
    },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(path)) {
    console.error(`không tìm thấy tệp / file not found: ${path}`);
    return 2;
  }
  return withDb(async (cli) => {
    const ctx = values.as ? await actingAs(cli, values.as) : cli;
    const job = await runImport(
      ctx,
      { name: basename(path), open: () => createReadStream(path) },
      { validOnly: values['valid-only'], dryRun: values['dry-run'], onProgress: progressPrinter() },
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(
      `${job.status}: ${job.rows} dòng · ${job.invalid} lỗi · tạo mới ${job.created} · đính chính ${job.updated}` +
        ` · không đổi ${job.unchanged} · xung đột ${job.conflicts} · ${job.timings.totalMs} ms (import ${job.id})`,
    );
    for (const i of job.issues.slice(0, 10)) console.log(`  dòng ${i.row} · ${i.field} · ${i.reason}`);
    if (job.issuesTotal > 10) console.log(`  … ${job.issuesTotal - 10} lỗi khác`);
    if (values.report) {
      writeFileSync(values.report, await importReport(ctx, job.id));
      console.log(`báo cáo / report: ${values.report}`);
    }
    return job.status === 'done' || job.status === 'checked' ? 0 : 1;
  });
}
