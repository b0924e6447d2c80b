/**
 * Dry run of the synthetic name generator (no database): how many distinct names N listings get, and the most
 * repeated ones. `npx tsx scripts/bench/demo-names.ts 100000 1000000` (seed 7, as the benches generate).
 */
import { createNameBook } from '../../src/demo/synthetic-names.js';
import { syntheticListing } from '../../src/demo/synthetic.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const now = new Date('2026-11-24T02:00:00Z');
for (const n of sizes.length ? sizes : [200, 100_000]) {
  const names = createNameBook();
  const counts = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    const { name } = syntheticListing(i, 7, new Map(), now, names);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ×${v}`).join(', ');
  console.log(`${n} listings: ${counts.size} distinct names (ratio ${(counts.size / n).toFixed(3)}); most repeated: ${top}`);
}
