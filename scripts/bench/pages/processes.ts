/**
 * The processes of a bench run: the app's production build (`dist/`, NODE_ENV=production) and the bare baseline app,
 * each in its own process; CLI runs; cold start, peak RSS and waiting until a server is idle again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const runFiles = path.join(os.tmpdir(), 'golmok-bench-run');

/** What every app process and CLI of the bench gets; nothing else leaks in from the caller's environment. */
export function appEnv(extra: Record<string, string>, logLevel = 'warn'): Record<string, string> {
  const keep = Object.fromEntries(['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  return {
    ...keep,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-only-secret-not-for-production',
    // Required in production: the origin links are printed with (startApp sets the server's own).
    PUBLIC_URL: 'http://localhost',
    TOTP_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    LOG_LEVEL: logLevel,
    SEED_ON_START: 'false',
    RATE_LIMIT_ENABLED: 'false',
    POW_ENABLED: 'false',
    // Behind a proxy as in production, so the bench's X-Forwarded-Proto: https lets the session set its Secure cookie.
    TRUST_PROXY: '1',
    UPLOADS_DIR: path.join(runFiles, 'uploads'),
    OUTBOX_DIR: path.join(runFiles, 'outbox'),
    ...extra,
  };
}

/**
 * The environment `npm start` adds for the server: glibc's malloc arenas capped (package.json
 * config.server_malloc_arena_max, unless MALLOC_ARENA_MAX is set), see README "Memory".
 */
export function serverEnv(): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    config?: { server_malloc_arena_max?: string };
  };
  const arenas = process.env.MALLOC_ARENA_MAX || pkg.config?.server_malloc_arena_max;
  return arenas ? { MALLOC_ARENA_MAX: arenas } : {};
}

/**
 * The V8 flags `npm start` gives the server (package.json config.server_node_flags), so the bench measures the same
 * process; then BENCH_SERVER_NODE_FLAGS, extra flags for a diagnostic run (`--heapsnapshot-signal=SIGUSR2`, `--cpu-prof`…).
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { config?: { server_node_flags?: string } };
  return `${pkg.config?.server_node_flags ?? ''} ${process.env.BENCH_SERVER_NODE_FLAGS ?? ''}`.split(/\s+/).filter(Boolean);
}

/** Runs a compiled script (e.g. a CLI of dist/) to completion; `nice` for long generation runs. */
export function runNodeScript(script: string, args: string[], env: Record<string, string>, opts: { nice?: boolean } = {}): Promise<void> {
  const argv = [path.join(projectRoot, script), ...args];
  const child = opts.nice ? spawn('nice', ['-n', '10', process.execPath, ...argv], { cwd: projectRoot, env: appEnv(env), stdio: 'inherit' })
    : spawn(process.execPath, argv, { cwd: projectRoot, env: appEnv(env), stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`))));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerProcess {
  name: string;
  origin: string;
  pid: number;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  rssMb(): number;
  /** SIGTERM (a graceful shutdown), SIGKILL after `graceMs` (15 s); resolves to how the process ended. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

export interface ExitInfo { code: number | null; signal: string | null; killed: boolean }

function procStatus(pid: number, field: string): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function wrap(name: string, child: ChildProcess, origin: string): ServerProcess {
  let exit: ExitInfo | null = child.exitCode !== null ? { code: child.exitCode, signal: null, killed: false } : null;
  let killed = false;
  child.once('exit', (code, signal) => { exit = { code, signal, killed }; });
  return {
    name, origin, pid: child.pid!,
    peakRssMb: () => procStatus(child.pid!, 'VmHWM'),
    rssMb: () => procStatus(child.pid!, 'VmRSS'),
    stop: (graceMs = 15_000) => new Promise<ExitInfo>((resolve) => {
      if (exit) return resolve(exit);
      const kill = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, graceMs);
      child.once('exit', (code, signal) => { clearTimeout(kill); resolve({ code, signal, killed }); });
      child.kill('SIGTERM');
    }),
  };
}

/** GETs until the server answers 200 (connection refused is retried); milliseconds from `since`. */
async function firstAnswer(url: string, child: ChildProcess, since: number, limitMs = 120_000): Promise<number> {
  while (performance.now() - since < limitMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`${url} did not answer within ${limitMs / 1000} s`);
}

export interface AppProcess extends ServerProcess {
  /** Spawn to the first 200 of /healthz (database open, migrations checked, listening). */
  coldStartMs: number;
  /** The first home page right after, on cold caches. */
  firstPageMs: number;
}

/**
 * Starts `node dist/src/server.js` (the production build) on a free port, timing the cold start; its output goes to
 * `logFile`. `source: true` runs src/server.ts through tsx instead (tests, which have no build); `entry` another
 * compiled server script and `nodeFlags` other flags than package.json's (scripts/bench/cold-start.ts compares builds);
 * `ownSession: true`
 * starts it in a session of its own (so its CPU share can be raised on its own: see `raiseCpuShare`).
 */
export async function startApp(
  dbEnv: Record<string, string>,
  logLevel: string,
  logFile: string,
  opts: { source?: boolean; ownSession?: boolean; entry?: string; nodeFlags?: string[] } = {},
): Promise<AppProcess> {
  const port = await freePort();
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const started = performance.now();
  const entry = opts.source
    ? ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')]
    : [opts.entry ?? path.join(projectRoot, 'dist', 'src', 'server.js')];
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? serverNodeFlags()), ...entry], {
    cwd: projectRoot,
    env: appEnv({ ...serverEnv(), PUBLIC_URL: `http://localhost:${port}`, ...dbEnv, HOST: '127.0.0.1', PORT: String(port) }, logLevel),
    stdio: ['ignore', log, log],
    detached: opts.ownSession === true,
  });
  fs.closeSync(log);
  const origin = `http://127.0.0.1:${port}`;
  try {
    const coldStartMs = await firstAnswer(`${origin}/healthz`, child, started);
    const t = performance.now();
    const first = await fetch(`${origin}/`);
    await first.arrayBuffer();
    if (first.status !== 200) throw new Error(`GET / answered ${first.status} after start`);
    return { ...wrap('app', child, origin), coldStartMs, firstPageMs: performance.now() - t };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

/**
 * Raises the CPU share of the session `pid` belongs to, on a machine shared with other work: Linux's scheduler gives
 * every session (autogroup) an equal share whatever the processes' nice values, so the share is set on the autogroup
 * (`/proc/<pid>/autogroup`, needs root; its nice -15 weighs about 28 times of a default session). False when not allowed
 * or not Linux: the run then competes as any other session.
 */
export function raiseCpuShare(pid: number | undefined, nice = -15): boolean {
  if (!pid) return false;
  try {
    fs.writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the raw node:http baseline (scripts/bench/raw-baseline-server.ts, compiled) sending `page` — one listing page
 * as the app sent it — for every request.
 */
export async function startRawBaseline(page: { headers: Record<string, string>; body: Buffer }): Promise<ServerProcess> {
  const port = await freePort();
  fs.mkdirSync(runFiles, { recursive: true });
  const file = path.join(runFiles, `raw-page-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ headers: page.headers, body: page.body.toString('base64') }));
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist', 'scripts', 'bench', 'raw-baseline-server.js'), file, String(port)],
    {
      cwd: projectRoot,
      env: appEnv({}),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  await firstAnswer(`${origin}/`, child, performance.now(), 30_000);
  return wrap('raw baseline', child, origin);
}

/** Starts the bare Express 5 + EJS app serving a fixed page of `bytes` bytes (scripts/bench/baseline-server.ts, compiled). */
export async function startBaseline(bytes: number): Promise<ServerProcess> {
  const port = await freePort();
  const script = path.join(projectRoot, 'dist', 'scripts', 'bench', 'baseline-server.js');
  const views = path.join(projectRoot, 'scripts', 'bench', 'pages');
  const child = spawn(process.execPath, [script, String(bytes), String(port), views], {
    cwd: projectRoot, env: appEnv({}), stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  await firstAnswer(`${origin}/`, child, performance.now(), 30_000);
  return wrap('baseline', child, origin);
}

/**
 * Waits until the server is idle again: after a load run, requests queued in the server (a slow page under 32
 * connections) would otherwise run into the next segment. Idle = /healthz answers within 250 ms twice in a row.
 */
export async function settle(origin: string, limitMs = 600_000): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while (fast < 2 && performance.now() - started < limitMs) {
    const t = performance.now();
    try {
      const res = await fetch(`${origin}/healthz`);
      await res.arrayBuffer();
      fast = res.status === 200 && performance.now() - t < 250 ? fast + 1 : 0;
    } catch {
      fast = 0;
      await sleep(100);
    }
  }
  return performance.now() - started;
}
