/**
 * One spawned run per command-line binary, straight through tsx (no npm, no build check): proves that executing the file
 * runs its main with the real arguments, environment and streams, and that the exit code reaches the shell.
 * Everything else about the commands is tested in-process (db-cli.test.ts). No time limits: only outcomes.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';
import { isMainModule } from '../../../src/cli/cli-kit.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

function runBinary(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli', script), ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', PASSWORD_HASH_COST: '1024', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('each command-line binary, executed directly', () => {
  let source: TestDb;
  const file = (name: string) => path.join(source.dir, name);
  beforeAll(async () => {
    source = await createTestDb('sqlite');
    await source.db.destroy(); // closed, so the copy reads a checkpointed file
  });
  afterAll(async () => source.destroy().catch(() => undefined));

  // A spawned tsx start takes ~1 s on a quiet machine and was seen at 4–12 s with a load of 20 on 2 cores: the limit only
  // stops a hung process, it asserts nothing about speed.
  const SPAWN_LIMIT_MS = 180_000;

  it.concurrent('db migrate → every migration applied, exit 0', async () => {
    expect(await runBinary('db.ts', ['migrate'], { SQLITE_FILE: file('db.sqlite') })).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Applied \d+ migration\(s\)/),
      stderr: '',
    });
  }, SPAWN_LIMIT_MS);

  it.concurrent('db-generate --listings abc → the message on stderr, exit 2', async () => {
    expect(await runBinary('db-generate.ts', ['--listings', 'abc'], { SQLITE_FILE: file('generate.sqlite') })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('--listings must be a whole number'),
    });
  }, SPAWN_LIMIT_MS);

  it.concurrent('search-reindex on an empty database → migrated and reindexed, exit 0', async () => {
    expect(await runBinary('search-reindex.ts', [], { SQLITE_FILE: file('reindex.sqlite') })).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Reindexed 0 listings (0 publicly visible)'),
      stderr: '',
    });
  }, SPAWN_LIMIT_MS);

  it.concurrent('media-cleanup --days 1 → nothing to remove, exit 0', async () => {
    expect(
      await runBinary('media-cleanup.ts', ['--days', '1'], { SQLITE_FILE: file('cleanup.sqlite'), UPLOADS_DIR: file('uploads') }),
    ).toMatchObject({ code: 0, stdout: 'Removed 0 unattached uploads older than 1 days (0 files).\n', stderr: '' });
  }, SPAWN_LIMIT_MS);

  it.concurrent('jobs-run-once on an empty database → every job ran, exit 0', async () => {
    expect(await runBinary('jobs-run-once.ts', [], { SQLITE_FILE: file('jobs.sqlite'), OUTBOX_DIR: file('outbox') })).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Jobs done: /),
      stderr: '',
    });
  }, SPAWN_LIMIT_MS);

  it.concurrent('totp-reencrypt on an empty database → nothing to re-encrypt, exit 0', async () => {
    expect(await runBinary('totp-reencrypt.ts', [], { SQLITE_FILE: file('totp.sqlite') })).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('0 re-encrypted'),
      stderr: '',
    });
  }, SPAWN_LIMIT_MS);

  it.concurrent('user-create with GOLMOK_USER_PASSWORD and no terminal → an admin, exit 0', async () => {
    const r = await runBinary('user-create.ts', ['--email', 'admin@golmok.kr', '--role', 'admin'], {
      SQLITE_FILE: file('user.sqlite'),
      GOLMOK_USER_PASSWORD: 'a long admin password',
    });
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created admin admin@golmok\.kr \(id \d+\)\.\n$/), stderr: '' });
  }, SPAWN_LIMIT_MS);

  it.concurrent('db-copy to an unknown kind of database → one line on stderr, exit 1', async () => {
    const from = source.config.db.client === 'sqlite' ? source.config.db.filename : '';
    expect(await runBinary('db-copy.ts', ['--from', `sqlite:${from}`, '--to', 'mysql://x'], {})).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Unknown database URL mysql://x: use sqlite:path or postgres://…\n',
    });
  }, SPAWN_LIMIT_MS);

  it('importing a command runs nothing: only the file node was started with is "main"', () => {
    const url = new URL('../../../src/cli/db.ts', import.meta.url).href;
    expect(isMainModule(url, path.join(projectRoot, 'src/cli/db.ts'))).toBe(true);
    expect(isMainModule(url, path.join(projectRoot, 'src/server.ts'))).toBe(false);
    expect(isMainModule(url, undefined)).toBe(false);
  });
});
