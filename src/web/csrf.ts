/**
 * CSRF defence for every state-changing request: the double-submit token of csrf-csrf, bound to the signed-in
 * session, plus an Origin check. The token comes from the form field `_csrf`, the `x-csrf-token` header, or the
 * query string (some multipart forms put it in their action URL so it is checked before any upload is read; the
 * listing form sends it as its first field instead, checked by its upload parser: verifyMultipart).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { AppError } from '../core/errors.js';

/** A token made only when a page prints it (String(token)), so pages without a form set no CSRF cookie. */
export interface LazyToken {
  toString(): string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    csrfToken?: LazyToken | string;
  }
}

function lazyToken(make: () => string): LazyToken {
  let value: string | undefined;
  const get = () => (value ??= make());
  return { toString: get, valueOf: get, toJSON: get } as LazyToken;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** No Origin (same-site navigation from old browsers), or one naming this host. */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

export function createCsrf(opts: { secret: string; secure: boolean; exempt: (req: Request) => boolean }) {
  const { generateCsrfToken, doubleCsrfProtection, validateRequest } = doubleCsrf({
    getSecret: () => opts.secret,
    getSessionIdentifier: (req) => (req.session?.userId ? req.sessionID : 'anonymous'),
    cookieName: opts.secure ? '__Host-golmok.csrf' : 'golmok.csrf',
    cookieOptions: { sameSite: 'lax', secure: opts.secure, path: '/', httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      const fromQuery = req.query?._csrf;
      const value =
        typeof fromBody === 'string' ? fromBody : (req.headers['x-csrf-token'] ?? (typeof fromQuery === 'string' ? fromQuery : undefined));
      return typeof value === 'string' ? value : undefined;
    },
    skipCsrfProtection: opts.exempt,
    errorConfig: { statusCode: 403, code: 'EBADCSRFTOKEN', message: 'invalid csrf token' },
  });

  /** A state-changing request whose Origin names another site is refused outright. */
  const originCheck = (req: Request, _res: Response, next: NextFunction): void => {
    if (!UNSAFE.has(req.method) || opts.exempt(req)) return next();
    next(sameOrigin(req) ? undefined : new AppError(403, 'error.csrf'));
  };

  /**
   * Both checks for a multipart form left to its upload parser (opts.exempt): run once the form's fields before its
   * first file are read, so the token travels in the body (first field) and never in the URL, and no file is read
   * for a request that fails.
   */
  const verifyMultipart = (req: Request): boolean => sameOrigin(req) && validateRequest(req);

  /**
   * Puts a token on res.locals for the forms of the page being rendered. It is made (and its cookie set) only
   * when the page prints it: a page without a form sets no cookie and stays cacheable.
   */
  const tokenLocals = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || res.locals.csrfToken === undefined) {
      res.locals.csrfToken = lazyToken(() => {
        try {
          return generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
        } catch {
          return generateCsrfToken(req, res, { overwrite: true });
        }
      });
    }
    next();
  };

  const protect: RequestHandler = (req, res, next) => {
    originCheck(req, res, (err?: unknown) => (err ? next(err) : doubleCsrfProtection(req, res, next)));
  };

  /** A fresh token after the session changed (login/logout), for the page rendered next. */
  const refreshToken = (req: Request, res: Response): string => generateCsrfToken(req, res, { overwrite: true });

  return { protect, tokenLocals, refreshToken, verifyMultipart };
}
