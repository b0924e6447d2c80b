import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';

// A spawned tsx start takes ~1–2 s on a quiet machine; the limit only stops a hung process.
const SPAWN_LIMIT_MS = 180_000;

describe('start with an unreachable PostgreSQL', () => {
  // No time limit is asserted (a loaded machine decides that, not the code). That the refusal is reported at once rather
  // than after retrying until the 10 s acquire timeout shows in the message: a timeout would read "Timeout acquiring a connection".
  it('connection refused → exit 1, one stderr line naming pg and ECONNREFUSED, nothing from knex on stdout', async () => {
    // Port 1 has no listener: the connection is refused at once. LOG_LEVEL=info is the production default,
    // so a knex warning routed to the logger would show on stdout.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
        SEED_ON_START: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

    expect(code).toBe(1);
    const lines = err.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot reach the database \(pg\): /);
    expect(lines[0]).toContain('ECONNREFUSED');
    expect(out).toBe('');
    expect(lines[0]).not.toMatch(/timeout/i);
  }, SPAWN_LIMIT_MS);
});
