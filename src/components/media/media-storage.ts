/**
 * Where image files live. A small interface so an S3-compatible store can replace the local folder later;
 * keys are generated names only (content hash + variant), never anything a user typed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../core/errors.js';

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
  /** Keys of the objects last written before `before` (for finding files no row names). */
  listKeys(before: Date): Promise<string[]>;
  /** Removes half-written objects older than `before` that a crash left behind; returns how many. */
  removeLeftovers(before: Date): Promise<number>;
}

/** Served variants: 64 hex characters of SHA-256, the variant width, .webp. */
export const VARIANT_FILE = /^[a-f0-9]{64}-(?:1600|480)\.webp$/;
const STORED_KEY = /^[a-f0-9]{64}-(?:1600|480)\.webp$|^originals\/[a-f0-9]{64}$/;

function assertKey(key: string): void {
  if (!STORED_KEY.test(key)) throw new Error('invalid storage key');
}

/** Every file under `dir` with its '/'-separated relative path and modification time ([] when there is no folder). */
async function filesUnder(dir: string): Promise<Array<{ rel: string; mtime: Date }>> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { recursive: true })).map(String);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out = [];
  for (const name of names) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile()) out.push({ rel: name.split(path.sep).join('/'), mtime: stat.mtime });
  }
  return out;
}

/**
 * Files under one folder (config.uploadsDir); writes go through a temp name and a rename so readers never see half a
 * file. Names are content hashes, so two uploads of the same photo put the same key at once: each put has a temp name
 * of its own (a sequence number besides pid and time), and the second rename just replaces identical bytes.
 */
export function createLocalStorage(dir: string): MediaStorage {
  const full = (key: string) => path.join(dir, ...key.split('/'));
  let puts = 0;
  return {
    async put(key, bytes) {
      assertKey(key);
      const target = full(key);
      const temp = `${target}.${process.pid}.${Date.now()}.${++puts}.tmp`;
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
    async listKeys(before) {
      return (await filesUnder(dir)).filter((f) => STORED_KEY.test(f.rel) && f.mtime < before).map((f) => f.rel);
    },
    async removeLeftovers(before) {
      // put()'s temporary names: `<key>.<pid>.<time>.<n>.tmp` (earlier `<key>.<pid>.<time>.tmp`), left only when the process died between
      // write and rename.
      const stale = (await filesUnder(dir)).filter((f) => /\.\d+\.\d+\.tmp$/.test(f.rel) && f.mtime < before);
      for (const f of stale) await fs.rm(full(f.rel), { force: true });
      return stale.length;
    },
  };
}
