/**
 * `npm run db:copy -- --from sqlite:data/golmok.sqlite --to postgres://user@host/db [--to-schema s] [--force]`:
 * moves a site's data to PostgreSQL in one go, verifies the row counts and rebuilds the search index.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Knex } from 'knex';
import { assertReachable, copyDatabase, createKnex } from '../db/index.js';
import { reindexAllListings } from '../components/search/index.js';
import { createLogger } from '../web/logger.js';
import { loadConfig } from '../config/index.js';

const logger = createLogger(loadConfig().logLevel);

function knexFor(url: string, schema?: string): Knex {
  if (url.startsWith('sqlite:')) return createKnex({ client: 'sqlite', filename: path.resolve(url.slice('sqlite:'.length)), poolMax: 1, readers: 0, busyTimeoutMs: 5000 }, { logger });
  if (/^postgres(ql)?:\/\//.test(url)) return createKnex({ client: 'pg', connection: url, schema, poolMax: 4 }, { logger });
  throw new Error(`Unknown database URL ${url}: use sqlite:path or postgres://…`);
}

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, 'to-schema': { type: 'string' }, force: { type: 'boolean', default: false } } });
if (!values.from || !values.to) {
  console.error('Usage: npm run db:copy -- --from sqlite:data/golmok.sqlite --to postgres://user@host:5432/golmok [--to-schema name] [--force]');
  process.exit(2);
}

const source = knexFor(values.from);
const target = knexFor(values.to, values['to-schema']);
(async () => {
  const started = Date.now();
  await assertReachable(source);
  await assertReachable(target);
  const report = await copyDatabase(source, target, { force: values.force, log: (line) => console.log(`  ${line}`) });
  const indexed = await reindexAllListings(target);
  const rows = report.reduce((n, r) => n + r.rows, 0);
  console.log(`Copied ${report.length} tables, ${rows} rows (counts verified); search index rebuilt for ${indexed} listings in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
})()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  })
  .finally(async () => {
    await source.destroy();
    await target.destroy();
  });
