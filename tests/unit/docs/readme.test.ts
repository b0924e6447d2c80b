/** The README names only scripts and environment variables that exist. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|js)$|^run$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

describe('README', () => {
  it('every `npm run X` is a script in package.json', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    const named = [...new Set([...readme.matchAll(/npm run ([a-z0-9:-]+)/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it('every environment variable it names is read by the code (PG* are read by the PostgreSQL driver)', () => {
    const code = [...sources('src'), ...sources('scripts'), ...sources('db'), ...sources('tests/helpers'), ...sources('.ci')].join('\n');
    const notEnv = new Set(['ANALYZE', 'SIGTERM']);
    const named = [...new Set([...readme.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]))].filter((v) => !notEnv.has(v) && !v.startsWith('PG'));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((v) => !code.includes(v))).toEqual([]);
  });
});
