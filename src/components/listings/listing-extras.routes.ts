/**
 * Per-listing downloads: the page's QR code (SVG, made on the server; its URL ends in ?src=qr) and a vCard for the phone's contacts.
 * (The action bar's 저장 link, /listings/:id/save, belongs to the saved component.)
 */
import { Router } from 'express';
import QRCode from 'qrcode';
import type { Config } from '../../config/index.js';
import { originOf } from '../../web/render.js';
import { pathId } from '../../web/params.js';
import { viewerOf } from '../../web/viewer.js';
import type { ListingsService } from './listings.service.js';
import { listingPath } from './listings.view-models.js';
import { listingVCard } from './structured-data.js';

export function createListingExtrasRouter(deps: { listings: ListingsService; config: Readonly<Config> }): Router {
  const router = Router();

  router.get('/listings/:id/qr.svg', async (req, res) => {
    const { listing } = await deps.listings.getListingForViewer(pathId(req.params.id), viewerOf(res));
    // The code's URL carries a source marker: a visit through it counts as a QR scan in the advertiser's insights.
    const svg = await QRCode.toString(`${originOf(req, deps.config.baseUrl)}${listingPath(listing)}?src=qr`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').send(svg);
  });

  router.get('/listings/:id/contact.vcf', async (req, res) => {
    const { listing } = await deps.listings.getListingForViewer(pathId(req.params.id), viewerOf(res));
    const file = `golmok-${listing.id}.vcf`;
    res.set('Content-Disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`${listing.name}.vcf`)}`);
    res.type('text/vcard; charset=utf-8').send(listingVCard(listing, `${originOf(req, deps.config.baseUrl)}${listingPath(listing)}`));
  });

  return router;
}
