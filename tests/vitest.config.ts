import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What both projects share. */
const shared = {
  // Hang guards, not speed limits: a test needs well under 3 s on a quiet machine and was seen at 15 s with a load of
  // 25 on two cores; seeding the demo data from scratch on PostgreSQL (a hook) took over 60 s there.
  testTimeout: 120_000,
  hookTimeout: 300_000,
  pool: 'forks' as const,
  // Test files share their worker's loaded modules instead of importing the whole app again for each file (that was
  // ~60% of a run). Safe because no module keeps state between files: test files build their own databases and apps
  // (tests/helpers), and module-level caches are keyed by pool or connection. A file that mocks modules would need
  // its own project with isolate: true.
  isolate: false,
  env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
};

/**
 * Two projects: `main` (in-process tests) and `slow` (files named *.slow.test.ts: they spawn servers or command-line
 * programs, bundle the server, or kill processes). `npm test` runs both; `npm run test:slow` only the slow one, and
 * `npx vitest run --config tests/vitest.config.ts --project main` the rest. tests/unit/docs/slow-tests.test.ts keeps
 * every spawning test file in the slow project.
 */
export default defineConfig({
  root,
  test: {
    // Migrates once into template databases that every test file copies (tests/helpers/test-db.ts). The root's global
    // setup runs once for the whole run and both projects read what it provides.
    globalSetup: ['tests/global-setup.ts'],
    // Two workers even on two cores: while one waits on a spawned process or the disk, the other runs.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'main', root, include: ['tests/{unit,integration,http}/**/*.test.ts'], exclude: ['**/*.slow.test.ts'] } },
      { test: { ...shared, name: 'slow', root, include: ['tests/{unit,integration,http}/**/*.slow.test.ts'] } },
    ],
  },
});
