import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';

describe('start with an unreachable PostgreSQL', () => {
  it('connection refused → exit 1 within 8 s, one stderr line naming pg, nothing from knex on stdout', async () => {
    const started = Date.now();
    // Port 1 has no listener: the connection is refused at once. LOG_LEVEL=info is the production default,
    // so a knex warning routed to the logger would show on stdout.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SEED_ON_START: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const elapsed = Date.now() - started;

    expect(code).toBe(1);
    const lines = err.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot reach the database \(pg\): /);
    expect(lines[0]).toContain('ECONNREFUSED');
    expect(out).toBe('');
    expect(elapsed).toBeLessThan(8000);
  });
});
