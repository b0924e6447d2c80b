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

/** A folder of static files served under a URL prefix (`''` for public/ itself, `/vendor/leaflet` for a package's dist). */
export interface AssetRoot { prefix: string; dir: string }

/**
 * `vendor`: folders of installed packages served under their own prefix the same way (hashed, immutable), so a
 * third-party library comes from this site at a versioned URL without being copied into git.
 */
export function createAssets(opts: { root: string; isProduction: boolean; vendor?: AssetRoot[] }) {
  const roots = [...(opts.vendor ?? []), { prefix: '', dir: opts.root }].map((r) => ({
    ...r,
    serve: express.static(r.dir, { index: false, redirect: false, maxAge: opts.isProduction ? '1h' : 0 }),
    // Hashed URLs set their own Cache-Control.
    serveHashed: express.static(r.dir, { index: false, redirect: false, cacheControl: false }),
  }));
  const hashed = new Map<string, string>();
  for (const r of roots) for (const [rel, name] of hashAssets(r.dir)) hashed.set(r.prefix + rel, r.prefix + name);
  const current = new Set(hashed.values());
  const rootOf = (p: string) => roots.find((r) => r.prefix === '' || p.startsWith(`${r.prefix}/`))!;
  const within = (req: Request, r: { prefix: string }, plainPath: string) => {
    req.url = plainPath.slice(r.prefix.length) + req.url.slice(req.path.length);
  };

  /** The URL a page should link for a file under public/ or a vendor folder (unchanged for anything else). */
  const url = (p: string): string => hashed.get(p) ?? p;

  /** Serves public/ and the vendor folders — hashed names as immutable — ahead of every other middleware. */
  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const m = HASHED.exec(req.path);
    const plain = m ? `${m[1]}${m[3]}` : req.path;
    // Only files that were there at start are served (the same set that got hashes): a page URL goes straight on
    // instead of costing a failed stat in every folder. A file added while running needs a restart.
    if (!hashed.has(plain)) return next();
    const r = rootOf(plain);
    if (!m) {
      if (r.prefix === '') return r.serve(req, res, next);
      const original = req.url;
      within(req, r, req.path);
      return r.serve(req, res, (err?: unknown) => {
        req.url = original;
        next(err);
      });
    }
    res.setHeader('Cache-Control', current.has(req.path) ? `public, max-age=${YEAR_S}, immutable` : 'public, max-age=60');
    within(req, r, plain);
    return r.serveHashed(req, res, next);
  };

  return { url, middleware };
}
