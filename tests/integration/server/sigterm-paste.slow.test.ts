/**
 * SIGTERM during the worst paste the caps allow, on the built server (the esbuild bundle with its worker beside it, as
 * `npm run build` writes dist/src/): a desk account posts a paste at every cap; while its job runs in the worker pool
 * (seen on /metrics), /healthz answers; SIGTERM then ends the process by itself, with 0, inside SHUTDOWN_TIMEOUT_MS (no
 * forced close, no "did not finish in time" exit). The job's request is answered 503 with the retry message. Nothing
 * here bounds the parse in time: the only limit is the hang guard, and it fails the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';
import { createTestApp } from '../../helpers/test-app.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, totpCode } from '../../helpers/staff.js';
// @ts-expect-error a build script in plain JavaScript, without type declarations
import { bundleServer } from '../../../scripts/bundle-server.mjs';

// Bundling and a cold start take seconds on a quiet machine; the limit only stops a hung process (and fails the test).
const HANG_GUARD_MS = 240_000;
// The caps of this server; the paste is exactly at them: 100,000 lines, each its own ad with a phone (the shape that
// costs most per line, scripts/bench/paste-parse.ts), about 1.9 MB.
const CAPS = { DESK_PASTE_MAX_LINES: '100000', DESK_PASTE_MAX_ADS: '100000', DESK_PASTE_MAX_KB: '2048' };
const WORST_PASTE = Array(100_000).fill('Tel. 010-9984-0151').join('\n');

const outDir = path.join(projectRoot, 'node_modules', '.cache', `golmok-sigterm-test-${process.pid}`);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('SIGTERM while the worst capped paste is parsed (built server)', () => {
  it('/healthz answers while the job runs; SIGTERM → the job answers 503, the process exits 0 by itself in time', async () => {
    expect(Buffer.byteLength(WORST_PASTE)).toBeLessThanOrEqual(Number(CAPS.DESK_PASTE_MAX_KB) * 1024);
    const outfile = path.join(outDir, 'server.js');
    await bundleServer(projectRoot, outfile);
    expect(fs.existsSync(path.join(outDir, 'components', 'desk', 'bulk-parse.worker.js'))).toBe(true);

    // A desk account with its second factor enrolled, written into the database the server will open.
    const t = await createTestApp();
    const desk = await createStaff(t, 'desk', 'sigterm-desk@example.kr');
    await t.db.destroy();

    const child = spawn(process.execPath, ['--enable-source-maps', outfile], {
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_ON_START: 'false',
        SQLITE_FILE: t.config.db.client === 'sqlite' ? t.config.db.filename : '',
        UPLOADS_DIR: t.config.uploadsDir, OUTBOX_DIR: t.config.outboxDir,
        PASSWORD_HASH_COST: '1024', POW_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false', JOBS_ENABLED: 'false', METRICS_ALLOW: '127.0.0.1',
        SHUTDOWN_TIMEOUT_MS: '2000', BULK_JOB_TIMEOUT_MS: '60000', ...CAPS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const hangGuard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = out.match(/running at http:\/\/localhost:(\d+)/);
          if (m) resolve(m[1]);
        });
        void exited.then(({ code }) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const origin = `http://127.0.0.1:${port}`;

      // Signed in and past the second factor, at the server's own (real) time.
      const agent = request.agent(origin);
      const login = await agent.get('/login').expect(200);
      await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: desk.email, password: desk.password }).expect(303);
      const twoFactor = await agent.get('/account/2fa').expect(200);
      await agent.post('/account/2fa/verify').type('form')
        .send({ _csrf: csrfFrom(twoFactor.text), code: totpCode(desk.secret, new Date()), next: '/desk' }).expect(303);
      const token = csrfFrom((await agent.get('/desk').expect(200)).text);

      const busy = async () => {
        const metrics = (await request(origin).get('/metrics').expect(200)).text;
        return Number(metrics.match(/^golmok_bulk_pool_threads\{state="busy"\} (\d+)/m)?.[1] ?? 0);
      };
      expect(await busy()).toBe(0);
      const job = agent.post('/desk/paste').field('_csrf', token).field('text', WORST_PASTE).then((res) => res);
      while ((await busy()) === 0) await new Promise((r) => setTimeout(r, 20));
      const health = await request(origin).get('/healthz');
      expect([health.status, health.body]).toEqual([200, { status: 'ok', database: 'sqlite' }]);
      // /healthz answered while the job was still running.
      expect(await busy()).toBe(1);

      child.kill('SIGTERM');
      const answer = await job;
      expect(answer.status).toBe(503);
      expect(answer.text).toContain('잠시 후 다시 시도해 주세요');
      const end = await exited;
      // Ended by itself (the hang guard's SIGKILL would show as a signal), gracefully: neither the forced close after
      // SHUTDOWN_TIMEOUT_MS nor the exit 1 a second after it.
      expect(end).toEqual({ code: 0, signal: null });
      expect(out).not.toContain('shutdown timeout');
      expect(out).not.toContain('did not finish in time');
    } finally {
      clearTimeout(hangGuard);
      child.kill('SIGKILL');
      await t.destroy().catch(() => undefined);
    }
  }, HANG_GUARD_MS + 60_000);
});
