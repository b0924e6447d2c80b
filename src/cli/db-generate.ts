/** `npm run db:generate -- --listings N [--seed S]`: fills the configured database with N synthetic listings. */
import { parseArgs } from 'node:util';
import { EXIT_USAGE, errorLine, println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

export async function main(argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        listings: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        batch: { type: 'string', default: '2000' },
      },
    }));
  } catch (err) {
    println(io.stderr, errorLine(err));
    return EXIT_USAGE;
  }
  const count = Number(values.listings);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000_000) {
    println(io.stderr, '--listings must be a whole number from 1 to 10,000,000');
    return EXIT_USAGE;
  }
  if (!Number.isSafeInteger(seed)) {
    println(io.stderr, '--seed must be a whole number');
    return EXIT_USAGE;
  }

  return withDatabase(env, io, async ({ config, db }) => {
    // Loaded only once the arguments are good: a usage error answers without loading the app.
    const [{ default: cliProgress }, { createServices }, { generateListings }] = await Promise.all([
      import('cli-progress'), import('../services.js'), import('../demo/generate.js'),
    ]);
    const started = Date.now();
    const { indexBatch, close } = createServices(config, db);
    const bar = io.stdout.isTTY
      ? new cliProgress.SingleBar({ format: 'listings {bar} {value}/{total} {percentage}% eta {eta}s' }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(count, 0);
    let result: { first: number; last: number };
    try {
      result = await generateListings(db, {
        count,
        seed,
        batchSize: Number(values.batch),
        onProgress: (done) => bar?.update(done),
        afterBatch: indexBatch,
      });
    } finally {
      bar?.stop();
      await close();
    }
    const seconds = (Date.now() - started) / 1000;
    println(
      io.stdout,
      `Generated ${count.toLocaleString('en-US')} listings (ids ${result.first}–${result.last}) in ${seconds.toFixed(1)} s, search index included.`,
    );
  }, { migrate: true });
}

runIfMain(import.meta.url, main);
