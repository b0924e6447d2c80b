/** GET /listings/:id/card?size=a6|biz: the printable shop-window card (a page of its own: print CSS, no site chrome). */
import { Router, type Response } from 'express';
import type { Config } from '../../config/index.js';
import { originOf } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { viewerOf } from '../../web/viewer.js';
import type { CardService, CardData, CardSize } from './card.service.js';
import { cardQuery } from './desk.schemas.js';
import { cardsPageVM } from './card.view-models.js';

/** Renders cards as one printable document, each card on its own page. */
export function renderCardsPage(res: Response, cards: CardData[], size: CardSize, title: string): Promise<void> {
  const { lang, t } = res.locals;
  return new Promise((resolve, reject) => {
    res.render('pages/desk/cards', { model: cardsPageVM(cards, size, lang, t), title }, (err: Error | null, html?: string) => {
      if (err) return reject(err);
      res.set('Cache-Control', 'no-store').type('html').send(html);
      resolve();
    });
  });
}

export function createCardRouter(deps: { cards: CardService; config: Readonly<Config> }): Router {
  const router = Router();
  router.get('/listings/:id/card', async (req, res) => {
    const { size } = cardQuery.parse(req.query);
    const card = await deps.cards.cardFor(pathId(req.params.id), viewerOf(res), originOf(req, deps.config.baseUrl));
    await renderCardsPage(res, [card], size, res.locals.t('card.title', { name: card.listing.name }));
  });
  return router;
}
