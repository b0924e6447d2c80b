/**
 * Where image files live. A small interface so an S3-compatible store can replace the local folder later;
 * keys are generated names only (content hash + variant), never anything a user typed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../web/errors.js';

/**
 * The store refused a write (disk full, read-only or missing folder, permissions): a 503 the form shows in the
 * advertiser's language with everything typed kept. `code` is the system error code (ENOSPC, EROFS, EACCES …).
 */
export class StorageUnavailableError extends AppError {
  constructor(readonly code: string) {
    super(503, 'media.storageFailed', { code });
  }
}

export interface MediaStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/** Served variants: 64 hex characters of SHA-256, the variant width, .webp. */
export const VARIANT_FILE = /^[a-f0-9]{64}-(?:1600|480)\.webp$/;
const STORED_KEY = /^[a-f0-9]{64}-(?:1600|480)\.webp$|^originals\/[a-f0-9]{64}$/;

function assertKey(key: string): void {
  if (!STORED_KEY.test(key)) throw new Error('invalid storage key');
}

/** Files under one folder (config.uploadsDir); writes go through a temp name and a rename so readers never see half a file. */
export function createLocalStorage(dir: string): MediaStorage {
  const full = (key: string) => path.join(dir, ...key.split('/'));
  return {
    async put(key, bytes) {
      assertKey(key);
      const target = full(key);
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(temp, bytes, { flag: 'wx' });
        await fs.rename(temp, target);
      } catch (err) {
        throw new StorageUnavailableError(String((err as NodeJS.ErrnoException).code ?? 'EIO'));
      } finally {
        await fs.rm(temp, { force: true }).catch(() => undefined);
      }
    },
    async get(key) {
      assertKey(key);
      try {
        return await fs.readFile(full(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      assertKey(key);
      await fs.rm(full(key), { force: true });
    },
  };
}
