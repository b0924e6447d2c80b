/**
 * Multipart parsing of the desk's two upload forms (a pasted page or .txt, a CSV file). The body is streamed by
 * multer into memory and cut off at the configured size; a request declaring more is refused before reading.
 * Resolves an AppError instead of throwing, so the page can show the message in place.
 * `verify` (optional): the request's CSRF check for a form whose token is its first field (never in the URL): run when
 * the file starts (no byte of it is read when it fails) or after the body; a failure throws a 403.
 */
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, BadRequestError, PayloadTooLargeError } from '../../core/errors.js';
import { multipartCsrf } from '../../web/multipart-csrf.js';

export function createDeskUpload(maxBytes: number, verify?: (req: Request) => boolean) {
  const csrf = multipartCsrf(verify);
  const middleware = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: maxBytes, fieldNameSize: 100, parts: 6, headerPairs: 50 },
    fileFilter: csrf.fileFilter((field) => field === 'file'),
  }).any();

  return async function parseDeskUpload(
    req: Request,
    res: Response,
  ): Promise<{ text: string; file: Buffer | null; error: AppError | null }> {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024)
      return { text: '', file: null, error: new PayloadTooLargeError('desk.error.tooLarge') };
    const err = await new Promise<unknown>((resolve) => middleware(req, res, (e?: unknown) => resolve(e ?? null)));
    csrf.assert(req, err);
    if (err) {
      const tooLarge =
        err instanceof MulterError &&
        ['LIMIT_FILE_SIZE', 'LIMIT_FIELD_VALUE', 'LIMIT_FILE_COUNT', 'LIMIT_PART_COUNT', 'LIMIT_FIELD_COUNT'].includes(err.code);
      return {
        text: '',
        file: null,
        error: tooLarge ? new PayloadTooLargeError('desk.error.tooLarge') : new BadRequestError('media.malformed'),
      };
    }
    const files = ((req.files as Express.Multer.File[] | undefined) ?? []).filter((f) => f.size > 0);
    const text = typeof req.body?.text === 'string' ? req.body.text : '';
    return { text, file: files[0]?.buffer ?? null, error: null };
  };
}
