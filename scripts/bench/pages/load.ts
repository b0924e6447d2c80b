/**
 * Load generation for one segment: wrk (when installed) or autocannon, both over the same request list picked at
 * random per request, with the same result shape: req/s, latency percentiles, bytes, unexpected statuses and errors.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { LoadTool } from './options.js';

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  origin: string;
  requests: BenchRequest[];
  /** Statuses that count as success; anything else is an error of the run. */
  okStatuses: number[];
  /** Headers on every request (e.g. Accept-Encoding). */
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  seed: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Mean bytes per response on the wire (headers included for wrk, body only for autocannon). */
  bytesPerResponse: number;
  unexpectedStatus: number;
  /** One of the unexpected statuses, to name in the failure. */
  sampleStatus: number | null;
  socketErrors: number;
  timeouts: number;
}

function rawRequest(r: BenchRequest, host: string, common: Record<string, string>): Buffer {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
  const headers = { Host: host, ...common, ...r.headers, ...(r.method === 'POST' ? { 'Content-Length': String(body.length) } : {}) };
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/**
 * A Lua string literal of arbitrary bytes (decimal escapes, valid in LuaJIT/Lua 5.1). Escapes are always three digits:
 * Lua reads up to three, so a short one ("\10" for LF) followed by a digit of the body would swallow it and change
 * the bytes sent (a body shorter than its Content-Length leaves the server waiting and the connection stuck).
 */
export function luaString(bytes: Buffer): string {
  let out = '"';
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`;
  return `${out}"`;
}

export function wrkScript(spec: LoadSpec): string {
  const host = new URL(spec.origin).host;
  const reqs = spec.requests.map((r) => luaString(rawRequest(r, host, spec.headers))).join(',\n');
  return `local reqs = {\n${reqs}\n}
local n = #reqs
local ok = { ${spec.okStatuses.map((s) => `[${s}] = true`).join(', ')} }
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end
function init(args)
  bad = 0
  sample = 0
  math.randomseed(${spec.seed} * 100 + tid)
end
function request()
  return reqs[math.random(n)]
end
function response(status, headers, body)
  if not ok[status] then
    bad = bad + 1
    sample = status
  end
end
function done(summary, latency, requests)
  local b, s = 0, 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
    if t:get("sample") ~= 0 then s = t:get("sample") end
  end
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"unexpected":%d,"sample":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, b, s))
end
`;
}

async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-wrk-'));
  const script = path.join(dir, 'requests.lua');
  fs.writeFileSync(script, wrkScript(spec));
  const threads = String(Math.min(2, spec.connections));
  const args = [
    '-t',
    threads,
    '-c',
    String(spec.connections),
    '-d',
    `${spec.seconds}s`,
    '--timeout',
    `${spec.timeoutSeconds}s`,
    '-s',
    script,
    spec.origin,
  ];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c) => { text += c; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${out}`);
  const r = JSON.parse(line.slice('WRK_RESULT '.length)) as Record<string, number>;
  const seconds = r.duration_us / 1e6;
  return {
    requests: r.requests, seconds, rps: r.requests / seconds,
    p50: r.p50 / 1000, p95: r.p95 / 1000, p99: r.p99 / 1000, max: r.max / 1000,
    bytesPerResponse: r.requests ? r.bytes / r.requests : 0,
    unexpectedStatus: r.unexpected, sampleStatus: r.sample || null,
    socketErrors: r.connect + r.read + r.write, timeouts: r.timeout,
  };
}

function percentileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A small seeded generator, so both tools pick the same kind of random sequence per run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const random = seededRandom(spec.seed);
  const ok = new Set(spec.okStatuses);
  const latencies: number[] = [];
  let unexpected = 0;
  let sample: number | null = null;
  const instance = autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSeconds,
    headers: spec.headers,
    requests: [{
      setupRequest: (req: Record<string, unknown>) => {
        const r = spec.requests[Math.floor(random() * spec.requests.length)];
        return { ...req, method: r.method, path: r.path, headers: { ...spec.headers, ...r.headers }, body: r.body ?? undefined };
      },
    }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (!ok.has(status)) {
      unexpected++;
      sample = status;
    }
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const seconds = result.duration;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentileOf(latencies, 50),
    p95: percentileOf(latencies, 95),
    p99: percentileOf(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    bytesPerResponse: latencies.length ? result.throughput.total / latencies.length : 0,
    unexpectedStatus: unexpected,
    sampleStatus: sample,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
  };
}

export function runLoad(tool: LoadTool, spec: LoadSpec): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}
