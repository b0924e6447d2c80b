/** `npm run bench`: runs every benchmark in scripts/bench/ (each prints its own medians and same-run baseline ratios). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !['run.ts', 'bench-kit.ts', 'bench-server.ts'].includes(f)).sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
