/** POST /api/ad-text/parse: JSON { text } in, the parsed ad out. Changes nothing (CSRF-exempt by contract), rate-limited. */
import express, { Router } from 'express';
import type { LimiterFactory } from '../../web/rate-limit.js';
import { ValidationError } from '../../core/errors.js';
import { translate } from '../../core/i18n.js';
import { adTextSchema } from './submissions.schemas.js';
import type { AdTextService } from './ad-text.service.js';

export function createAdTextRouter(deps: { adText: AdTextService; limiter: LimiterFactory }): Router {
  const router = Router();
  const limit = deps.limiter({ name: 'ad-text-parse', windowMs: 60_000, limit: 30 });
  router.post('/api/ad-text/parse', limit, express.json({ limit: '64kb', strict: true }), async (req, res) => {
    const parsed = adTextSchema.safeParse(req.body);
    if (!parsed.success) throw new ValidationError({ text: translate(res.locals.lang, 'submission.adText.invalid') });
    res.set('Cache-Control', 'no-store').json({ ad: await deps.adText.parse(parsed.data.text) });
  });
  return router;
}
