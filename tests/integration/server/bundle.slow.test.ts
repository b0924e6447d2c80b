import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { SourceMap } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/lib/paths.js';
// @ts-expect-error a build script in plain JavaScript, without type declarations
import { bundleServer } from '../../../scripts/bundle-server.mjs';

// Bundling and a cold start take a few seconds on a quiet machine; the limit only stops a hung process.
const LIMIT_MS = 300_000;

// Inside the project (under node_modules, which git and the linter ignore) so the bundle finds the project's root and
// the packages it leaves outside, as dist/src/server.js does.
const outDir = path.join(projectRoot, 'node_modules', '.cache', `golmok-bundle-test-${process.pid}`);
const outfile = path.join(outDir, 'server.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-bundle-'));

describe('the bundled production server (npm run build → dist/src/server.js)', () => {
  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a new SQLite database (migrations inside the bundle), answers /healthz and the home page, stops cleanly', async () => {
    await bundleServer(projectRoot, outfile);
    const child = spawn(process.execPath, ['--enable-source-maps', outfile], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://golmok.test',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_ON_START: 'false',
        SQLITE_FILE: path.join(dataDir, 'golmok.sqlite'),
        UPLOADS_DIR: path.join(dataDir, 'uploads'),
        OUTBOX_DIR: path.join(dataDir, 'outbox'),
        SESSION_SECRET: 'bundle-test-secret-bundle-test-secret',
        TOTP_ENCRYPTION_KEYS: 'test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += c;
        const m = out.match(/running at http:\/\/localhost:(\d+)/);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok', database: 'sqlite' }]);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="ko">');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, LIMIT_MS);

  it('its source map leads a stack frame to our TypeScript file; a frame inside a package stays at its bundle position', () => {
    const map = JSON.parse(fs.readFileSync(`${outfile}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('src/boot.ts'))).toBe(true);
    expect(map.sources.filter((s) => s.includes('node_modules/'))).toEqual([]);
    const lines = fs.readFileSync(outfile, 'utf8').split('\n');
    const sm = new SourceMap(map as never);
    const ours = sm.findEntry(
      lines.findIndex((l) => l.startsWith('function createShutdown(')),
      0,
    ) as { originalSource?: string; originalLine?: number };
    expect(ours.originalSource).toMatch(/src\/boot\.ts$/);
    expect(fs.readFileSync(path.join(projectRoot, 'src', 'boot.ts'), 'utf8').split('\n')[ours.originalLine!]).toContain(
      'export function createShutdown(',
    );
    const theirs = sm.findEntry(lines.findIndex((l) => l.trimStart().startsWith('function pathToRegexp(')) + 1, 4) as {
      originalSource?: string;
    };
    expect(theirs.originalSource).toBeUndefined();
  });
});
