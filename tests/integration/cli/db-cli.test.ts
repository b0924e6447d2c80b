import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-cli-'));
const env = { ...process.env, NODE_ENV: 'test', SQLITE_FILE: path.join(dir, 'cli.sqlite'), LOG_LEVEL: 'silent' };
const cli = (script: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli', script), ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('database command-line tools (the npm scripts run the same files)', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('db migrate → every migration applied; again → up to date', () => {
    expect(cli('db.ts', 'migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/Applied \d+ migration/) });
    expect(cli('db.ts', 'migrate')).toMatchObject({ code: 0, out: expect.stringContaining('Already up to date.') });
    expect(cli('db.ts', 'status').out).toMatch(/pending: 0/);
  });

  it('db seed → the print ads and the synthetic listings; search:reindex → all visible', () => {
    expect(cli('db.ts', 'seed')).toMatchObject({ code: 0, out: expect.stringContaining('Loaded 2 print ads and 200 synthetic listings.') });
    expect(cli('db.ts', 'seed').out).toContain('already has listings');
    expect(cli('search-reindex.ts')).toMatchObject({ code: 0, out: expect.stringContaining('Reindexed 202 listings (202 publicly visible)') });
  });

  it('db rollback --all → everything rolled back; status shows all pending', () => {
    expect(cli('db.ts', 'rollback', '--all')).toMatchObject({ code: 0, out: expect.stringContaining('Rolled back') });
    expect(cli('db.ts', 'status').out).toMatch(/Applied: 0, pending: \d+/);
  });

  it('db:generate with a bad count → exit 2 and a clear message', () => {
    expect(cli('db-generate.ts', '--listings', 'abc')).toMatchObject({ code: 2, out: expect.stringContaining('--listings must be a whole number') });
  });

  it('an unknown command → usage and exit 2', () => {
    expect(cli('db.ts', 'explode')).toMatchObject({ code: 2, out: expect.stringContaining('Usage: db <migrate') });
  });
});

describe('user:create', () => {
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-cli-user-'));
  const run = (args: string[], password?: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/user-create.ts'), ...args], {
      env: { ...process.env, NODE_ENV: 'test', SQLITE_FILE: path.join(dir2, 'u.sqlite'), PASSWORD_HASH_COST: '1024', ...(password ? { GOLMOK_USER_PASSWORD: password } : {}) },
      encoding: 'utf8',
      input: '',
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  afterAll(() => fs.rmSync(dir2, { recursive: true, force: true }));

  it('--email --role admin with GOLMOK_USER_PASSWORD → a confirmed admin; the same e-mail again → refused', () => {
    expect(run(['--email', 'Admin@Golmok.kr', '--role', 'admin'], 'a long admin password')).toMatchObject({ code: 0, out: expect.stringContaining('Created admin Admin@Golmok.kr') });
    expect(run(['--email', 'admin@golmok.kr', '--role', 'admin'], 'a long admin password')).toMatchObject({ code: 1, out: expect.stringContaining('already registered') });
  });

  it('a weak password, a bad role, or no password → refused with a clear message', () => {
    expect(run(['--email', 'm@golmok.kr', '--role', 'moderator'], 'qwer1234')).toMatchObject({ code: 1, out: expect.stringContaining('too common') });
    expect(run(['--email', 'm@golmok.kr', '--role', 'king'], 'a long password')).toMatchObject({ code: 2, out: expect.stringContaining('Usage') });
    expect(run(['--email', 'm@golmok.kr', '--role', 'moderator'])).toMatchObject({ code: 1, out: expect.stringContaining('GOLMOK_USER_PASSWORD') });
  });
});
