/**
 * Tests that start processes live in the slow project (`npm run test:slow`): a test file that starts Node (a server, a
 * command-line program) or bundles the server is named *.slow.test.ts. Short calls of other tools (pdftotext, mount)
 * stay where they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/** Starts a Node process or bundles the server: spawn/exec/fork of process.execPath, fork(), bundleServer(). */
const STARTS_NODE = /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*process\.execPath|\bfork\(|\bbundleServer\(/;

const testFiles = ['unit', 'integration', 'http']
  .flatMap((dir) => fs.readdirSync(path.join(root, 'tests', dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts')).map((f) => path.join('tests', dir, f)))
  // This file names the patterns it looks for.
  .filter((f) => f !== path.join('tests', 'unit', 'docs', 'slow-tests.test.ts'));

describe('the slow test project', () => {
  it('every test file that starts Node or bundles the server is a *.slow.test.ts file; the slow ones do', () => {
    const starting = testFiles.filter((f) => STARTS_NODE.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(starting.filter((f) => !f.endsWith('.slow.test.ts'))).toEqual([]);
    expect(testFiles.filter((f) => f.endsWith('.slow.test.ts') && !starting.includes(f))).toEqual([]);
    expect(starting.length).toBeGreaterThanOrEqual(8);
  });
});
