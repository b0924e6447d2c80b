/** Start: config, database, migrations, demo data, listen, graceful shutdown on SIGTERM/SIGINT. */
import './threadpool.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { createLogger } from './core/logger.js';
import { startServer, type RunningServer } from './boot.js';

async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    running = await startServer(config, logger);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Golmok is running at ${running.url}\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Whatever still holds the process after the shutdown timeout (a hung connection, a job), the process ends.
      setTimeout(() => {
        logger.error({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish in time: exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs + 1000).unref();
      running.shutdown(signal).then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

void main();
