/** `npm run db:migrate | db:rollback | db:seed | db:status`: the same config and migration list as the server. */
import { migrateLatest, migrateRollback, migrationStatus } from '../db/index.js';
import { runCli } from './cli-kit.js';
import { createLogger } from '../web/logger.js';
import { createApp } from '../app.js';
import { seedDemo } from '../../db/seeds/demo.js';

runCli(async ({ config, db }) => {
  const command = process.argv[2];
  {
    switch (command) {
      case 'migrate': {
        const applied = await migrateLatest(db);
        console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Already up to date.');
        break;
      }
      case 'rollback': {
        const all = process.argv.includes('--all');
        const reverted = await migrateRollback(db, all);
        console.log(reverted.length ? `Rolled back:\n  ${reverted.join('\n  ')}` : 'Nothing to roll back.');
        break;
      }
      case 'status': {
        const { done, pending } = await migrationStatus(db);
        console.log(`Applied: ${done.length}, pending: ${pending.length}${pending.length ? `\n  ${pending.join('\n  ')}` : ''}`);
        break;
      }
      case 'seed': {
        await migrateLatest(db);
        const existing = await db('listings').count({ n: '*' }).first();
        if (Number(existing?.n ?? 0) > 0 && !process.argv.includes('--force')) {
          console.log('The database already has listings; run with --force to add the demo data again.');
          break;
        }
        const { services } = createApp({ config, db, logger: createLogger('silent') });
        const result = await seedDemo({ db, createListing: services.listings.createListing });
        console.log(`Loaded ${result.printAds} print ads and ${result.synthetic} synthetic listings.`);
        break;
      }
      default:
        console.error('Usage: db <migrate|rollback [--all]|status|seed [--force]>');
        process.exitCode = 2;
    }
  }
});
