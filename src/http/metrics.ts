// /metrics (issue 16): a prom-client registry per app, never a module-level one. The app records each
// request's duration by route pattern and status; everything else comes from the collectors the
// composition root passes in (src/main.ts: database pool, backups, federation, imports, and the place
// for the audit sealer's lag). Each collector is one gauge read at scrape time; one that fails or is
// slow leaves its gauge empty for that scrape and is counted, so a database outage never costs the
// request histograms.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/** One gauge: its name and help, the labels its samples carry, and how to read them now. */
export interface Collector {
  name: string;
  help: string;
  labelNames?: readonly string[];
  read: () => Promise<Sample[]>;
}

export interface MetricsOptions {
  collectors?: readonly Collector[];
  /** METRICS_TOKEN: with it, a scraper anywhere may read; without it only direct loopback callers. */
  token?: string | undefined;
  /** Node's own metrics (event-loop delay, heap, CPU): for the server process, not for every test app. */
  processMetrics?: boolean;
}

export interface Metrics {
  readonly contentType: string;
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void;
  /** Whether this request may read the metrics: a direct loopback caller, or the configured token. */
  mayScrape(req: FastifyRequest): boolean;
  render(): Promise<string>;
}

/** A scrape answers within this even when a collector's query hangs (the database is down). */
const COLLECT_TIMEOUT_MS = 2000;
/** Seconds: from a cached catalog read to a large import's upload. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
// A reverse proxy on the same host makes every visitor a loopback caller: a request it forwarded
// (it says so in these headers) is not one.
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isDirectLoopback(req: FastifyRequest): boolean {
  const address = req.raw.socket?.remoteAddress ?? '';
  return LOOPBACK.test(address) && FORWARDED.every((h) => req.headers[h] === undefined);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests, so neither the token's content nor its length leaks through timing. */
function hasToken(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const given = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * A gauge whose samples are the collector's answer at each scrape. Not a plain Gauge with collect():
 * an unlabelled Gauge always prints a value (0 when unset), and a failed read must print none — a
 * backup age of 0 would read as "just backed up".
 */
class ScrapedGauge extends Gauge {
  constructor(
    registry: Registry,
    private readonly collector: Collector,
    private readonly errors: Counter<'collector'>,
  ) {
    super({
      name: collector.name,
      help: collector.help,
      labelNames: collector.labelNames ?? [],
      registers: [registry],
    });
  }

  override async get() {
    const base = await super.get();
    try {
      const samples = await withTimeout(this.collector.read(), COLLECT_TIMEOUT_MS);
      return { ...base, values: samples.map((s) => ({ value: s.value, labels: s.labels ?? {} })) };
    } catch {
      this.errors.inc({ collector: this.collector.name });
      return { ...base, values: [] };
    }
  }
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'hoso_' });
  const requests = new Histogram({
    name: 'hoso_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hoso_metrics_collect_errors_total',
    help: 'Scrapes in which a collector failed or did not answer in time (its gauge was left empty)',
    labelNames: ['collector'],
    registers: [registry],
  });
  for (const c of opts.collectors ?? []) new ScrapedGauge(registry, c, errors);
  return {
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      // The pattern (/api/v1/employees/:id), never the URL: ids would make a series per person.
      requests.observe({ method, route: route ?? 'unmatched', status_code: String(status) }, seconds);
    },
    mayScrape: (req) => isDirectLoopback(req) || hasToken(req, opts.token),
    render: () => registry.metrics(),
  };
}
