/** Renders one page view inside the main layout. The layout gets only the page's meta and its HTML. */
import type { Request, Response } from 'express';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute URL of the canonical page. */
  canonical?: string;
  image?: string;
  ogType?: string;
  robots?: string;
  /** JSON-LD already serialised with jsonForScript(). */
  jsonLdHtml?: string;
  /** Extra <link rel="alternate"> feeds. */
  feeds?: Array<{ title: string; href: string }>;
  /** Page-specific scripts under /js (progressive enhancement only). */
  scripts?: string[];
}

function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });
}

export async function renderPage(
  res: Response,
  view: string,
  model: Record<string, unknown>,
  meta: PageMeta,
  status = 200,
): Promise<void> {
  const bodyHtml = await renderView(res, `pages/${view}`, { model });
  const html = await renderView(res, 'layouts/main', { bodyHtml, meta });
  if (status === 200 && isSharedCacheable(res)) {
    res.setHeader('Cache-Control', PUBLIC_PAGE_CACHE);
    // The lang cookie changes the page; a session cookie means the page was not cacheable in the first place.
    res.vary('Cookie');
  }
  res.status(status).type('html').send(html);
}

/** Anonymous pages: a minute fresh, then served stale for five while one request refreshes them. */
export const PUBLIC_PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=300';

/** A page anyone would get alike: an anonymous read, nobody signed in, no cookie being set, no cache policy chosen yet. */
function isSharedCacheable(res: Response): boolean {
  return Boolean(res.locals.anonymousRead) && !res.locals.currentUser && !res.getHeader('Set-Cookie') && !res.getHeader('Cache-Control');
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The checked origin of this request's absolute links (web/origin.ts), set first thing by the app. */
    origin: string;
  }
}

/**
 * The absolute origin used in canonical links, og:url, JSON-LD, feeds, the sitemap and QR codes: PUBLIC_URL when set,
 * else the request's own only when its scheme and host pass web/origin.ts (never a forwarded header as it came).
 */
export function originOf(req: Request, baseUrl: string | undefined): string {
  return baseUrl ?? req.res?.locals.origin ?? 'http://localhost';
}

/** JSON for an inline <script type="application/ld+json">: no </script>, no U+2028/2029, no HTML comment openers. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
