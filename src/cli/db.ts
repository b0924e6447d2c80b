/** `npm run db:migrate | db:rollback | db:seed | db:status`: the same config and migration list as the server. */
import type { Knex } from 'knex';
import type { Config } from '../config/index.js';
import { migrateLatest, migrateRollback, migrationStatus } from '../db/index.js';
import { EXIT_USAGE, println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

const USAGE = 'Usage: db <migrate|rollback [--all]|status|seed [--force]>';

async function seed(config: Readonly<Config>, db: Knex, argv: string[], io: CliIo): Promise<void> {
  await migrateLatest(db);
  const existing = await db('listings').count({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0 && !argv.includes('--force')) {
    println(io.stdout, 'The database already has listings; run with --force to add the demo data again.');
    return;
  }
  // Loaded here so that migrate/rollback/status start without the services.
  const [{ createServices }, { seedDemo }] = await Promise.all([import('../services.js'), import('../demo/demo.js')]);
  const { listings, close } = createServices(config, db);
  try {
    const result = await seedDemo({ db, createListing: listings.createListing });
    println(io.stdout, `Loaded ${result.printAds} print ads and ${result.synthetic} synthetic listings.`);
  } finally {
    await close();
  }
}

export async function main(argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  const command = argv[0];
  if (!['migrate', 'rollback', 'status', 'seed'].includes(command)) {
    println(io.stderr, USAGE);
    return EXIT_USAGE;
  }
  return withDatabase(env, io, async ({ config, db }) => {
    switch (command) {
      case 'migrate': {
        const applied = await migrateLatest(db);
        println(io.stdout, applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Already up to date.');
        break;
      }
      case 'rollback': {
        const reverted = await migrateRollback(db, argv.includes('--all'));
        println(io.stdout, reverted.length ? `Rolled back:\n  ${reverted.join('\n  ')}` : 'Nothing to roll back.');
        break;
      }
      case 'status': {
        const { done, pending } = await migrationStatus(db);
        println(io.stdout, `Applied: ${done.length}, pending: ${pending.length}${pending.length ? `\n  ${pending.join('\n  ')}` : ''}`);
        break;
      }
      default:
        await seed(config, db, argv, io);
    }
  });
}

runIfMain(import.meta.url, main);
