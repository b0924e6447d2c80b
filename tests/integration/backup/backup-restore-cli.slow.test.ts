/**
 * db:backup and db:restore as programs: spawned once each, as the npm scripts run them (the in-process tests of what
 * they write are in backup-restore.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createKnex, migrateLatest } from '../../../src/db/index.js';
import { projectRoot } from '../../../src/lib/paths.js';

describe('db:backup and db:restore as programs (the npm scripts run the same files)', () => {
  it('a spawned backup of a fresh database, then a spawned restore of it into another folder → exit 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-backup-cli-'));
    try {
      const run = (script: string, args: string[], env: Record<string, string>) => spawnSync(
        process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli', script), ...args],
        { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' },
      );
      const db = createKnex({ client: 'sqlite', filename: path.join(dir, 'a.sqlite'), poolMax: 1 });
      await migrateLatest(db);
      await db.destroy();
      const backup = run('db-backup.ts', ['--to', path.join(dir, 'b')], {
        SQLITE_FILE: path.join(dir, 'a.sqlite'), UPLOADS_DIR: path.join(dir, 'up-a'),
      });
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('Backed up');
      const restore = run('db-restore.ts', ['--from', path.join(dir, 'b')], {
        SQLITE_FILE: path.join(dir, 'c.sqlite'), UPLOADS_DIR: path.join(dir, 'up-c'),
      });
      expect(restore.status, restore.stderr).toBe(0);
      const refused = run('db-restore.ts', ['--from', path.join(dir, 'nowhere')], { SQLITE_FILE: path.join(dir, 'd.sqlite') });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('is not a Golmok backup');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
