/** The PDFs of an order for the viewer allowed to see it (its advertiser or the desk): proofs, 견적서, 거래명세서. */
import type { AdsConfig } from '../../config/index.js';
import { seoulParts } from '../../lib/clock.js';
import { NotFoundError } from '../../core/errors.js';
import { translate } from '../../core/i18n.js';
import type { Viewer } from '../../core/viewer.js';
import { documentPdf, proofPdf } from './ad-documents.js';
import type { AdsService } from './ads.service.js';

const STATEMENT_STATES = new Set(['paid', 'scheduled', 'running', 'completed']);

export function createAdDocuments(deps: { ads: AdsService; config: AdsConfig }) {
  const { ads, config } = deps;
  return {
    async proof(viewer: Viewer, orderId: number, version: number): Promise<Buffer> {
      const d = await ads.orderDetails(viewer, orderId);
      const proof = d.proofs.find((p) => p.version === version);
      if (!proof) throw new NotFoundError();
      return proofPdf(config, {
        orderId,
        version,
        copy: proof.copy,
        productName: d.order.product.nameKo,
        bold: Boolean(d.order.options.bold),
        box: Boolean(d.order.options.box),
      });
    },

    /** 견적서 any time; 거래명세서 once paid, or for a 후불 customer. Item names are Korean, as on paper. */
    async document(viewer: Viewer, orderId: number, kind: 'quote' | 'statement'): Promise<Buffer> {
      const d = await ads.orderDetails(viewer, orderId);
      if (kind === 'statement' && !STATEMENT_STATES.has(d.order.state) && d.order.billing !== 'postpay') throw new NotFoundError();
      const quote = { ...d.quote, supply: d.order.supply, vat: d.order.vat, total: d.order.total };
      return documentPdf(config, {
        kind, orderId, issuedOn: seoulParts(ads.now()).day, productName: d.order.product.nameKo, quote, runs: d.order.runs,
        customer: { name: d.order.customerName, businessNo: d.order.taxBusinessNo, email: d.order.advertiserEmail },
        itemLabel: (key, params) => translate('ko', key, params),
      });
    },
  };
}

export type AdDocuments = ReturnType<typeof createAdDocuments>;
