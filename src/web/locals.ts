/** Per-request locals every template may print: language, translate function, current path. */
import type { NextFunction, Request, Response } from 'express';
import { parseLang, translate, type Lang } from '../core/i18n.js';

declare module 'express-serve-static-core' {
  interface Locals {
    lang: Lang;
    t: (key: string, params?: Record<string, string | number>) => string;
    currentPath: string;
    otherLangHref: string;
  }
}

const LANG_COOKIE = 'lang';

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The language of a request that carries no ?lang=: the lang cookie, else Korean. */
export function langOfCookie(cookieHeader: string | undefined): Lang {
  return parseLang(readCookie(cookieHeader, LANG_COOKIE)) ?? 'ko';
}

/** The language of a request: ?lang= first, then the lang cookie, else Korean. */
export function langOfRequest(req: Request): Lang {
  return (
    parseLang(typeof req.query.lang === 'string' ? req.query.lang : undefined) ??
    parseLang(readCookie(req.headers.cookie, LANG_COOKIE)) ??
    'ko'
  );
}

/** ?lang=en switches the language and remembers it in a cookie; Korean is the default. */
export function localsMiddleware(opts: { secureCookies: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const fromQuery = parseLang(typeof req.query.lang === 'string' ? req.query.lang : undefined);
    const lang: Lang = fromQuery ?? langOfRequest(req);
    if (fromQuery) {
      res.cookie(LANG_COOKIE, fromQuery, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        path: '/',
        maxAge: 365 * 86400 * 1000,
      });
    }
    res.locals.lang = lang;
    res.locals.t = (key, params) => translate(lang, key, params);
    res.locals.currentPath = req.path;
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.set('lang', lang === 'ko' ? 'en' : 'ko');
    res.locals.otherLangHref = `${url.pathname}${url.search}`;
    next();
  };
}
