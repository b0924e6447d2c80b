import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['tests/{unit,integration,http}/**/*.test.ts'],
    // Migrates once into template databases that every test file copies (tests/helpers/test-db.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Hang guards, not speed limits: a test needs well under 3 s on a quiet machine and was seen at 15 s with a load of
    // 25 on two cores; seeding the demo data from scratch on PostgreSQL (a hook) took over 60 s there.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Test files share their worker's loaded modules instead of importing the whole app again for each file (that was
    // ~60% of a run). Safe because no module keeps state between files: test files build their own databases and apps
    // (tests/helpers), and module-level caches are keyed by pool or connection. A file that mocks modules would need
    // its own project with isolate: true.
    isolate: false,
    // Two workers even on two cores: while one waits on a spawned process or the disk, the other runs.
    maxWorkers: 2,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  },
});
