/**
 * The bank statement upload (/desk/ads/statements): multer streams the one file to a temporary file on disk and cuts
 * it off at the configured size (a request declaring more is refused before any byte is read); the caller reads the
 * file for the parse worker and the file is removed whatever happens. The CSRF token is the form's first field and is
 * checked when the file starts (web/multipart-csrf.ts): no byte of a refused upload is written.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, BadRequestError } from '../../core/errors.js';
import { multipartCsrf } from '../../web/multipart-csrf.js';

export type StatementUpload = (req: Request, res: Response) => Promise<{ file: Buffer | null; error: AppError | null }>;

export function createStatementUpload(maxBytes: number, verify?: (req: Request) => boolean, dir = os.tmpdir()): StatementUpload {
  const csrf = multipartCsrf(verify);
  const middleware = multer({
    storage: multer.diskStorage({ destination: dir }),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 4096, fieldNameSize: 100, parts: 6, headerPairs: 50 },
    fileFilter: csrf.fileFilter((field) => field === 'file'),
  }).any();
  const tooLarge = () =>
    new AppError(413, 'ads.error.statementTooLarge', { params: { max: Math.round((maxBytes / 1024 / 1024) * 10) / 10 } });

  return async function parseStatementUpload(req, res) {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) return { file: null, error: tooLarge() };
    const err = await new Promise<unknown>((resolve) => middleware(req, res, (e?: unknown) => resolve(e ?? null)));
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    try {
      csrf.assert(req, err);
      if (err) {
        const over =
          err instanceof MulterError &&
          ['LIMIT_FILE_SIZE', 'LIMIT_FILE_COUNT', 'LIMIT_PART_COUNT', 'LIMIT_FIELD_COUNT', 'LIMIT_FIELD_VALUE'].includes(err.code);
        return { file: null, error: over ? tooLarge() : new BadRequestError('media.malformed') };
      }
      const file = files.find((f) => f.size > 0);
      return { file: file ? await fs.readFile(file.path) : null, error: null };
    } finally {
      // multer removes a file it cut off itself; what it finished is ours to remove.
      await Promise.all(files.map((f) => (f.path ? fs.rm(f.path, { force: true }) : undefined)));
    }
  };
}
