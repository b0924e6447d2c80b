/**
 * Multipart parsing for forms with images. Files are held in memory up to the per-file limit (no temp files to leak);
 * the whole request is refused from its Content-Length before reading when it is over the total limit.
 * Returns the error instead of throwing, so the form route can re-render everything already typed (413 / 400).
 */
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, BadRequestError, PayloadTooLargeError } from '../../core/errors.js';
import { multipartCsrf } from '../../web/multipart-csrf.js';

export interface UploadLimits { maxFileBytes: number; maxFiles: number; maxTotalBytes: number }
export interface UploadedFile { field: 'logo' | 'photos'; index: number; bytes: Buffer; originalName: string }

export const MAX_FORM_FIELDS = 400;
export const MAX_FIELD_BYTES = 64 * 1024;
const FILE_FIELDS = new Set(['logo', 'photos']);

/**
 * `verify` (optional): the request's CSRF check, for a form whose token is its first field rather than in the URL. It
 * runs when the first file starts (the fields before it are in req.body by then; no byte of the file is read when it
 * fails), or after the body when there is no file. A failure throws a 403.
 */
export function createUploadParser(limits: UploadLimits, verify?: (req: Request) => boolean) {
  const csrf = multipartCsrf(verify);
  const middleware = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: MAX_FORM_FIELDS, fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 200, parts: MAX_FORM_FIELDS + limits.maxFiles + 1, headerPairs: 100,
    },
    fileFilter: csrf.fileFilter((field) => FILE_FIELDS.has(field)),
  }).any();

  function toAppError(err: unknown): AppError {
    if (err instanceof MulterError) {
      if (['LIMIT_FILE_SIZE', 'LIMIT_FILE_COUNT', 'LIMIT_FIELD_COUNT', 'LIMIT_PART_COUNT', 'LIMIT_FIELD_VALUE'].includes(err.code)) {
        return new PayloadTooLargeError('media.tooLarge');
      }
      return new BadRequestError('media.malformed');
    }
    if (err instanceof AppError) return err;
    return new BadRequestError('media.malformed');
  }

  /** Parses the request into req.body and the list of non-empty files; resolves an AppError when the upload is refused. */
  return async function parseUpload(req: Request, res: Response): Promise<{ files: UploadedFile[]; error: AppError | null }> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxTotalBytes) {
      req.body = {};
      return { files: [], error: new PayloadTooLargeError('media.tooLarge') };
    }
    const error = await new Promise<unknown>((resolve) => middleware(req, res, (err?: unknown) => resolve(err ?? null)));
    csrf.assert(req, error);
    if (error) return { files: [], error: toAppError(error) };
    const raw = (req.files as Express.Multer.File[] | undefined) ?? [];
    const photos = raw.filter((f) => f.fieldname === 'photos' && f.size > 0);
    if (photos.length > limits.maxFiles) return { files: [], error: new PayloadTooLargeError('media.tooMany') };
    const counters: Record<string, number> = {};
    const files = raw.filter((f) => f.size > 0).map((f): UploadedFile => {
      const field = f.fieldname as 'logo' | 'photos';
      counters[field] = (counters[field] ?? 0) + 1;
      return { field, index: counters[field] - 1, bytes: f.buffer, originalName: f.originalname };
    });
    return { files, error: null };
  };
}
export type UploadParser = ReturnType<typeof createUploadParser>;
