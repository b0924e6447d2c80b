// The production server as one file: esbuild bundles src/server.ts with the packages it imports into
// dist/src/server.js (replacing tsc's output of that one file; every other file of dist/ stays tsc's), with a source
// map for stack traces (`npm start` runs node with --enable-source-maps). Loading ~700 modules one by one was half of
// the server's cold start; one file compiles once. Native and optional drivers stay outside the bundle and load from
// node_modules as before: sqlite3 and sharp (native), pg and redis (loaded only when configured), and the database
// drivers knex can load but Golmok never uses. Run by `npm run build` and scripts/ensure-build.mjs after tsc.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const EXTERNAL = [
  'sqlite3', 'sharp', 'pg', 'pg-native', 'pg-query-stream', 'redis',
  // pdfkit reads its font metrics (data/*.afm) next to its own file at run time.
  'pdfkit',
  'better-sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/callback', 'oracledb', 'tedious',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64_INDEX.get(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function encodeVlq(values) {
  let out = '';
  for (const v of values) {
    let n = v < 0 ? (-v << 1) | 1 : v << 1;
    do {
      let digit = n & 31;
      n >>>= 5;
      if (n > 0) digit |= 32;
      out += B64[digit];
    } while (n > 0);
  }
  return out;
}

/**
 * Keeps only the mappings into Golmok's own sources (src/, db/): the packages' mappings made the map 3 MB, read at
 * every start and decoded (~1 s of CPU) at the first stack trace. Code of a package keeps a column-only mapping at
 * the start of each of its runs, so a frame in it shows its place in the bundle instead of a wrong line of ours.
 */
export function ownSourcesOnly(map, mapDir, root) {
  const own = [path.join(root, 'src') + path.sep, path.join(root, 'db') + path.sep];
  const keep = map.sources.map((s) => {
    const file = path.resolve(mapDir, s);
    return own.some((dir) => file.startsWith(dir)) && !file.includes(`${path.sep}node_modules${path.sep}`);
  });
  const newIndex = [];
  const sources = [];
  map.sources.forEach((s, i) => {
    if (keep[i]) {
      newIndex[i] = sources.length;
      sources.push(s);
    }
  });
  let src = 0;
  let line = 0;
  let col = 0;
  let prevSrc = 0;
  let prevLine = 0;
  let prevCol = 0;
  const lines = map.mappings.split(';').map((text) => {
    let genCol = 0;
    let prevGenCol = 0;
    let dropping = false;
    const out = [];
    for (const segment of text ? text.split(',') : []) {
      const f = decodeVlq(segment);
      genCol += f[0];
      if (f.length < 4) continue;
      src += f[1];
      line += f[2];
      col += f[3];
      if (!keep[src]) {
        if (!dropping) out.push(encodeVlq([genCol - prevGenCol]));
        if (!dropping) prevGenCol = genCol;
        dropping = true;
        continue;
      }
      dropping = false;
      out.push(encodeVlq([genCol - prevGenCol, newIndex[src] - prevSrc, line - prevLine, col - prevCol]));
      prevGenCol = genCol;
      prevSrc = newIndex[src];
      prevLine = line;
      prevCol = col;
    }
    return out.join(',');
  });
  return { version: 3, sources, names: [], mappings: lines.join(';') };
}

/**
 * JSON files (mime-db's table of ~2,500 types, in two copies: express's and multer's) become `JSON.parse('…')` rather
 * than esbuild's object literals: V8 parses a JSON string several times faster than it compiles and runs the same
 * object as code, and those two tables were a tenth of the bundle's start.
 */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

/** One entry point bundled as the server is (ES module, packages inlined but EXTERNAL, a map of our own sources). */
async function bundleEntry(root, entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: true,
    // Mappings only: stack traces need lines, not the sources themselves (a third of the map's size otherwise).
    sourcesContent: false,
    // Packages written as CommonJS call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __golmokRequire } from 'node:module'; const require = __golmokRequire(import.meta.url);" },
    plugins: [jsonAsParse],
    logLevel: 'warning',
  });
  const mapFile = `${outfile}.map`;
  fs.writeFileSync(mapFile, JSON.stringify(ownSourcesOnly(JSON.parse(fs.readFileSync(mapFile, 'utf8')), path.dirname(mapFile), root)));
}

/**
 * Bundles `<root>/src/server.ts` into `outfile` (default `<root>/dist/src/server.js`); returns the output's size in bytes.
 * The worker threads' scripts (the `*.worker.ts` files under src/, e.g. the desk's bulk parser) are bundled beside it at the path the
 * server asks for (`components/desk/bulk-parse.worker.js` next to server.js), so a bundle anywhere runs its workers too,
 * and a worker starts from one file as the server does.
 */
export async function bundleServer(root, outfile = path.join(root, 'dist', 'src', 'server.js')) {
  await bundleEntry(root, path.join(root, 'src', 'server.ts'), outfile);
  const src = path.join(root, 'src');
  const workers = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.worker.ts'));
  for (const worker of workers) {
    await bundleEntry(root, path.join(src, worker), path.join(path.dirname(outfile), worker.replace(/\.ts$/, '.js')));
  }
  return fs.statSync(outfile).size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outfile = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const bytes = await bundleServer(root, outfile);
  process.stdout.write(`Bundled the server (${(bytes / 1e6).toFixed(1)} MB)\n`);
}
