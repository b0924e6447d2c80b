/**
 * `npm run bench`: the page benchmark of issue 11. Generates or reuses a database of --listings listings, starts the
 * production build in its own process (timing the cold start), and measures every target with wrk or autocannon,
 * interleaved with a bare Express 5 + EJS baseline of the listing page's size: baseline, target, baseline, target …
 * Prints a table, writes JSON and an SVG chart to bench/results/, and exits 1 when any request failed.
 * The search latency bench stays `npm run bench:search`. Flags: npm run bench -- --help
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseOptions, USAGE, type BenchOptions } from './pages/options.js';
import { prepareDatabase } from './pages/bench-database.js';
import {
  runNodeScript,
  settle,
  startApp,
  startBaseline,
  startRawBaseline,
  type AppProcess,
  type ServerProcess,
} from './pages/processes.js';
import { buildTargets, sampleDatabase, type Target } from './pages/targets.js';
import { checkOnce, prepareDraftSave } from './pages/advertiser.js';
import { runLoad, type BenchRequest, type LoadResult } from './pages/load.js';
import { failuresOf, printTable, writeResults, type RunReport, type TargetRow } from './pages/report.js';
import { cacheDelta, readCacheCounts } from './pages/cache-counts.js';
import { interleave, printInterleaved, type InterleavedRow } from './pages/interleave.js';

let opts: BenchOptions;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}

// The two server processes; stopped on the way out, also when the bench is interrupted.
let app: AppProcess | null = null;
let appOff: AppProcess | null = null;
let baseline: ServerProcess | null = null;
let rawBaseline: ServerProcess | null = null;
const stopServers = async () => {
  await rawBaseline?.stop();
  await baseline?.stop();
  await app?.stop();
  await appOff?.stop();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopServers().then(() => process.exit(130)));

/** Bytes on the wire of one GET with the given Accept-Encoding (nothing decompressed). */
function wireBytes(origin: string, path: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(origin + path, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => { n += c.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`GET ${path} answered ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/** One page as the app sends it for the bench's request headers: what the raw baseline sends back for every request. */
function wirePage(
  origin: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(origin + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const keep = ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary'].filter((h) => res.headers[h] !== undefined);
          resolve({ headers: Object.fromEntries(keep.map((h) => [h, String(res.headers[h])])), body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

async function listingPageBytes(origin: string, paths: string[]): Promise<RunReport['listingPageBytes']> {
  const median = async (encoding: string) => {
    const sizes = [];
    for (const p of paths) sizes.push(await wireBytes(origin, p, encoding));
    return sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)];
  };
  return { identity: await median('identity'), gzip: await median('gzip'), br: await median('br') };
}

function describeCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return 'unknown';
  }
}

/**
 * Part of the warm-up: every distinct GET of a target is requested once, 32 at a time, so the segment measures the
 * steady state of that set of pages (each page rendered once, then kept until something changes) rather than the
 * first render of up to 1,000 pages. What a first render costs is measured with `--page-cache-seconds 0`.
 */
async function prime(origin: string, t: Target, headers: Record<string, string>): Promise<void> {
  const paths = [...new Set(t.requests.filter((r) => r.method === 'GET').map((r) => r.path))];
  const next = { i: 0 };
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next.i < paths.length) {
      const res = await fetch(origin + paths[next.i++], { headers, redirect: 'manual' });
      await res.arrayBuffer();
    }
  }));
}

/** Every distinct request of a target is sent once before any load (at most 25), so a broken setup fails at once. */
async function precheck(origin: string, t: Target, headers: Record<string, string>): Promise<void> {
  const seen = new Map<string, BenchRequest>();
  for (const r of t.requests) if (!seen.has(r.method + r.path) && seen.size < 25) seen.set(r.method + r.path, r);
  for (const r of seen.values()) await checkOnce(origin, r, t.okStatuses, headers);
}

/**
 * Draft saves timed one at a time while the write mix runs (every 100 ms until `running` settles): the save latency
 * a signed-in advertiser sees under that load, which the load tool's overall percentiles hide among the page reads.
 */
async function probeSaves(
  origin: string,
  save: BenchRequest,
  headers: Record<string, string>,
  running: Promise<unknown>,
): Promise<number[]> {
  let done = false;
  void running.finally(() => {
    done = true;
  });
  const out: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(origin + save.path, {
      method: save.method,
      headers: { ...headers, ...save.headers },
      body: save.body,
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (!done) out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}

async function main(): Promise<number> {
  const loadStart = os.loadavg();
  const appLog = path.join(opts.resultsDir, `app-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const headers: Record<string, string> = opts.acceptEncoding ? { 'Accept-Encoding': opts.acceptEncoding } : {};
  await runNodeScript('scripts/ensure-build.mjs', [], {});
  const database = await prepareDatabase(opts);
  console.log(
    `database: ${database.label}${database.reused ? ' (reused)' : ''}${database.generatedSeconds ? `, generated in ${database.generatedSeconds.toFixed(0)} s` : ''}`,
  );
  if (opts.prepareOnly) return 0;
  try {
    const cache: Record<string, string> = opts.pageCacheSeconds === null ? {} : { PAGE_CACHE_SECONDS: String(opts.pageCacheSeconds) };
    // /metrics for the bench only, to count the page cache's hits and misses in each segment.
    const env = { ...database.env, ...cache, PAGE_FRONT: String(opts.front), METRICS_ALLOW: '127.0.0.1' };
    app = await startApp(env, opts.logLevel, appLog);
    if (opts.interleave) appOff = await startApp({ ...env, PAGE_FRONT: 'false' }, opts.logLevel, appLog.replace(/\.log$/, '-front-off.log'));
    console.log(
      `app (production build) at ${app.origin}, pid ${app.pid}: cold start ${app.coldStartMs.toFixed(0)} ms; its log (level ${opts.logLevel}): ${appLog}`,
    );
    const db = database.open();
    let targets: Target[];
    let listingPaths: string[];
    try {
      const sample = await sampleDatabase(db);
      listingPaths = sample.listingPaths.slice(0, 11);
      targets = buildTargets(sample, await prepareDraftSave(app.origin, db, database.env));
    } finally {
      await db.destroy();
    }
    if (opts.only.length) targets = targets.filter((t) => opts.only.includes(t.name));
    if (targets.length === 0)
      throw new Error(
        `--only matched no target (names: listing, home, category, district, search-page, search-api, category-page2, write-mix, signed-in)`,
      );
    const bytes = await listingPageBytes(app.origin, listingPaths);
    baseline = await startBaseline(bytes.identity);
    rawBaseline = await startRawBaseline(await wirePage(app.origin, listingPaths[0], headers));
    for (const t of targets) await precheck(app.origin, t, headers);
    await settle(app.origin);

    const load = (origin: string, requests: BenchRequest[], ok: number[], seconds: number, seed: number) =>
      runLoad(opts.tool, {
        origin,
        requests,
        okStatuses: ok,
        headers,
        connections: opts.connections,
        seconds,
        timeoutSeconds: opts.timeout,
        seed,
      });
    const baseReq = [{ method: 'GET' as const, path: '/' }];
    if (opts.warmup) await load(baseline.origin, baseReq, [200], opts.warmup, 1);
    const baselines: LoadResult[] = [await load(baseline.origin, baseReq, [200], opts.duration, 1)];
    // The wire: a bare node:http server sending one listing page's bytes, measured beside each target too.
    if (opts.warmup) await load(rawBaseline.origin, baseReq, [200], opts.warmup, 1);
    const rawBaselines: LoadResult[] = [await load(rawBaseline.origin, baseReq, [200], opts.duration, 1)];
    const rows: TargetRow[] = [];
    const interleaved: InterleavedRow[] = [];
    for (const [i, t] of targets.entries()) {
      process.stderr.write(`measuring ${t.label}…\n`);
      if (opts.warmup) {
        await prime(app.origin, t, headers);
        await load(app.origin, t.requests, t.okStatuses, opts.warmup, 1000 + i);
        await settle(app.origin);
      }
      const countsBefore = await readCacheCounts(app.origin);
      const running = load(app.origin, t.requests, t.okStatuses, opts.duration, 2000 + i);
      const saveRequest = t.name === 'write-mix' ? t.requests.find((r) => r.method === 'POST' && !r.path.endsWith('/calls')) : undefined;
      const saves = saveRequest ? await probeSaves(app.origin, saveRequest, headers, running) : [];
      const result = await running;
      const cacheCounts = cacheDelta(countsBefore, await readCacheCounts(app.origin));
      if (appOff) {
        const ready = async (origin: string) => {
          await settle(origin);
          await prime(origin, t, headers);
          if (opts.warmup) await load(origin, t.requests, t.okStatuses, opts.warmup, 1000 + i);
          await settle(origin);
        };
        const both = await interleave(result, { on: app.origin, off: appOff.origin }, ready, (origin, seed) =>
          load(origin, t.requests, t.okStatuses, opts.duration, 5000 + 10 * i + seed),
        );
        interleaved.push({ name: t.name, label: t.label, ...both, onRssMb: app.peakRssMb(), offRssMb: appOff.peakRssMb() });
      }
      if (saves.length) {
        const s = [...saves].sort((a, b) => a - b);
        const at = (q: number) => s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))].toFixed(1);
        console.log(
          `draft saves timed inside the write mix: ${s.length}, p50 ${at(50)} ms, p95 ${at(95)} ms, max ${s[s.length - 1].toFixed(1)} ms`,
        );
      }
      const appRssMb = app.rssMb();
      await settle(app.origin);
      baselines.push(await load(baseline.origin, baseReq, [200], opts.duration, 3000 + i));
      rawBaselines.push(await load(rawBaseline.origin, baseReq, [200], opts.duration, 4000 + i));
      const baselineRps = (baselines[i].rps + baselines[i + 1].rps) / 2;
      const rawRps = (rawBaselines[i].rps + rawBaselines[i + 1].rps) / 2;
      rows.push({
        name: t.name,
        label: t.label,
        result,
        baselineRps,
        ratio: result.rps / baselineRps,
        rawRps,
        rawRatio: result.rps / rawRps,
        appRssMb,
        cache: cacheCounts,
      });
    }
    const failures = [
      ...baselines.flatMap((b, i) => failuresOf(`baseline #${i + 1}`, b)),
      ...rawBaselines.flatMap((b, i) => failuresOf(`raw baseline #${i + 1}`, b)),
      ...rows.flatMap((r) => failuresOf(r.name, r.result)),
    ];
    // A 303 also answers a lost session (to /login): the writes must still land where a saved draft goes.
    for (const t of targets.filter((x) => x.name === 'write-mix')) {
      await precheck(app.origin, t, headers).catch((err: Error) => failures.push(`write-mix after the run: ${err.message}`));
    }
    const cpus = os.cpus();
    const report: RunReport = {
      date: new Date().toISOString(),
      machine: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
      node: process.versions.node,
      commit: describeCommit(),
      engine: opts.engine === 'pg' ? 'PostgreSQL' : 'SQLite',
      database: database.label,
      listings: opts.listings,
      generatedSeconds: database.generatedSeconds,
      tool: opts.tool,
      connections: opts.connections,
      durationSeconds: opts.duration,
      warmupSeconds: opts.warmup,
      pageCacheSeconds: opts.pageCacheSeconds ?? 'default',
      front: opts.front,
      rawBaselines,
      acceptEncoding: opts.acceptEncoding,
      loadAverage: { start: loadStart, end: os.loadavg() },
      coldStartMs: app.coldStartMs,
      firstPageMs: app.firstPageMs,
      peakRssMb: app.peakRssMb(),
      baselinePeakRssMb: baseline.peakRssMb(),
      listingPageBytes: bytes,
      baselines,
      targets: rows,
      interleaved,
      failures,
    };
    printTable(report);
    printInterleaved(interleaved);
    const files = writeResults(opts.resultsDir, report);
    console.log(`results: ${files.json}\nchart:   ${files.svg}`);
    if (failures.length) {
      console.error(`\nFAILED: requests went wrong, so these figures do not count:\n  ${failures.join('\n  ')}\nthe app's log: ${appLog}`);
      return 1;
    }
    return 0;
  } finally {
    await stopServers();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
