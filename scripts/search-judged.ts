/**
 * Prints the judged search set's figures (tests/fixtures/search-judged) per kind of query: MRR, top-1, top-3 and how
 * many queries met their judgement, on a fresh temporary SQLite database, and on PostgreSQL too when
 * TEST_DATABASE_URL is set (a schema of its own, dropped afterwards). `--missed` also lists the queries that missed.
 *   npx tsx scripts/search-judged.ts [--missed]
 */
import { createTestApp } from '../tests/helpers/test-app.js';
import { engines } from '../tests/helpers/test-db.js';
import { createJudgedListings, judgedTable, runJudged } from '../tests/helpers/judged-search.js';

const showMissed = process.argv.includes('--missed');
for (const engine of engines()) {
  const t = await createTestApp({ engine });
  try {
    await createJudgedListings(t.db, t.services.listings.createListing, t.clock.now());
    const outcomes = await runJudged(t.services.search);
    console.log(`\nJudged search set on ${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}\n${judgedTable(outcomes)}`);
    if (showMissed)
      for (const o of outcomes.filter((x) => !x.pass)) console.log(`  missed: ${o.query.q} → ${o.names.slice(0, 5).join(', ')}`);
  } finally {
    await t.close();
  }
}
