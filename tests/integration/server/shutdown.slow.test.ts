import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../../src/boot.js';
import { createLogger } from '../../../src/core/logger.js';
import { createTestDb } from '../../helpers/test-db.js';
import { projectRoot } from '../../../src/lib/paths.js';

function get(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

// A spawned tsx start takes ~1–2 s on a quiet machine; the limits only stop a hung process.
const SPAWN_LIMIT_MS = 180_000;

describe('graceful shutdown', () => {
  it('a request in flight finishes with 200; new connections are refused; the pool is closed', async () => {
    const t = await createTestDb('sqlite');
    // The handler says when it has the request and holds it until released: no sleeps, so a loaded machine cannot
    // reorder "request in flight" and "shutdown begins".
    let arrived!: () => void;
    const inHandler = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const app = express();
    app.get('/slow', async (_req, res) => {
      arrived();
      await released;
      const row = await t.db.raw('select 1 as one');
      res.send(`done ${JSON.stringify(row).includes('1')}`);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const state = { shuttingDown: false };
    const shutdown = createShutdown({ server, db: t.db, logger: createLogger('silent'), state, timeoutMs: 600_000 });

    const inFlight = get(port, '/slow');
    await inHandler;
    const closing = shutdown('test');
    expect(state.shuttingDown).toBe(true);
    await expect(get(port, '/slow')).rejects.toThrow();
    release();
    expect(await inFlight).toEqual({ status: 200, body: 'done true' });
    await closing;
    await expect(t.db.raw('select 1')).rejects.toThrow();
  });

  // No clock: with warnings logged, a server that only ended by the forced close after SHUTDOWN_TIMEOUT_MS would say
  // "shutdown timeout"; how fast it closes is for the benchmarks.
  it.concurrent('the real server process exits 0 on SIGTERM without needing the forced close', async () => {
    const t = await createTestDb('sqlite');
    await t.db.destroy();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_FILE: path.join(t.dir, 'g.sqlite'),
        SEED_ON_START: 'false',
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), SPAWN_LIMIT_MS);
      child.stdout.on('data', () => {
        const m = out.match(/running at (http:\/\/\S+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const port = Number(new URL(url).port);
    expect((await get(port, '/healthz')).status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(out).not.toContain('shutdown timeout');
    await t.destroy().catch(() => undefined);
  }, 2 * SPAWN_LIMIT_MS);

  it.concurrent('a bad PORT → the process exits 1 with one line naming PORT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(err.trim()).toBe('Invalid configuration: PORT must be a whole number (got "abc")');
  }, SPAWN_LIMIT_MS);
});
