/** The README and docs/ name only scripts, environment variables, files and links that exist. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const docFiles = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const docs = docFiles.map((file) => ({ file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
const all = docs.map((d) => d.text).join('\n');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|js)$|^run$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

describe('README and docs/', () => {
  it('the README stays short: at most about 200 lines', () => {
    expect(docs[0]!.text.split('\n').length).toBeLessThanOrEqual(210);
  });

  it('every `npm run X` is a script in package.json', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    const named = [...new Set([...all.matchAll(/npm run ([a-z0-9:-]+)/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it('every environment variable they name is read by the code (PG* are read by the PostgreSQL driver)', () => {
    const code = [...sources('src'), ...sources('scripts'), ...sources('db'), ...sources('tests/helpers'), ...sources('.ci')].join('\n');
    const notEnv = new Set(['ANALYZE', 'SIGTERM']);
    const named = [...new Set([...all.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]))].filter(
      (v) => !notEnv.has(v) && !v.startsWith('PG'),
    );
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((v) => !code.includes(v))).toEqual([]);
  });

  it('every variable the config reads is documented in docs/configuration.md and .env.example', () => {
    const config = fs
      .readdirSync(path.join(root, 'src/config'))
      .map((f) => fs.readFileSync(path.join(root, 'src/config', f), 'utf8'))
      .join('\n');
    const vars = [...new Set([...config.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((m) => m[1]!))];
    expect(vars.length).toBeGreaterThan(50);
    const table = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    expect(vars.filter((v) => !table.includes(`\`${v}\``))).toEqual([]);
    expect(vars.filter((v) => !example.includes(v))).toEqual([]);
  });

  it('every relative link points to a file that exists', () => {
    const broken: string[] = [];
    for (const { file, text } of docs) {
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)|src="([^"]+)"/g)) {
        const target = m[1] ?? m[2]!;
        if (/^[a-z]+:/.test(target)) continue;
        if (!fs.existsSync(path.resolve(root, path.dirname(file), target))) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every source path they name in backquotes exists', () => {
    const missing: string[] = [];
    for (const { file, text } of docs) {
      for (const m of text.matchAll(/`((?:src|scripts|tests|db|views|public|docs)\/[A-Za-z0-9_./-]+)`/g)) {
        const p = m[1]!.replace(/[.:]$/, '');
        if (p.includes('*') || p.includes('<')) continue;
        if (!fs.existsSync(path.join(root, p))) missing.push(`${file}: ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
