/** The shape of src/ that the linter and the layout promise: no import circle, a framework-free core, HTTP only on top. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from '../../helpers/import-graph.js';

const root = path.resolve(import.meta.dirname, '../../..');
const graph = importGraph(root);

/** Code that runs without HTTP: it must never load src/web or build the Express app. */
const FRAMEWORK_FREE = /^src\/(core|lib|db|cli|demo)\/|^src\/services\.ts$|\.(service|repository)\.ts$/;

describe('the import graph of src/', () => {
  it('holds every source file', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('src/app.ts')).toContain('src/services.ts');
  });

  it('has no circle (types live downhill, in a file both sides import)', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const circular = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(importCircles(circular)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('services, repositories, the CLI, core, lib, db and the demo data import nothing from src/web nor the HTTP app', () => {
    const offending = [...graph].filter(([file]) => FRAMEWORK_FREE.test(file))
      .flatMap(([file, targets]) => targets.filter((t) => t.startsWith('src/web/') || t === 'src/app.ts').map((t) => `${file} → ${t}`));
    expect(offending).toEqual([]);
  });

  it('the CLI builds services, never the HTTP app', () => {
    const cli = [...graph].filter(([file]) => file.startsWith('src/cli/')).flatMap(([, targets]) => targets);
    expect(cli).toContain('src/services.ts');
    expect(cli).not.toContain('src/app.ts');
  });
});

describe('the linter enforces the boundary', () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'scripts/eslint.config.mjs') });
  const messagesFor = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath: path.join(root, filePath) }))[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`);

  it('a service importing src/web/ → an error naming src/core', async () => {
    const messages = await messagesFor(
      'src/components/ads/probe.service.ts',
      "import { viewerOf } from '../../web/viewer.js';\nexport const v = viewerOf;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*src\/core/)]);
  });

  it('a CLI file loading the HTTP app with import() → an error; the same file loading services passes', async () => {
    const bad = await messagesFor('src/cli/probe.ts', "export const load = () => import('../app.js');\n");
    expect(bad).toEqual([expect.stringMatching(/^no-restricted-syntax: .*createServices/)]);
    expect(await messagesFor('src/cli/probe.ts', "export const load = () => import('../services.js');\n")).toEqual([]);
  });

  it('a view model or repository importing Express → an error; core imports from a route pass', async () => {
    expect(
      await messagesFor('src/components/ads/probe.repository.ts', "import express from 'express';\nexport const e = express;\n"),
    ).toHaveLength(1);
    expect(
      await messagesFor(
        'src/components/ads/probe.view-models.ts',
        "import { renderPage } from '../../web/render.js';\nexport const r = renderPage;\n",
      ),
    ).toHaveLength(1);
    expect(
      await messagesFor(
        'src/components/ads/probe.routes.ts',
        "import { NotFoundError } from '../../core/errors.js';\nexport const n = NotFoundError;\n",
      ),
    ).toEqual([]);
  });
});
