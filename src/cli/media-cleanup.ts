/** `npm run media:cleanup [-- --days 7]`: deletes uploads left on no listing (forms never saved, photos dropped by an edit). */
import { parseArgs } from 'node:util';
import { createLocalStorage, createMediaService } from '../components/media/index.js';
import { systemClock } from '../lib/clock.js';
import { runCli } from './cli-kit.js';

const { values } = parseArgs({ options: { days: { type: 'string', default: '7' } } });
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1) {
  console.error('Usage: npm run media:cleanup -- [--days N] (N ≥ 1)');
  process.exit(2);
}

runCli(async ({ config, db }) => {
  const media = createMediaService({ db, clock: systemClock, storage: createLocalStorage(config.uploadsDir), config: { maxPixels: config.upload.maxPixels, keepOriginal: config.upload.keepOriginal } });
  const { rows, files } = await media.removeUnattached(days);
  console.log(`Removed ${rows} unattached uploads older than ${days} days (${files} files).`);
}, { migrate: true });
