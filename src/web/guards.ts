/** Route guards. Visitors go to the login page (with a safe `next`); signed-in users without the role get 403. */
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../core/errors.js';
import type { Role } from '../core/viewer.js';

function toLogin(req: Request, res: Response): void {
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (!res.locals.currentUser) return toLogin(req, res);
  next();
}

export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const user = res.locals.currentUser;
    if (!user) return toLogin(req, res);
    if (!roles.includes(user.role)) return next(new ForbiddenError());
    next();
  };
}

/** A redirect target from user input: a path on this site only (no scheme, no //, no backslash, no CR/LF). */
export function safeNextPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\r\n\t\0]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://golmok.invalid');
    return url.origin === 'http://golmok.invalid' ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}
