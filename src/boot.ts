/** Boots a server: database, migrations, demo data on first run, app, listen; returns a graceful shutdown. */
import { createServer, type Server } from 'node:http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { assertReachable, createKnex, drainPool, migrateLatest } from './db/index.js';
import { createApp, type AppState } from './app.js';
import { createServices, type Services } from './services.js';
import { startEventLoopGuard } from './web/event-loop-guard.js';
import { seedIfEmpty } from './demo/demo.js';
import { resealTotpSecrets } from './components/accounts/index.js';

export interface RunningServer {
  server: Server;
  db: Knex;
  url: string;
  shutdown(reason?: string): Promise<void>;
}

/**
 * Graceful shutdown: stop accepting, mark /healthz unhealthy, let requests in flight finish,
 * close idle keep-alive sockets, close the database pool; force-close whatever is left after the timeout.
 */
export function createShutdown(deps: {
  server: Server; db: Knex; logger: Logger; state: AppState; timeoutMs: number; closeApp?: () => Promise<unknown>;
  /** Stopped at once, before requests in flight are waited for: work such as a long parse job, whose request then ends. */
  stopWork?: () => Promise<unknown>;
}) {
  let closing: Promise<void> | null = null;
  return (reason = 'shutdown'): Promise<void> => {
    if (closing) return closing;
    deps.state.shuttingDown = true;
    deps.logger.info({ reason }, 'shutting down');
    deps.stopWork?.().catch((err: unknown) => deps.logger.warn({ err }, 'background work not stopped'));
    closing = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        deps.logger.warn('shutdown timeout: closing remaining connections');
        deps.server.closeAllConnections();
      }, deps.timeoutMs);
      timer.unref();
      deps.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      deps.server.closeIdleConnections();
    }).then(async () => {
      await deps.closeApp?.();
      // Work a finished request left behind (a counter flush, a session touch) still holds or waits for a connection:
      // destroying the pool now would abort it and crash the exit. Wait for it, within the shutdown timeout.
      await drainPool(deps.db, deps.timeoutMs);
      await deps.db.destroy();
    });
    return closing;
  };
}

export async function startServer(config: Readonly<Config>, logger: Logger): Promise<RunningServer> {
  const db = createKnex(config.db, { logger });
  try {
    await assertReachable(db);
    const applied = await migrateLatest(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    // TOTP secrets stored in clear by versions before encryption at rest are sealed before the first request.
    const totp = await resealTotpSecrets(db, config.totpKeys, { plaintextOnly: true });
    if (totp.encrypted) logger.info({ encrypted: totp.encrypted }, 'TOTP secrets encrypted at rest');
    if (totp.failed.length)
      logger.error({ users: totp.failed }, 'TOTP secrets that are neither sealed nor base32: their second factor is refused');
  } catch (err) {
    // Close the pool so a caller that does not exit is not kept alive by it.
    await db.destroy();
    throw err;
  }
  const services = createServices(config, db, { logger });
  const { handler, state, close } = createApp(services);
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty({ db, createListing: services.listings.createListing });
    if (seeded) logger.info(seeded, 'demo data loaded');
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(handler);
    s.once('error', reject);
    s.listen(config.port, config.host, () => {
      s.off('error', reject);
      resolve(s);
    });
  });
  // Keep-alive sockets must not outlive a deploy; the load balancer's timeout should be longer than this.
  server.keepAliveTimeout = 5000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  // The background work (counter flushes, jobs, sweeps) runs only in a listening server; closeApp stops it and flushes.
  const stopBackground = startBackground(services);
  const closeApp = async () => {
    stopBackground();
    await close();
    await services.close();
  };
  const shutdown = createShutdown({
    server,
    db,
    logger,
    state,
    timeoutMs: config.shutdownTimeoutMs,
    closeApp,
    stopWork: () => services.bulkPool.close(),
  });
  return { server, db, url, shutdown };
}


/**
 * The server's timers: the event-loop delay guard, the counter flush, the job runner and the expiry sweep. Returns what
 * stops the timers; services.close() then stops the jobs and writes the buffered counters.
 */
export function startBackground(services: Services): () => void {
  const { config, logger } = services;
  const loopGuard = startEventLoopGuard({ logger, warnMs: config.eventLoopDelayWarnMs });
  services.stats.start();
  if (config.jobs.enabled) services.jobs.start(config.jobs.intervalMinutes * 60_000);
  // Ads whose time ran out leave the browse shelves and counts within a minute.
  const sweep = setInterval(() => {
    services.listings.sweepExpired().catch((err: unknown) => logger.warn({ err }, 'expiry sweep failed'));
    services.ads.advanceSchedules().catch((err: unknown) => logger.warn({ err }, 'ad order schedule sweep failed'));
  }, 60_000);
  sweep.unref();
  return () => {
    clearInterval(sweep);
    loopGuard.stop();
  };
}
