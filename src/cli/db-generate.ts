/** `npm run db:generate -- --listings N [--seed S]`: fills the configured database with N synthetic listings. */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createLogger } from '../web/logger.js';
import { createApp } from '../app.js';
import { generateListings } from '../../db/seeds/generate.js';
import { runCli } from './cli-kit.js';

const { values } = parseArgs({ options: { listings: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, batch: { type: 'string', default: '2000' } } });
const count = Number(values.listings);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || count > 10_000_000) {
  console.error('--listings must be a whole number from 1 to 10,000,000');
  process.exit(2);
}
if (!Number.isSafeInteger(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}

runCli(async ({ config, db }) => {
  const started = Date.now();
  const { services } = createApp({ config, db, logger: createLogger('silent') });
  const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: 'listings {bar} {value}/{total} {percentage}% eta {eta}s' }, cliProgress.Presets.shades_classic) : null;
  bar?.start(count, 0);
  const result = await generateListings(db, {
    count,
    seed,
    batchSize: Number(values.batch),
    onProgress: (done) => bar?.update(done),
    afterBatch: services.indexBatch,
  });
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(`Generated ${count.toLocaleString('en-US')} listings (ids ${result.first}–${result.last}) in ${seconds.toFixed(1)} s, search index included.`);
}, { migrate: true });
