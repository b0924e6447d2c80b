/** `npm run search:reindex`: rebuilds the search index from the listings, in one transaction. */
import { reindexAllListings } from '../components/search/index.js';
import { println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

export async function main(_argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  return withDatabase(env, io, async ({ db }) => {
    const started = Date.now();
    const n = await reindexAllListings(db);
    const visible = await db('search_documents').count({ n: '*' }).first();
    println(
      io.stdout,
      `Reindexed ${n} listings (${Number(visible?.n)} publicly visible) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }, { migrate: true });
}

runIfMain(import.meta.url, main);
