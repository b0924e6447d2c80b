/** `npm run search:reindex`: rebuilds the search index from the listings, in one transaction. */
import { loadConfig } from '../config/index.js';
import { assertReachable, createKnex, migrateLatest } from '../db/index.js';
import { reindexAllListings } from '../components/search/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createKnex(config.db);
  const started = Date.now();
  try {
    await assertReachable(db);
    await migrateLatest(db);
    const n = await reindexAllListings(db);
    const visible = await db('search_documents').count({ n: '*' }).first();
    console.log(`Reindexed ${n} listings (${Number(visible?.n)} publicly visible) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
