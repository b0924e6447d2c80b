/**
 * Static files with long-lived, immutable URLs: at start every file under public/ gets a content hash, pages
 * link `/css/site.<hash>.css`, and that URL is served with `Cache-Control: public, max-age=1 year, immutable`.
 * A hashed URL from an older deploy still gets the current file, with a short lifetime. Plain URLs keep working.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

const HASHED = /^(.+)\.([0-9a-f]{10})(\.[A-Za-z0-9]+)$/;
const YEAR_S = 365 * 86400;

function walk(dir: string, base = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = `${base}/${e.name}`;
    return e.isDirectory() ? walk(path.join(dir, e.name), rel) : [rel];
  });
}

/** `/css/site.css` → `/css/site.0123456789.css` for every file under `root` (hash of its bytes). */
export function hashAssets(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of walk(root)) {
    const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(root, rel))).digest('hex').slice(0, 10);
    const ext = path.extname(rel);
    out.set(rel, ext ? `${rel.slice(0, -ext.length)}.${hash}${ext}` : rel);
  }
  return out;
}

export function createAssets(opts: { root: string; isProduction: boolean }) {
  const hashed = hashAssets(opts.root);
  const current = new Set(hashed.values());
  const serve = express.static(opts.root, { index: false, redirect: false, maxAge: opts.isProduction ? '1h' : 0 });
  // Hashed URLs set their own Cache-Control.
  const serveHashed = express.static(opts.root, { index: false, redirect: false, cacheControl: false });

  /** The URL a page should link for a file under public/ (unchanged for anything else). */
  const url = (p: string): string => hashed.get(p) ?? p;

  /** Serves public/ — hashed names as immutable — ahead of every other middleware. */
  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const m = HASHED.exec(req.path);
    if (!m) return serve(req, res, next);
    const plain = `${m[1]}${m[3]}`;
    if (!hashed.has(plain)) return next();
    res.setHeader('Cache-Control', current.has(req.path) ? `public, max-age=${YEAR_S}, immutable` : 'public, max-age=60');
    req.url = plain + req.url.slice(req.path.length);
    return serveHashed(req, res, next);
  };

  return { url, middleware };
}
