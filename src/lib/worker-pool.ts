/**
 * A small pool of worker threads for CPU-bound jobs on user input (pasted ad pages, CSV files), so a large job never
 * holds the event loop: pages and /healthz answer while it runs. node:worker_threads directly rather than piscina: the
 * pool needs only a queue, a time limit per job (the worker is terminated and replaced, which is also how piscina
 * aborts a running task) and a prompt close at shutdown; and loading the worker's TypeScript source in development and
 * tests (below) is easier to control without a library's own worker bootstrap in between.
 *
 * The worker script: `workerUrl` is the compiled file (dist/, or beside the bundled server); when it does not exist
 * the `.ts` source next to it is loaded through tsx, as under `tsx` and vitest.
 */
import fs from 'node:fs';
import { parentPort, Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`job exceeded ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}
export class PoolBusyError extends Error {
  constructor() {
    super('worker pool queue is full');
    this.name = 'PoolBusyError';
  }
}
export class PoolClosedError extends Error {
  constructor() {
    super('worker pool is closed');
    this.name = 'PoolClosedError';
  }
}

export interface WorkerPoolOptions {
  workerUrl: URL;
  /** Threads at most (started on demand, kept while idle). */
  size: number;
  /** A job running longer is stopped: its thread is terminated and the job fails with JobTimeoutError. */
  timeoutMs: number;
  /** Jobs waiting for a thread at most; one more fails at once with PoolBusyError. */
  maxQueue: number;
  /** Told of each finished job (for metrics): its outcome and how long it ran. */
  onJob?: (outcome: 'ok' | 'failed' | 'timeout', ms: number) => void;
}

export interface PoolStats { size: number; busy: number; queued: number }

interface Job { message: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }
/** `ready`: the worker has loaded its script (a job's time limit counts from its start, never the thread's start-up). */
interface Slot { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null; started: number }

/** The script a worker runs: the compiled file, or its TypeScript source through tsx. */
function workerScript(url: URL): { script: string | URL; eval: boolean } {
  if (fs.existsSync(fileURLToPath(url))) return { script: url, eval: false };
  const source = new URL(url.href.replace(/\.js$/, '.ts'));
  return {
    script: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`,
    eval: true,
  };
}

/** A worker answers each message with `{ ok: true, value }` or `{ ok: false, error }` (see runWorkerJobs). */
export function createWorkerPool(opts: WorkerPoolOptions) {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let closed = false;
  const { script, eval: isEval } = workerScript(opts.workerUrl);

  function finish(slot: Slot, outcome: 'ok' | 'failed' | 'timeout', settle: (job: Job) => void): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    if (job) {
      opts.onJob?.(outcome, performance.now() - slot.started);
      settle(job);
    }
    next();
  }

  function spawn(): Slot {
    const worker = new Worker(script, { eval: isEval });
    // An idle worker must not keep a finished process (a CLI, a test) alive.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null, started: 0 };
    worker.on('message', (msg: { ready?: true; ok: boolean; value?: unknown; error?: string }) => {
      if (msg.ready) {
        slot.ready = true;
        next();
        return;
      }
      finish(slot, msg.ok ? 'ok' : 'failed', (job) => (msg.ok ? job.resolve(msg.value) : job.reject(new Error(msg.error ?? 'job failed'))));
    });
    worker.on('error', (err) => {
      drop(slot);
      // A thread that could not even load its script fails the waiting jobs rather than leaving them queued forever.
      if (!slot.ready) for (const job of queue.splice(0)) job.reject(err);
      finish(slot, 'failed', (job) => job.reject(err));
    });
    worker.on('exit', () => {
      if (drop(slot)) finish(slot, 'failed', (job) => job.reject(closed ? new PoolClosedError() : new Error('worker exited')));
    });
    slots.push(slot);
    return slot;
  }

  /** Removes a slot from the pool; false when it was already gone. */
  function drop(slot: Slot): boolean {
    const at = slots.indexOf(slot);
    if (at < 0) return false;
    slots.splice(at, 1);
    return true;
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.started = performance.now();
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      drop(slot);
      void slot.worker.terminate();
      finish(slot, 'timeout', (j) => j.reject(new JobTimeoutError(opts.timeoutMs)));
    }, opts.timeoutMs);
    slot.worker.postMessage(job.message);
  }

  function next(): void {
    for (const slot of slots) if (!slot.job) slot.worker.unref();
    while (queue.length && !closed) {
      const idle = slots.find((s) => s.ready && !s.job);
      if (!idle) {
        // One thread starting at a time; the queue waits for it (or for a busy one to finish).
        if (slots.length < opts.size && slots.every((s) => s.ready)) spawn();
        return;
      }
      start(idle, queue.shift()!);
    }
  }

  return {
    run<T>(message: unknown): Promise<T> {
      if (closed) return Promise.reject(new PoolClosedError());
      const free = opts.size - slots.filter((s) => s.job).length;
      if (queue.length >= free + opts.maxQueue) return Promise.reject(new PoolBusyError());
      return new Promise<T>((resolve, reject) => {
        queue.push({ message, resolve: resolve as (v: unknown) => void, reject });
        next();
      });
    },
    stats(): PoolStats {
      return { size: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length };
    },
    /** Stops every thread at once (a running job fails with PoolClosedError) and refuses queued and new jobs. */
    async close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new PoolClosedError());
      const all = slots.splice(0);
      for (const slot of all) {
        if (slot.timer) clearTimeout(slot.timer);
        const job = slot.job;
        slot.job = null;
        job?.reject(new PoolClosedError());
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;

/** Inside a worker: answers each job message with `handle`'s value (awaited when it is a promise), or the error it threw. */
export function serveJobs(handle: (message: never) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs inside a worker thread');
  port.postMessage({ ready: true });
  const fail = (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  port.on('message', (message: unknown) => {
    try {
      const value = handle(message as never);
      if (value instanceof Promise) value.then((v: unknown) => port.postMessage({ ok: true, value: v }), fail);
      else port.postMessage({ ok: true, value });
    } catch (err) {
      fail(err);
    }
  });
}
