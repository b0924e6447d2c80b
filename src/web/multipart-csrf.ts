/**
 * The CSRF check of a multipart form whose token is its first field (never in the URL: a token in a URL lands in the
 * address bar, the history and access logs). The form's upload parser runs the check when the first file starts — the
 * fields before it are in req.body by then, and no byte of a refused file is read — or after the body when there is no
 * file; `verify` is csrf.verifyMultipart. Such a path is exempt from the general CSRF middleware (src/app.ts).
 */
import type { Request } from 'express';
import { AppError } from '../core/errors.js';

export class CsrfRefused extends Error {}

export function multipartCsrf(verify?: (req: Request) => boolean) {
  const verified = new WeakSet<Request>();
  const check = (req: Request): boolean => {
    if (!verify || verified.has(req)) return true;
    if (!verify(req)) return false;
    verified.add(req);
    return true;
  };
  return {
    check,
    /** A multer fileFilter that refuses every file of a request failing the check. */
    fileFilter:
      (accept: (fieldname: string) => boolean) =>
      (req: Request, file: { fieldname: string }, cb: (error: Error | null, accept?: boolean) => void) =>
        check(req) ? cb(null, accept(file.fieldname)) : cb(new CsrfRefused()),
    /** After multer: a 403 when the check failed (or never ran because the form had no file). */
    assert(req: Request, err: unknown): void {
      req.body ??= {};
      if (err instanceof CsrfRefused || !check(req)) throw new AppError(403, 'error.csrf');
    },
  };
}
