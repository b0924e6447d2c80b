/** Upload → check → re-encode → store; and who may fetch a stored image. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import type { Viewer } from '../../core/viewer.js';
import { isPubliclyVisible } from '../listings/index.js';
import type { MediaStorage } from './media-storage.js';
import { processImage } from './image-processing.js';
import * as repo from './media.repository.js';

export interface MediaConfig { maxPixels: number; keepOriginal: boolean }

/** At most `limit` images are decoded at once, so a burst of uploads cannot multiply the memory a decode needs. */
function createGate(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export function createMediaService(deps: { db: Knex; clock: Clock; storage: MediaStorage; config: MediaConfig; parallelDecodes?: number }) {
  const { db, clock, storage, config } = deps;
  const gate = createGate(deps.parallelDecodes ?? 2);
  return {
    /**
     * Stores one uploaded image for its owner (not yet on a listing); throws ImageRejectedError for anything not a safe
     * image, StorageUnavailableError when the store refuses the files.
     */
    async storeUpload(bytes: Buffer, opts: { ownerId: number; role: 'logo' | 'photo'; altText: string | null }): Promise<repo.StoredMedia> {
      const image = await gate(() => processImage(bytes, { maxPixels: config.maxPixels }));
      const variants = [];
      const written: string[] = [];
      try {
        for (const v of image.variants) {
          const file = `${image.sha256}-${v.name}.webp`;
          await storage.put(file, v.bytes);
          written.push(file);
          variants.push({ name: v.name, file, width: v.width, height: v.height, bytes: v.bytes.length });
        }
        if (config.keepOriginal) {
          await storage.put(`originals/${image.sha256}`, bytes);
          written.push(`originals/${image.sha256}`);
        }
        const row = {
          ownerId: opts.ownerId,
          role: opts.role,
          sha256: image.sha256,
          variants,
          width: image.width,
          height: image.height,
          altText: opts.altText,
        };
        const id = await repo.insertMedia(db, { ...row, bytes: variants[0].bytes }, clock.now());
        return { id, listingId: null, ...row };
      } catch (err) {
        // Half a stored image (disk full after the first variant, a failed insert) leaves no file behind,
        // unless an earlier upload of the same image owns those files.
        const inUse = await repo.sha256InUse(db, image.sha256).catch(() => true);
        if (!inUse) for (const key of written) await storage.delete(key).catch(() => undefined);
        throw err;
      }
    },

    findOwnedMedia: (ids: number[], ownerId: number) => repo.findOwnedMedia(db, ids, ownerId),
    findListingMedia: (listingId: number) => repo.findListingMedia(db, listingId),
    /** The listing's photos plus the ones a pending revision refers to (uploaded by the owner, not yet attached). */
    findOwnedOrListingMedia: (listingId: number) => repo.findListingMediaAndOwnerUploads(db, listingId),
    attachMedia: repo.attachMedia,

    /**
     * Deletes uploads left on no listing for more than `days` (a form never saved, a photo an edit dropped), unless a
     * pending edit still refers to them; files go only when no other row uses the same image. Files older than that
     * which no row names at all go too. Returns what it removed.
     */
    async removeUnattached(days = 7): Promise<{ rows: number; files: number }> {
      const before = new Date(clock.now().getTime() - days * 86_400_000);
      const keep = await repo.mediaIdsInPendingRevisions(db);
      const stale = (await repo.findUnattachedMedia(db, before)).filter((m) => !keep.has(m.id));
      await repo.deleteMediaRows(db, stale.map((m) => m.id));
      let files = 0;
      for (const sha of new Set(stale.map((m) => m.sha256))) {
        if (await repo.sha256InUse(db, sha)) continue;
        const keys = [
          ...new Set(stale.filter((m) => m.sha256 === sha).flatMap((m) => m.files)),
          ...(config.keepOriginal ? [`originals/${sha}`] : []),
        ];
        for (const key of keys) await storage.delete(key);
        files += keys.length;
      }
      // Files no row names (a crash between storing an image and inserting its row) and half-written ones.
      const named = await repo.namedFiles(db);
      for (const key of await storage.listKeys(before)) {
        if (named.has(key)) continue;
        await storage.delete(key);
        files++;
      }
      files += await storage.removeLeftovers(before);
      return { rows: stale.length, files };
    },

    /**
     * The bytes of a served variant, and whether it may be cached publicly. Images of listings the viewer may not see
     * are null (404), exactly like a name that never existed.
     */
    async fetchVariant(file: string, viewer: Viewer): Promise<{ bytes: Buffer; isPublic: boolean } | null> {
      const rows = await repo.mediaAccess(db, file.slice(0, 64));
      const now = clock.now();
      const isPublic = rows.some(
        (r) => r.status !== null && !r.deletedAt && isPubliclyVisible({ status: r.status as 'published', expiresAt: r.expiresAt }, now),
      );
      const privileged =
        viewer.role === 'moderator' || viewer.role === 'admin' || rows.some((r) => viewer.userId !== null && r.ownerId === viewer.userId);
      if (!isPublic && !privileged) return null;
      const bytes = await storage.get(file);
      return bytes ? { bytes, isPublic } : null;
    },
  };
}
export type MediaService = ReturnType<typeof createMediaService>;
