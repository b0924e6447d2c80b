/** GET /uploads/<sha256>-<1600|480>.webp: generated names only; anything else (traversal, .html, the folder) is 404. */
import { Router } from 'express';
import { NotFoundError } from '../../core/errors.js';
import { viewerOf } from '../../web/viewer.js';
import { VARIANT_FILE } from './media-storage.js';
import type { MediaService } from './media.service.js';

export function createMediaRouter(deps: { media: MediaService }): Router {
  const router = Router();
  router.get('/uploads/:file', async (req, res) => {
    const file = String(req.params.file);
    if (!VARIANT_FILE.test(file)) throw new NotFoundError();
    const found = await deps.media.fetchVariant(file, viewerOf(res));
    if (!found) throw new NotFoundError();
    res.set({
      'Content-Type': 'image/webp',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': found.isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store',
      'Content-Disposition': 'inline',
    });
    res.send(found.bytes);
  });
  return router;
}
