/**
 * The job runner: wakes up every few minutes inside each instance (or once, from cron via `npm run jobs:run-once`),
 * takes the database lease and runs every job in turn. Jobs must be safe to repeat and to race (each claims its own
 * rows); the lease only keeps instances from doing the same work at the same time.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import * as repo from './jobs.repository.js';

export interface Job {
  name: string;
  /** Does one batch of work; resolves to how many things it did. */
  run(): Promise<number>;
}

export const LEASE_NAME = 'jobs';

/** `onJob`: told of each job run and whether it succeeded (metrics). */
export function createJobRunner(deps: {
  db: Knex;
  clock: Clock;
  jobs: Job[];
  logger?: Logger;
  leaseMs?: number;
  holder?: string;
  onJob?: (name: string, ok: boolean) => void;
}) {
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<Record<string, number> | null> | null = null;

  async function runAll(): Promise<Record<string, number> | null> {
    if (!(await repo.takeLease(deps.db, LEASE_NAME, holder, deps.clock.now().getTime(), leaseMs))) return null;
    const done: Record<string, number> = {};
    try {
      for (const job of deps.jobs) {
        try {
          done[job.name] = await job.run();
          deps.onJob?.(job.name, true);
        } catch (err) {
          deps.logger?.error({ err, job: job.name }, 'job failed');
          done[job.name] = -1;
          deps.onJob?.(job.name, false);
        }
        // Still ours? A runner that lost its lease (it took longer than the lease) stops between jobs.
        if (!(await repo.takeLease(deps.db, LEASE_NAME, holder, deps.clock.now().getTime(), leaseMs))) break;
      }
    } finally {
      await repo.releaseLease(deps.db, LEASE_NAME, holder).catch(() => undefined);
    }
    if (Object.values(done).some((n) => n > 0)) deps.logger?.info({ jobs: done }, 'jobs ran');
    return done;
  }

  return {
    holder,
    /** Runs every job once if this runner gets the lease; null when another holds it. */
    runOnce(): Promise<Record<string, number> | null> {
      running ??= runAll().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs: number): void {
      if (timer) return;
      timer = setInterval(() => {
        void this.runOnce().catch((err) => deps.logger?.error({ err }, 'job runner failed'));
      }, intervalMs);
      timer.unref();
    },
    /** Stops the timer and waits for a run in progress. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
