import { Router, type Request } from 'express';
import { z } from 'zod';
import type { LimiterFactory } from '../../web/rate-limit.js';
// Only this site's pages may send beacons: a present Origin must be ours.
import { sameOrigin } from '../../web/csrf.js';
import type { StatsService } from './stats.service.js';

const params = z.object({ id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });
const adId = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number).optional().catch(undefined);
const callBody = z.object({
  phone: z.coerce.number().int().positive().max(2_000_000_000),
  ad: adId,
  // The short code the visit came through (components/codes checks it); anything odd is simply no code.
  via: z.string().max(16).optional().catch(undefined),
});
const viewBody = z.object({ src: z.string().max(10).optional(), q: z.string().max(200).optional(), ad: adId });
const actionBody = z.object({ type: z.enum(['map', 'vcard', 'share']) });

/**
 * POST /listings/:id/calls (phone id in the body, via= a short code), POST /listings/:id/views (src=qr from a QR code, q= when
 * the visitor came from a search page; both take ad= when the visitor arrived from a featured slot) and
 * POST /listings/:id/actions (type=map|vcard|share), sent by navigator.sendBeacon.
 * Always 204: a beacon's sender cannot act on the answer, and a bot learns nothing from it.
 */
export function createStatsRouter(deps: { stats: StatsService; limiter: LimiterFactory }): Router {
  const router = Router();
  const limit = deps.limiter({ name: 'beacons', windowMs: 60_000, limit: 60 });
  const visit = (req: Request, listingId: number) => ({ listingId, ip: req.ip ?? '', userAgent: req.get('user-agent') });

  router.post('/listings/:id/calls', limit, async (req, res) => {
    const p = params.safeParse(req.params);
    const b = callBody.safeParse(req.body ?? {});
    if (p.success && b.success && sameOrigin(req)) {
      await deps.stats.recordCall({ ...visit(req, p.data.id), phoneId: b.data.phone, ad: b.data.ad, via: b.data.via });
    }
    res.status(204).end();
  });

  router.post('/listings/:id/views', limit, async (req, res) => {
    const p = params.safeParse(req.params);
    const b = viewBody.safeParse(req.body ?? {});
    if (p.success && sameOrigin(req)) {
      await deps.stats.recordView({
        ...visit(req, p.data.id),
        fromQr: b.success && b.data.src === 'qr',
        query: b.success ? b.data.q : undefined,
        ad: b.success ? b.data.ad : undefined,
      });
    }
    res.status(204).end();
  });

  router.post('/listings/:id/actions', limit, async (req, res) => {
    const p = params.safeParse(req.params);
    const b = actionBody.safeParse(req.body ?? {});
    if (p.success && b.success && sameOrigin(req)) await deps.stats.recordAction(b.data.type, visit(req, p.data.id));
    res.status(204).end();
  });

  return router;
}
