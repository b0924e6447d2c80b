/** `npm run media:cleanup [-- --days 7]`: deletes uploads left on no listing (forms never saved, photos dropped by an edit). */
import { parseArgs } from 'node:util';
import { systemClock } from '../lib/clock.js';
import { EXIT_USAGE, println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

const USAGE = 'Usage: npm run media:cleanup -- [--days N] (N ≥ 1)';

export async function main(argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  let days: number;
  try {
    const { values } = parseArgs({ args: argv, options: { days: { type: 'string', default: '7' } } });
    days = Number(values.days);
  } catch {
    days = NaN;
  }
  if (!Number.isInteger(days) || days < 1) {
    println(io.stderr, USAGE);
    return EXIT_USAGE;
  }

  return withDatabase(env, io, async ({ config, db }) => {
    // Loaded only once the arguments are good (image processing is heavy to load).
    const { createLocalStorage, createMediaService } = await import('../components/media/index.js');
    const media = createMediaService({
      db,
      clock: systemClock,
      storage: createLocalStorage(config.uploadsDir),
      config: { maxPixels: config.upload.maxPixels, keepOriginal: config.upload.keepOriginal },
    });
    const { rows, files } = await media.removeUnattached(days);
    println(io.stdout, `Removed ${rows} unattached uploads older than ${days} days (${files} files).`);
  }, { migrate: true });
}

runIfMain(import.meta.url, main);
