/** Buffered counters survive a graceful shutdown: every beacon answered before SIGTERM is in the database after exit. */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/index.js';
import { projectRoot } from '../../../src/lib/paths.js';
import { createTestDb } from '../../helpers/test-db.js';

const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

describe('counters across a shutdown', () => {
  it('40 call beacons, then SIGTERM with the next flush minutes away → all 40 counted after exit', async () => {
    const t = await createTestDb('sqlite');
    await t.db.destroy();
    const file = path.join(t.dir, 'g.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_FILE: file,
        SEED_ON_START: 'true',
        LOG_LEVEL: 'silent',
        STATS_FLUSH_SECONDS: '300',
        JOBS_ENABLED: 'false',
        RATE_LIMIT_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 30000);
      child.stdout.on('data', () => {
        const m = out.match(/running at (http:\/\/\S+)/);
        if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')); }
      });
    });
    const db = createKnex({ client: 'sqlite', filename: file, poolMax: 1 });
    const phone = await db('phones').where({ e164: '+82625222000' }).first('id', 'listing_id');
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${origin}/listings/${phone.listing_id}/calls`, {
          method: 'POST',
          headers: { 'User-Agent': `${UA} visitor${i}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `phone=${phone.id}`,
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 204)).toBe(true);
    expect(await db('listing_daily_stats').where({ listing_id: phone.listing_id }).first()).toBeUndefined();
    await db.destroy();
    child.kill('SIGTERM');
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(0);
    const after = createKnex({ client: 'sqlite', filename: file, poolMax: 1 });
    const rows = await after('listing_daily_stats').where({ listing_id: phone.listing_id });
    expect(rows.reduce((s, r) => s + Number(r.calls), 0)).toBe(40);
    expect(Number((await after('phone_daily_calls').where({ phone_id: phone.id }).sum({ n: 'calls' }).first())?.n)).toBe(40);
    await after.destroy();
    await t.destroy().catch(() => undefined);
  }, 60000);
});
