/**
 * `BENCH_DATABASE_URL=postgres://… BENCH_DB_SCHEMA=<schema> tsx scripts/bench/search-explain.ts [--queries '떡갈비,서구 드론']
 * [--all] [--json]`: the one search statement each query runs on PostgreSQL, under EXPLAIN (ANALYZE, BUFFERS). Prints per
 * query the matches counted, the recency windows asked, the execution time, the buffers touched, and for every scan of
 * search_documents the rows it returned, the heap blocks it read and the posting lists GIN merged: evidence that does
 * not move with the machine's load, unlike the search bench's latency. Default queries: the slowest of the bench's mix
 * at a million listings (docs/search-engine.md); `--all` the whole mix. It writes nothing (a search without counters;
 * nothing is migrated: run it on a schema the current code has migrated).
 */
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config/index.js';
import { createKnex } from '../../src/db/index.js';
import { createSearchService } from '../../src/components/search/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { SEARCHES } from './search-mix.js';

const { values } = parseArgs({
  options: { queries: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } }, strict: true,
});
const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  process.stderr.write('search-explain reads PostgreSQL plans: set BENCH_DATABASE_URL (and BENCH_DB_SCHEMA)\n');
  process.exit(2);
}
const SLOWEST = '떡갈비,서구 드론,근조화환 3단,광산구 카페,포장 이사';
const queries = values.all ? SEARCHES : (values.queries ?? SLOWEST).split(',').map((q) => q.trim()).filter(Boolean);

interface PlanNode {
  'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'CTE Name'?: string; 'Subplan Name'?: string;
  'Actual Rows'?: number; 'Actual Loops'?: number; 'Exact Heap Blocks'?: number; 'Lossy Heap Blocks'?: number;
  'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; 'Recheck Cond'?: string; 'Index Cond'?: string; Filter?: string;
  'Actual Total Time'?: number; Plans?: PlanNode[];
}
interface Scan {
  where: string; node: string; rows: number; loops: number; heapBlocks: number; buffers: number; ms: number; recency: number;
}

/** Scans of search_documents (and the bitmap index scans under them), each with the CTE it belongs to. */
function scansOf(node: PlanNode, where = 'main', out: Scan[] = []): Scan[] {
  const here = node['CTE Name'] ?? node['Subplan Name'] ?? where;
  const onDocs = node['Relation Name'] === 'search_documents' || (node['Index Name'] ?? '').includes('search_documents');
  if (onDocs || node['Node Type'] === 'Bitmap Index Scan') {
    const cond = node['Recheck Cond'] ?? node['Index Cond'] ?? node.Filter ?? '';
    out.push({
      where: here, node: node['Node Type'], rows: node['Actual Rows'] ?? 0, loops: node['Actual Loops'] ?? 0,
      heapBlocks: (node['Exact Heap Blocks'] ?? 0) + (node['Lossy Heap Blocks'] ?? 0),
      buffers: (node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0), ms: node['Actual Total Time'] ?? 0,
      // Recency tokens in the condition: a window (`zzr…`), counted per scan.
      recency: (cond.match(/zzr\d+/g) ?? []).length,
    });
  }
  for (const child of node.Plans ?? []) scansOf(child, here, out);
  return out;
}

/** The statement as knex reported it (pg's `$1`, `$2`, … in order) back in knex's `?` form, any literal `?` escaped. */
function asKnexSql(native: string): string {
  let expected = 1;
  return native.replace(/\?/g, '\\?').replace(/\$(\d+)/g, (_m, n: string) => {
    if (Number(n) !== expected++) throw new Error('placeholders out of order');
    return '?';
  });
}

const config = loadConfig({
  NODE_ENV: 'production', PUBLIC_URL: 'http://localhost', SESSION_SECRET: 'bench-only-secret-value', LOG_LEVEL: 'silent',
  TOTP_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', DATABASE_URL: url,
  ...(process.env.BENCH_DB_SCHEMA ? { DB_SCHEMA: process.env.BENCH_DB_SCHEMA } : {}),
});
const db = createKnex(config.db);
const listings = Number((await db('search_documents').count({ n: '*' }).first())?.n ?? 0);
const report: Array<Record<string, unknown>> = [];
process.stdout.write(`search statements under EXPLAIN (ANALYZE, BUFFERS), schema ${process.env.BENCH_DB_SCHEMA ?? 'public'}, `
  + `${listings.toLocaleString('en')} indexed listings\n\n`);

for (const q of queries) {
  const statements: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const capture = (e: { sql: string; bindings?: readonly unknown[] }) => {
    if (/^\s*WITH /i.test(e.sql)) statements.push({ sql: e.sql, bindings: e.bindings ?? [] });
  };
  db.on('query', capture);
  try {
    await db.transaction(async (trx) => {
      // A transaction runs the statement through knex (not a per-connection prepared statement), so it is seen here.
      const search = createSearchService({ db: trx, clock: systemClock });
      const out = await search.search({ q, sort: 'relevance', page: 1, pageSize: config.pageSize });
      const main = statements[0];
      if (!main) {
        report.push({ q, total: out?.total ?? 0, note: 'no search statement (nothing to match)' });
        return;
      }
      const sql = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${asKnexSql(main.sql)}`;
      const explained = (await trx.raw(sql, main.bindings as Knex.RawBinding[])) as {
        rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }> }>;
      };
      const [plan] = explained.rows[0]['QUERY PLAN'];
      const scans = scansOf(plan.Plan);
      report.push({
        q, total: out?.total ?? 0, statements: statements.length, executionMs: plan['Execution Time'],
        buffers: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
        heapRows: scans.filter((s) => s.node === 'Bitmap Heap Scan').reduce((n, s) => n + s.rows * s.loops, 0),
        heapBlocks: scans.reduce((n, s) => n + s.heapBlocks, 0), scans,
      });
    });
  } finally {
    db.off('query', capture);
  }
}

if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  process.stdout.write('| query | matches | statements | exec ms | buffers | heap rows | heap blocks |\n');
  process.stdout.write('|---|---:|---:|---:|---:|---:|---:|\n');
  for (const r of report) {
    process.stdout.write(`| ${String(r.q)} | ${String(r.total)} | ${String(r.statements ?? 0)} | ${Number(r.executionMs ?? 0).toFixed(1)} `
      + `| ${String(r.buffers ?? 0)} | ${String(r.heapRows ?? 0)} | ${String(r.heapBlocks ?? 0)} |\n`);
  }
  for (const r of report.filter((x) => Array.isArray(x.scans))) {
    process.stdout.write(`\n${String(r.q)}:\n`);
    for (const s of r.scans as Scan[]) {
      process.stdout.write(`  ${s.where.padEnd(14)} ${s.node.padEnd(18)} rows ${String(s.rows).padStart(7)} × ${s.loops}`
        + `  heap blocks ${String(s.heapBlocks).padStart(6)}  buffers ${String(s.buffers).padStart(6)}  ${s.ms.toFixed(1).padStart(7)} ms`
        + `${s.recency ? `  window of ${s.recency} recency tokens` : ''}\n`);
    }
  }
}
await db.destroy();
