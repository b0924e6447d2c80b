/** Renders every error once, in the user's language; never a stack, SQL or driver text outside development. */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, TooManyRequestsError } from '../core/errors.js';
import { isBusyError } from '../db/index.js';
import { renderPage } from './render.js';
import { translate } from '../core/i18n.js';
import { errorWithoutMessage, isSearchPath, urlForFailureLog } from '../core/logger.js';

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.accepts(['html', 'json']) === 'json');
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(404, 'error.notFound'));
}

interface HttpishError { status?: number; statusCode?: number; type?: string; code?: string; expose?: boolean }

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as HttpishError;
  const status = e?.status ?? e?.statusCode;
  // The database stayed locked through every retry (src/db/knex.ts): a moment's wait, not a failure of the site.
  if (isBusyError(err)) return new AppError(503, 'error.busy');
  if (e?.code === 'EBADCSRFTOKEN' || e?.code === 'ERR_BAD_CSRF_TOKEN' || (e as Error)?.message === 'invalid csrf token')
    return new AppError(403, 'error.csrf');
  if (status === 413 || e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') return new AppError(413, 'error.payloadTooLarge');
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError(status, status === 404 ? 'error.notFound' : 'error.badRequest');
  return null;
}

export function createErrorHandler(deps: { logger: Logger; showStack: boolean }) {
  return async (err: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const appError = toAppError(err);
    const status = appError?.status ?? 500;
    // A failed search is logged by the shape of its query, never by what was typed (nor an error message quoting it).
    if (status >= 500)
      deps.logger.error(
        { ...(isSearchPath(req.path) ? { err: errorWithoutMessage(err) } : { err }), url: urlForFailureLog(req.originalUrl) },
        'request failed',
      );
    if (res.headersSent) {
      res.end();
      return;
    }
    const lang = res.locals.lang ?? 'ko';
    const messageKey = appError?.messageKey ?? 'error.server';
    const retry = appError instanceof TooManyRequestsError ? appError.retryAfterSeconds : undefined;
    if (retry !== undefined) res.set('Retry-After', String(retry));
    const message = translate(lang, messageKey, { seconds: retry ?? 0 });
    if (wantsJson(req)) {
      res
        .status(status)
        .json({ error: { status, message, ...(appError?.details.fieldErrors ? { fields: appError.details.fieldErrors } : {}) } });
      return;
    }
    try {
      await renderPage(
        res,
        'errors/error',
        {
          status,
          message,
          hint: status === 404 ? translate(lang, 'error.notFound.hint') : '',
          stack: deps.showStack && status >= 500 ? String((err as Error)?.stack ?? err) : '',
        },
        { title: `${status} ${translate(lang, 'error.title')}`, robots: 'noindex' },
        status,
      );
    } catch (renderErr) {
      deps.logger.error({ err: renderErr }, 'error page failed to render');
      res.status(status).type('text').send(message);
    }
  };
}
