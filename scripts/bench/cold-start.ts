/**
 * Cold start of the production build: spawn to the first 200 of /healthz, as `npm run bench` times it, repeated and
 * interleaved over one or more builds (build A, build B, A, B …) so builds compared share the machine's conditions.
 *
 *   npx tsx scripts/bench/cold-start.ts --sqlite-file <copy of a bench database> [--runs 9] [--entry dist/src/server.js …]
 *
 * Each entry is a compiled server script (default: this worktree's dist/src/server.js), optionally followed by the node
 * flags to run it with instead of package.json's (`--entry "old/src/server.js --max-old-space-size=160"`); keep a copy
 * of an older build inside the project (e.g. node_modules/.cache/golmok-before/src/server.js) so it resolves the same
 * node_modules. The database is migrated by the first start of each entry, which is not counted. Prints the median,
 * min and max per entry.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './bench-kit.js';
import { projectRoot, startApp } from './pages/processes.js';

const { values } = parseArgs({
  options: {
    'sqlite-file': { type: 'string' },
    'database-url': { type: 'string' },
    runs: { type: 'string', default: '9' },
    entry: { type: 'string', multiple: true },
  },
});
if (!values['sqlite-file'] && !values['database-url']) {
  console.error('usage: tsx scripts/bench/cold-start.ts --sqlite-file FILE | --database-url URL [--runs N] [--entry server.js …]');
  process.exit(2);
}
const dbEnv: Record<string, string> = values['sqlite-file']
  ? { SQLITE_FILE: path.resolve(values['sqlite-file']) }
  : { DATABASE_URL: values['database-url']! };
const entries = (values.entry ?? ['dist/src/server.js']).map((e) => {
  const [script, ...flags] = e.trim().split(/\s+/);
  return { label: e, script: path.resolve(projectRoot, script), flags: flags.length ? flags : undefined };
});
const runs = Number(values.runs);
const log = path.join(os.tmpdir(), 'golmok-bench-run', 'cold-start.log');

async function once(entry: (typeof entries)[number]): Promise<number> {
  const app = await startApp(dbEnv, 'warn', log, { entry: entry.script, nodeFlags: entry.flags });
  await app.stop();
  return app.coldStartMs;
}

const times = new Map<(typeof entries)[number], number[]>(entries.map((e) => [e, []]));
for (const entry of entries) await once(entry);
for (let i = 0; i < runs; i++) {
  for (const entry of entries) times.get(entry)!.push(await once(entry));
}
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [entry, ms] of times) {
  const f = (x: number) => `${(x / 1000).toFixed(3)} s`;
  console.log(`${entry.label}: median ${f(median(ms))}, min ${f(Math.min(...ms))}, max ${f(Math.max(...ms))} (${ms.length} runs)`);
}
