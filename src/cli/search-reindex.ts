/** `npm run search:reindex`: rebuilds the search index from the listings, in one transaction. */
import { reindexAllListings } from '../components/search/index.js';
import { runCli } from './cli-kit.js';

runCli(async ({ db }) => {
  const started = Date.now();
  const n = await reindexAllListings(db);
  const visible = await db('search_documents').count({ n: '*' }).first();
  console.log(`Reindexed ${n} listings (${Number(visible?.n)} publicly visible) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}, { migrate: true });
