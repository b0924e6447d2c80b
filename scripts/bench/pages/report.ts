/** The bench's output: a table on the terminal, the whole run as JSON and a bar chart as SVG in bench/results/. */
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.js';
import type { InterleavedRow } from './interleave.js';

export interface TargetRow {
  name: string;
  label: string;
  result: LoadResult;
  /** Mean req/s of the baseline segments right before and after this target. */
  baselineRps: number;
  ratio: number;
  /** Mean req/s of the raw node:http baseline (one listing page's bytes) right before and after this target. */
  rawRps: number;
  rawRatio: number;
  appRssMb: number;
  /** The page cache's hits and misses during the segment (from /metrics), and the pages kept at its end. */
  cache: { hits: number; misses: number; hitShare: number; pages: number } | null;
}

export interface RunReport {
  date: string;
  machine: string;
  node: string;
  commit: string;
  engine: string;
  database: string;
  listings: number;
  generatedSeconds: number | null;
  tool: string;
  connections: number;
  durationSeconds: number;
  /** Seconds of load before each segment (after each distinct page was requested once); 0 = none. */
  warmupSeconds: number;
  /** The app's PAGE_CACHE_SECONDS ('default' when not set by the bench). */
  pageCacheSeconds: number | 'default';
  /** PAGE_FRONT: kept pages answered before Express (web/front.ts). */
  front: boolean;
  /** The raw node:http baseline's segments (scripts/bench/raw-baseline-server.ts), interleaved like `baselines`. */
  rawBaselines: LoadResult[];
  acceptEncoding: string;
  /** os.loadavg() (1, 5, 15 min) at the start and the end: other work on the machine shows here. */
  loadAverage: { start: number[]; end: number[] };
  coldStartMs: number;
  firstPageMs: number;
  peakRssMb: number;
  baselinePeakRssMb: number;
  listingPageBytes: { identity: number; gzip: number; br: number };
  baselines: LoadResult[];
  targets: TargetRow[];
  /** `--front both`: each target's segments on the app with and without the front, alternating. */
  interleaved?: InterleavedRow[];
  failures: string[];
}

const ratio = (n: number) => `${n < 0.1 ? n.toFixed(3) : n.toFixed(2)}×`;
const rate = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');

/** Every error of a segment, as a sentence (empty when clean). */
export function failuresOf(name: string, r: LoadResult): string[] {
  const out: string[] = [];
  if (r.unexpectedStatus) out.push(`${name}: ${r.unexpectedStatus} responses with an unexpected status (e.g. ${r.sampleStatus})`);
  if (r.socketErrors) out.push(`${name}: ${r.socketErrors} socket errors`);
  if (r.timeouts) out.push(`${name}: ${r.timeouts} timeouts`);
  if (r.requests === 0) out.push(`${name}: no request completed`);
  return out;
}

export function printTable(rep: RunReport): void {
  const head = [
    'target',
    'requests',
    'req/s',
    '× base',
    '× raw',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'KB/resp',
    'kept %',
    'bad status',
    'sock err',
    'timeouts',
  ];
  const rows = rep.targets.map((t) => [
    t.label,
    String(t.result.requests),
    t.result.rps.toFixed(1),
    ratio(t.ratio),
    ratio(t.rawRatio),
    ms(t.result.p50),
    ms(t.result.p95),
    ms(t.result.p99),
    (t.result.bytesPerResponse / 1024).toFixed(1),
    t.cache && Number.isFinite(t.cache.hitShare) ? `${(t.cache.hitShare * 100).toFixed(1)}` : '—',
    String(t.result.unexpectedStatus),
    String(t.result.socketErrors),
    String(t.result.timeouts),
  ]);
  const baseRow = (label: string, b: LoadResult[], base: string, raw: string) => {
    const avg = (f: (r: LoadResult) => number) => b.reduce((s, r) => s + f(r), 0) / (b.length || 1);
    return [
      `${label}, ${b.length} runs)`,
      String(Math.round(avg((r) => r.requests))),
      avg((r) => r.rps).toFixed(1),
      base,
      raw,
      ms(avg((r) => r.p50)),
      ms(avg((r) => r.p95)),
      ms(avg((r) => r.p99)),
      (avg((r) => r.bytesPerResponse) / 1024).toFixed(1),
      '',
      String(b.reduce((s, r) => s + r.unexpectedStatus, 0)),
      String(b.reduce((s, r) => s + r.socketErrors, 0)),
      String(b.reduce((s, r) => s + r.timeouts, 0)),
    ];
  };
  rows.unshift(baseRow('raw baseline (node:http, same bytes', rep.rawBaselines ?? [], '', '1×'));
  rows.unshift(baseRow('baseline (bare Express+EJS', rep.baselines, '1×', ''));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `\nGolmok page bench — ${rep.listings.toLocaleString('en-US')} listings on ${rep.engine}, ${rep.tool}, ${rep.connections} connections, ${rep.durationSeconds} s per segment (warm-up ${rep.warmupSeconds} s), page cache ${rep.pageCacheSeconds === 0 ? 'off' : rep.pageCacheSeconds === 'default' ? 'on (default)' : `${rep.pageCacheSeconds} s`}, front ${rep.front === false ? 'off' : 'on'}`,
  );
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `${rep.date} · ${rep.machine} · Node ${rep.node} · commit ${rep.commit} · load average ${load(rep.loadAverage.start)} → ${load(rep.loadAverage.end)}`,
  );
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(
    `cold start to first /healthz: ${ms(rep.coldStartMs)} ms, then first home page ${ms(rep.firstPageMs)} ms · peak RSS app ${rep.peakRssMb.toFixed(0)} MB (baseline ${rep.baselinePeakRssMb.toFixed(0)} MB)`,
  );
  const lp = rep.listingPageBytes;
  console.log(
    `listing page bytes (median of sampled pages): ${lp.identity} uncompressed, ${lp.gzip} with gzip, ${lp.br} with br · Accept-Encoding sent under load: ${rep.acceptEncoding || '(none)'}`,
  );
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Horizontal bars: each target's req/s as a share of the same run's baseline, with its p99. */
export function chartSvg(rep: RunReport): string {
  const rowH = 34;
  const left = 230;
  const width = 760;
  const barMax = width - left - 190;
  const top = 56;
  const height = top + rep.targets.length * rowH + 40;
  const scale = Math.max(1, ...rep.targets.map((t) => t.ratio));
  const bars = rep.targets.map((t, i) => {
    const y = top + i * rowH;
    const w = Math.max(1, (t.ratio / scale) * barMax);
    const bad = failuresOf(t.name, t.result).length > 0;
    return (
      `<text x="${left - 8}" y="${y + 20}" text-anchor="end">${esc(t.label)}</text>` +
      `<rect x="${left}" y="${y + 6}" width="${w.toFixed(1)}" height="20" fill="${bad ? '#c0392b' : '#2e86c1'}"/>` +
      `<text x="${(left + w + 6).toFixed(1)}" y="${y + 20}">${ratio(t.ratio)} · ${rate(t.result.rps)} req/s · p99 ${ms(t.result.p99)} ms${bad ? ' · ERRORS' : ''}</text>`
    );
  }).join('\n');
  const one = left + barMax / scale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" font-size="15" font-weight="bold">${esc(`Golmok bench: ${rep.listings.toLocaleString('en-US')} listings, ${rep.engine}, ${rep.connections} connections`)}</text>
<text x="12" y="42" fill="#555">${esc(`req/s as a share of a bare Express 5 + EJS page of the same size (same run) · ${rep.date} · ${rep.tool}`)}</text>
${bars}
<line x1="${one.toFixed(1)}" y1="${top}" x2="${one.toFixed(1)}" y2="${height - 30}" stroke="#888" stroke-dasharray="4 3"/>
<text x="${one.toFixed(1)}" y="${height - 14}" text-anchor="middle" fill="#555">1× baseline</text>
</svg>
`;
}

export function writeResults(dir: string, rep: RunReport): { json: string; svg: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stem = `bench-${rep.engine.toLowerCase().split(' ')[0]}-${rep.listings}-${rep.date.replace(/[:.]/g, '-')}`;
  const json = path.join(dir, `${stem}.json`);
  const svg = path.join(dir, `${stem}.svg`);
  fs.writeFileSync(json, JSON.stringify(rep, null, 2));
  fs.writeFileSync(svg, chartSvg(rep));
  return { json, svg };
}
