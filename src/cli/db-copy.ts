/**
 * `npm run db:copy -- --from sqlite:data/golmok.sqlite --to postgres://user@host/db [--to-schema s] [--force]`:
 * moves a site's data to PostgreSQL in one go and verifies the row counts. The search documents are copied with the
 * rest; `--reindex` rebuilds them from the listings afterwards (slow at scale: every listing is read again).
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { assertReachable, copyDatabase, createKnex } from '../db/index.js';
import { createLogger } from '../core/logger.js';
import { loadConfig } from '../config/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, errorLine, println, runIfMain, type CliEnv, type CliIo } from './cli-kit.js';

const USAGE =
  'Usage: npm run db:copy -- --from sqlite:data/golmok.sqlite --to postgres://user@host:5432/golmok [--to-schema name] [--force] [--reindex]';

function knexFor(url: string, logger: Logger, schema?: string): Knex {
  if (url.startsWith('sqlite:'))
    return createKnex(
      { client: 'sqlite', filename: path.resolve(url.slice('sqlite:'.length)), poolMax: 1, readers: 0, busyTimeoutMs: 5000 },
      { logger },
    );
  if (/^postgres(ql)?:\/\//.test(url)) return createKnex({ client: 'pg', connection: url, schema, poolMax: 4 }, { logger });
  throw new Error(`Unknown database URL ${url}: use sqlite:path or postgres://…`);
}

export async function main(argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  let values: { from?: string; to?: string; 'to-schema'?: string; force?: boolean; reindex?: boolean } = {};
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'to-schema': { type: 'string' },
        force: { type: 'boolean', default: false },
        reindex: { type: 'boolean', default: false },
      },
    }));
  } catch {
    // an unknown option: fall through to the usage line
  }
  if (!values.from || !values.to) {
    println(io.stderr, USAGE);
    return EXIT_USAGE;
  }

  const knexes: Knex[] = [];
  try {
    const logger = createLogger(loadConfig(env).logLevel);
    const source = knexFor(values.from, logger);
    knexes.push(source);
    const target = knexFor(values.to, logger, values['to-schema']);
    knexes.push(target);
    const started = Date.now();
    await assertReachable(source);
    await assertReachable(target);
    const report = await copyDatabase(source, target, { force: values.force, log: (line) => println(io.stdout, `  ${line}`) });
    let indexed = '';
    if (values.reindex) {
      const { reindexAllListings } = await import('../components/search/index.js');
      indexed = `; search index rebuilt for ${await reindexAllListings(target)} listings`;
    }
    const rows = report.reduce((n, r) => n + r.rows, 0);
    println(
      io.stdout,
      `Copied ${report.length} tables, ${rows} rows (counts verified)${indexed} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return EXIT_OK;
  } catch (err) {
    println(io.stderr, errorLine(err));
    return EXIT_FAILED;
  } finally {
    for (const k of knexes) await k.destroy();
  }
}

runIfMain(import.meta.url, main);
