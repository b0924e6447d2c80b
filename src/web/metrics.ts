/**
 * GET /metrics in Prometheus text format (prom-client), for operators only: answered to an address in METRICS_ALLOW
 * (the socket's own address: a request that came through a proxy, with X-Forwarded-For, never counts as local) or
 * with `Authorization: Bearer METRICS_TOKEN`; anyone else gets 404, as if there were no such page. Neither set: off.
 *
 * Requests are counted per route pattern (/listings/:idSlug), never per raw URL, so a crawler cannot grow the series.
 * docs/operations-metrics.md lists every metric and a scrape config.
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../lib/worker-pool.js';

export interface MetricsAccess { allow: string[]; token: string | null }

/** The route pattern a request matched (Express sets req.route on the matching layer), else one fixed label. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}` || '/';
  return '(no route)';
}

const sameSecret = (a: string, b: string) => {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

/** Whether a request may read /metrics. */
export function mayReadMetrics(req: Request, access: MetricsAccess): boolean {
  const auth = req.headers.authorization;
  if (access.token && typeof auth === 'string' && auth.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), access.token)) return true;
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return access.allow.includes(address);
}

export function createMetrics(deps: { access: MetricsAccess }) {
  const registry = new Registry();
  // Process, heap, GC and event-loop lag (nodejs_eventloop_lag_*, from perf_hooks.monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'golmok_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'golmok_http_request_duration_seconds',
    help: 'HTTP response time by method and route pattern',
    labelNames: ['method', 'route'],
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const queryTime = new Histogram({
    name: 'golmok_db_query_duration_seconds',
    help: 'Database statement time (knex query → response) by pool',
    labelNames: ['pool', 'outcome'],
    registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
  });
  const poolWait = new Histogram({
    name: 'golmok_db_pool_acquire_wait_seconds',
    help: 'Time a statement waited for a pooled connection',
    labelNames: ['pool'],
    registers: [registry],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  });
  const bulkJobs = new Counter({
    name: 'golmok_bulk_jobs_total',
    help: 'Bulk parse jobs (pasted pages, CSV files) by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const bulkJobTime = new Histogram({
    name: 'golmok_bulk_job_duration_seconds',
    help: 'Bulk parse job run time',
    registers: [registry],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
  });
  const cacheHits = new Counter({
    name: 'golmok_page_cache_hits_total', help: 'Kept pages sent by the page cache, by where: front (before Express), express, route (API)',
    labelNames: ['where'], registers: [registry],
  });
  const cacheMisses = new Counter({
    name: 'golmok_page_cache_misses_total', help: 'Anonymous reads the page cache could serve that were rendered (nothing valid kept)',
    labelNames: ['where'], registers: [registry],
  });
  const flushes = new Counter({
    name: 'golmok_counter_buffer_flushes_total', help: 'Counter buffer flushes by outcome', labelNames: ['outcome'], registers: [registry],
  });
  const flushTime = new Histogram({
    name: 'golmok_counter_buffer_flush_duration_seconds', help: 'Counter buffer flush time (one transaction)', registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  });
  const jobRuns = new Counter({
    name: 'golmok_jobs_total',
    help: 'Background job runs by job and outcome',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const gateReleases = new Counter({
    name: 'golmok_save_gate_waits_total', help: 'Anonymous reads that waited for a save in flight, by what let them in: saved or bound',
    labelNames: ['released'], registers: [registry],
  });
  const gauges: Array<() => void> = [];

  /** A gauge read at scrape time: one series per label value, or a single series (`labelName` null). */
  function gauge(name: string, help: string, read: () => Record<string, number>, labelName: string | null = 'state'): void {
    const g = new Gauge({ name, help, labelNames: labelName ? [labelName] : [], registers: [registry] });
    gauges.push(() => {
      for (const [label, value] of Object.entries(read())) {
        if (labelName) g.set({ [labelName]: label }, value);
        else g.set(value);
      }
    });
  }

  return {
    registry,

    /** Counts every request by route pattern; mounted first, so pages from the page cache are counted too. */
    middleware: ((req: Request, res: Response, next: NextFunction) => {
      const end = latency.startTimer();
      res.once('finish', () => {
        const route = routeOf(req);
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        end({ method: req.method, route });
      });
      next();
    }) as RequestHandler,

    /** Statement times and connection waits of a Knex instance (`pool`: writer or reader). */
    watchDatabase(db: Knex, pool: string): void {
      const started = new Map<string, number>();
      db.on('query', (q: { __knexQueryUid?: string }) => {
        if (q.__knexQueryUid) started.set(q.__knexQueryUid, performance.now());
      });
      const done = (outcome: string) => (_r: unknown, q: { __knexQueryUid?: string }) => {
        const at = q?.__knexQueryUid ? started.get(q.__knexQueryUid) : undefined;
        if (at === undefined) return;
        started.delete(q.__knexQueryUid!);
        queryTime.observe({ pool, outcome }, (performance.now() - at) / 1000);
      };
      db.on('query-response', done('ok'));
      db.on('query-error', done('error'));
      const tarn = (
        db.client as {
          pool?: { on(e: string, f: (id: number) => void): void; numPendingAcquires(): number; numUsed(): number; numFree(): number };
        }
      ).pool;
      if (!tarn) return;
      const asked = new Map<number, number>();
      tarn.on('acquireRequest', (id) => asked.set(id, performance.now()));
      tarn.on('acquireSuccess', (id) => {
        const at = asked.get(id);
        asked.delete(id);
        if (at !== undefined) poolWait.observe({ pool }, (performance.now() - at) / 1000);
      });
      tarn.on('acquireFail', (id) => asked.delete(id));
      gauge(`golmok_db_pool_${pool}_connections`, `Connections of the ${pool} pool: used, free, and statements waiting for one`, () => ({
        used: tarn.numUsed(),
        free: tarn.numFree(),
        waiting: tarn.numPendingAcquires(),
      }));
    },

    bulkJob: (outcome: 'ok' | 'failed' | 'timeout', ms: number) => {
      bulkJobs.inc({ outcome });
      bulkJobTime.observe(ms / 1000);
    },
    jobRun: (job: string, ok: boolean) => jobRuns.inc({ job, outcome: ok ? 'ok' : 'failed' }),
    watchBulkPool: (stats: () => PoolStats) =>
      gauge('golmok_bulk_pool_threads', 'Bulk parse worker threads: busy, started, and jobs queued', () => {
        const s = stats();
        return { busy: s.busy, started: s.size, queued: s.queued };
      }),
    pageCacheLookup: (outcome: 'hit' | 'miss', where: string) => (outcome === 'hit' ? cacheHits : cacheMisses).inc({ where }),
    watchPageCache: (size: () => { pages: number; bytes: number }) => {
      gauge('golmok_page_cache_pages', 'Pages kept by the page cache', () => ({ value: size().pages }), null);
      gauge('golmok_page_cache_bytes', 'Bytes kept by the page cache (compressed copies included)', () => ({ value: size().bytes }), null);
    },
    saveGateRelease: (how: 'saved' | 'bound') => gateReleases.inc({ released: how }),
    watchSaveGate: (stats: () => { saving: number; waiting: number }) =>
      gauge('golmok_save_gate', 'Saves in flight, and anonymous reads waiting for them', () => stats()),
    counterFlush: (ok: boolean, ms: number) => {
      flushes.inc({ outcome: ok ? 'ok' : 'failed' });
      flushTime.observe(ms / 1000);
    },
    watchCounterBuffer: (buffer: { waiting: () => number; flushLagMs: () => number }) => {
      gauge('golmok_counter_buffer_events', 'View, call and search counters waiting for the next flush', () => ({
        waiting: buffer.waiting(),
      }));
      gauge(
        'golmok_counter_buffer_flush_lag_seconds',
        'How long the oldest counter waiting for a flush has waited (0: none waits)',
        () => ({ value: buffer.flushLagMs() / 1000 }),
        null,
      );
    },

    /** GET /metrics, answered only to allowed callers (404 to anyone else). */
    handler: (async (req: Request, res: Response, next: NextFunction) => {
      if (!mayReadMetrics(req, deps.access)) return next();
      for (const read of gauges) read();
      res
        .set('Cache-Control', 'no-store')
        .type(registry.contentType)
        .send(await registry.metrics());
    }) as RequestHandler,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
