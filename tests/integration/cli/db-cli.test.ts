/** The command-line tools, in-process through their exported main (tests/integration/cli/smoke.slow.test.ts runs each binary once). */
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { main as db } from '../../../src/cli/db.js';
import { main as dbGenerate } from '../../../src/cli/db-generate.js';
import { main as searchReindex } from '../../../src/cli/search-reindex.js';
import { main as mediaCleanup } from '../../../src/cli/media-cleanup.js';
import { main as userCreate } from '../../../src/cli/user-create.js';
import { main as dbCopy } from '../../../src/cli/db-copy.js';
import { migrations } from '../../../db/migrations/index.js';
import { createKnex } from '../../../src/db/index.js';
import { engines, type Engine } from '../../helpers/test-db.js';
import { runMain } from '../../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database of its own for one describe block: an SQLite file, or a PostgreSQL schema dropped afterwards. */
function databaseEnv(engine: Engine, name: string): { env: Record<string, string>; drop(): Promise<void> } {
  if (engine === 'sqlite')
    return {
      env: { SQLITE_FILE: path.join(dir, `${name}.sqlite`), UPLOADS_DIR: path.join(dir, `${name}-uploads`) },
      drop: async () => undefined,
    };
  const schema = `cli_${crypto.randomBytes(6).toString('hex')}`;
  return {
    env: {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      DB_SCHEMA: schema,
      DB_POOL_MAX: '2',
      UPLOADS_DIR: path.join(dir, `${name}-uploads`),
    },
    async drop() {
      const k = createKnex({ client: 'pg', connection: process.env.TEST_DATABASE_URL!, poolMax: 1 });
      await k.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await k.destroy();
    },
  };
}

describe.each(engines())('db, search:reindex, media:cleanup on %s (the npm scripts run the same main)', (engine) => {
  const target = databaseEnv(engine, `db-${engine}`);
  const run = (main: typeof db, ...argv: string[]) => runMain(main, argv, target.env);
  afterAll(() => target.drop());

  it('db migrate → every migration applied; again → up to date; status → nothing pending', async () => {
    expect(await run(db, 'migrate')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Applied ${migrations.length} migration(s)`),
    });
    expect(await run(db, 'migrate')).toMatchObject({ code: 0, stdout: 'Already up to date.\n' });
    expect(await run(db, 'status')).toMatchObject({ code: 0, stdout: `Applied: ${migrations.length}, pending: 0\n` });
  });

  // Seeding on PostgreSQL (~15 s here) is covered by tests/integration/db/seed.test.ts; the command's own logic is engine-neutral.
  it.runIf(engine === 'sqlite')(
    'db seed → the print ads and the synthetic listings; again → refused; search:reindex → all visible',
    async () => {
      expect(await run(db, 'seed')).toMatchObject({ code: 0, stdout: 'Loaded 2 print ads and 200 synthetic listings.\n' });
      expect((await run(db, 'seed')).stdout).toContain('already has listings');
      expect(await run(searchReindex)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('Reindexed 202 listings (202 publicly visible)'),
      });
    },
  );

  it('media:cleanup → nothing unattached; --days 0 or --days x → usage and exit 2', async () => {
    expect(await run(mediaCleanup)).toMatchObject({ code: 0, stdout: 'Removed 0 unattached uploads older than 7 days (0 files).\n' });
    for (const days of ['0', 'x'])
      expect(await run(mediaCleanup, '--days', days)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('Usage: npm run media:cleanup'),
      });
  });

  it('db rollback --all → everything rolled back; status shows all pending; rollback again → nothing to do', async () => {
    expect(await run(db, 'rollback', '--all')).toMatchObject({ code: 0, stdout: expect.stringContaining('Rolled back') });
    expect(await run(db, 'status')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^Applied: 0, pending: ${migrations.length}\\n`)),
    });
    expect(await run(db, 'rollback')).toMatchObject({ code: 0, stdout: 'Nothing to roll back.\n' });
  });
});

describe('argument and configuration errors', () => {
  const env = { SQLITE_FILE: path.join(dir, 'errors.sqlite') };

  it('db with an unknown or no command → usage and exit 2, no database file made', async () => {
    expect(await runMain(db, ['explode'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: db <migrate') });
    expect(await runMain(db, [], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: db <migrate') });
    expect(fs.existsSync(env.SQLITE_FILE)).toBe(false);
  });

  it('db:generate with a bad count or seed → exit 2 and a clear message', async () => {
    expect(await runMain(dbGenerate, ['--listings', 'abc'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--listings must be a whole number'),
    });
    expect(await runMain(dbGenerate, ['--listings', '0'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--listings must be a whole number'),
    });
    expect(await runMain(dbGenerate, ['--seed', '1.5'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--seed must be a whole number'),
    });
  });

  it('db:copy without --from/--to or with an unknown URL → usage exit 2 / one line exit 1', async () => {
    expect(await runMain(dbCopy, ['--from', 'sqlite:x.sqlite'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: npm run db:copy'),
    });
    expect(await runMain(dbCopy, ['--from', 'mysql://x', '--to', 'sqlite:y'], env)).toEqual(
      expect.objectContaining({ code: 1, stderr: 'Unknown database URL mysql://x: use sqlite:path or postgres://…\n' }),
    );
  });

  it('a bad setting → exit 1 with the one configuration line', async () => {
    expect(await runMain(db, ['status'], { ...env, DB_POOL_MAX: 'lots' })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^Invalid configuration: DB_POOL_MAX .*\n$/),
    });
  });

  it('an unreachable PostgreSQL → exit 1 with one line naming pg', async () => {
    const r = await runMain(db, ['status'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Cannot reach the database \(pg\): .*ECONNREFUSED.*\n$/);
    expect(r.stdout).toBe('');
  });
});

describe('db:generate', () => {
  it('--listings 30 → 30 synthetic listings, search index included', async () => {
    const env = { SQLITE_FILE: path.join(dir, 'generate.sqlite') };
    expect(await runMain(dbGenerate, ['--listings', '30', '--seed', '7'], env)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Generated 30 listings \(ids 1–30\) in [\d.]+ s, search index included\.\n$/),
    });
  });
});

describe('user:create', () => {
  const env = { SQLITE_FILE: path.join(dir, 'users.sqlite'), PASSWORD_HASH_COST: '1024' };
  const run = (argv: string[], password?: string) =>
    runMain(userCreate, argv, { ...env, ...(password ? { GOLMOK_USER_PASSWORD: password } : {}) });

  it('--email --role admin with GOLMOK_USER_PASSWORD → a confirmed admin; the same e-mail again → refused', async () => {
    expect(await run(['--email', 'Admin@Golmok.kr', '--role', 'admin'], 'a long admin password')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Created admin Admin@Golmok.kr'),
    });
    expect(await run(['--email', 'admin@golmok.kr', '--role', 'admin'], 'a long admin password')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already registered'),
    });
  });

  it('a weak password, a bad role, no e-mail or no password → refused with a clear message', async () => {
    expect(await run(['--email', 'm@golmok.kr', '--role', 'moderator'], 'qwer1234')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('too common'),
    });
    expect(await run(['--email', 'm@golmok.kr', '--role', 'king'], 'a long password')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage'),
    });
    expect(await run(['--role', 'moderator'], 'a long password')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    expect(await run(['--email', 'm@golmok.kr', '--role', 'moderator'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('GOLMOK_USER_PASSWORD'),
    });
  });
});
