/**
 * `npm run test:load`: the load test of issue 15. A realistic mix (browse, search, listing pages, call beacons, logins,
 * submissions with a photo) with autocannon against the production build on a private copy of the page bench's
 * database, one or more instances; exits 1 unless there was no 5xx, no socket error, every step got its expected
 * status, every call beacon was counted exactly and the RSS stayed flat. Flags: npm run test:load -- --help
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOAD_USAGE, parseLoadOptions, type LoadTestOptions } from './load/options.js';
import { runLoadTest } from './load/run-load.js';
import { printLoadReport } from './load/checks.js';
import { runNodeScript } from './pages/processes.js';

let opts: LoadTestOptions;
try {
  opts = parseLoadOptions(process.argv.slice(2));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${LOAD_USAGE}`);
  process.exit(2);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  await runNodeScript('scripts/ensure-build.mjs', [], {});
  const run = await runLoadTest(opts);
  console.log(
    `\n${run.database}; ${run.origins.length} instance(s), ${opts.connections} connections, ${run.mix.seconds.toFixed(0)} s; app config: ${Object.entries(
      run.appConfig,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  printLoadReport(run.mix, run.beacons, run.rss, opts.rssWindow);
  console.log(
    `load average: ${run.loadAverage.start.map((n) => n.toFixed(2)).join(' ')} at the start, ${run.loadAverage.end.map((n) => n.toFixed(2)).join(' ')} at the end`,
  );
  fs.mkdirSync(opts.resultsDir, { recursive: true });
  const file = path.join(opts.resultsDir, `load-${opts.engine}-${opts.instances}x-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const cpus = os.cpus();
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(), commit: commit(), node: process.versions.node, machine: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}`,
    options: { ...opts, dataDir: undefined, resultsDir: undefined, sqliteFile: undefined, databaseUrl: undefined }, ...run,
  }, null, 2));
  console.log(`results: ${file}`);
  if (run.failures.length) {
    console.error(`\nFAILED:\n  ${run.failures.join('\n  ')}\nthe app's log: ${run.logFile}`);
    return 1;
  }
  console.log('\npassed: no 5xx, no socket error, every call beacon counted, RSS flat');
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`load test failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
