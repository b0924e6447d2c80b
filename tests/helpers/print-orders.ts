/** Print ad orders written straight into the database (already paid and scheduled) for the classified-pages tests. */
import type { TestApp } from './test-app.js';
import { insertOrder } from '../../src/components/ads/ads.repository.js';

export interface PrintOrderSpec {
  advertiserId: number; copy: string; classification?: string; runs: string[]; display?: { columns: number; cm: number };
  bold?: boolean; box?: boolean; state?: 'scheduled' | 'running' | 'completed' | 'awaiting_payment'; createdAt?: Date;
}

export async function insertPrintOrder(t: TestApp, o: PrintOrderSpec): Promise<number> {
  const code = o.display ? 'display' : 'line';
  const p = await t.services.ads.products({ activeOnly: false }).then((all) => all.find((x) => x.code === code)!);
  return insertOrder(
    t.db,
    {
      advertiserId: o.advertiserId,
      enteredBy: null,
      productId: p.id,
      product: { id: p.id, code: p.code, nameKo: p.nameKo, nameEn: p.nameEn, rule: p.rule, discounts: p.discounts },
      listingId: null,
      copy: o.copy,
      options: { bold: o.bold, box: o.box, classification: o.classification, ...(o.display ?? {}) },
      customerName: '광고주',
      state: o.state ?? 'scheduled',
      supply: 10000,
      vat: 1000,
      total: 11000,
      billing: 'bank_transfer',
      depositor: '광고주',
      taxInvoice: false,
      taxBusinessNo: null,
      firstDeadline: null,
    },
    o.runs,
    o.createdAt ?? t.clock.now(),
  );
}
