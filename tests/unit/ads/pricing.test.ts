import { describe, expect, it } from 'vitest';
import { countLines, priceOrder, priceRuleSchema, vatOf, type PriceRule } from '../../../src/components/ads/pricing.js';

const lineAd: PriceRule = {
  kind: 'line',
  unit: 'line',
  pricePerUnit: 3000,
  charsPerLine: 12,
  minLines: 3,
  maxLines: 10,
  extras: { bold: 2000, box: 3000, photo: 10000 },
};
const fourRuns = [{ minRuns: 4, percent: 10 }, { minRuns: 8, percent: 15 }];

describe('priceOrder', () => {
  it('a short line ad is billed the minimum lines per edition, VAT 10 % apart', () => {
    const q = priceOrder(lineAd, fourRuns, { copy: '원룸 월세 급매', runs: 2 });
    expect(q.lines).toBe(1);
    expect(q.items[0]).toMatchObject({ key: 'ads.item.lines', quantity: 6, unitPrice: 3000, amount: 18000 });
    expect([q.supply, q.vat, q.total]).toEqual([18000, 1800, 19800]);
  });

  it('four editions get the 10 % tier, eight the 15 % tier, and extras are per edition', () => {
    const four = priceOrder(lineAd, fourRuns, { copy: '가'.repeat(30), runs: 4, extras: { bold: true } });
    // 30 characters at 12 a line = 3 lines × 3000 + bold 2000 = 11000 per edition, × 4 = 44000, −10 % = 39600.
    expect([four.subtotal, four.discountPercent, four.discount, four.supply, four.vat, four.total]).toEqual([
      44000, 10, 4400, 39600, 3960, 43560,
    ]);
    expect(priceOrder(lineAd, fourRuns, { copy: '가', runs: 8 }).discountPercent).toBe(15);
  });

  it('copy over the line limit is flagged as overflow', () => {
    const q = priceOrder(lineAd, [], { copy: '가'.repeat(12 * 10 + 1), runs: 1 });
    expect(q).toMatchObject({ lines: 11, maxLines: 10, overflow: true });
  });

  it('a rule priced per character bills at least the minimum lines of characters', () => {
    const perChar: PriceRule = { ...lineAd, unit: 'char', pricePerUnit: 250 };
    expect(priceOrder(perChar, [], { copy: '가나다', runs: 1 }).supply).toBe(3 * 12 * 250);
    expect(priceOrder(perChar, [], { copy: '가'.repeat(50), runs: 1 }).supply).toBe(50 * 250);
  });

  it('a display ad is 단 × cm × rate with a colour surcharge; a size past the limits is refused', () => {
    const display: PriceRule = { kind: 'display', pricePerColumnCm: 15000, maxColumns: 5, maxCm: 37, colourPercent: 30 };
    const q = priceOrder(display, [], { copy: '', runs: 1, columns: 2, cm: 5, colour: true });
    expect([q.subtotal, q.supply, q.vat, q.total]).toEqual([195000, 195000, 19500, 214500]);
    expect(() => priceOrder(display, [], { copy: '', runs: 1, columns: 6, cm: 5 })).toThrow(RangeError);
  });

  it('web products are one period whatever the runs; a bundle discounts only its print part', () => {
    expect(priceOrder({ kind: 'web_listing', days: 90, price: 50000 }, fourRuns, { copy: 'x', runs: 9 }).supply).toBe(50000);
    const bundle: PriceRule = {
      kind: 'bundle',
      line: { unit: 'line', pricePerUnit: 3000, charsPerLine: 12, minLines: 3, maxLines: 10, extras: { bold: 0, box: 0, photo: 0 } },
      webDays: 30,
      webPrice: 20000,
    };
    // print 9000 × 4 = 36000 − 10 % (3600) + web 20000 = 52400
    expect(priceOrder(bundle, fourRuns, { copy: '가', runs: 4 }).supply).toBe(52400);
  });

  it('VAT cuts below 1원 and every amount is a whole number', () => {
    expect(vatOf(12345)).toBe(1234);
    const q = priceOrder({ ...lineAd, pricePerUnit: 3333 }, [{ minRuns: 3, percent: 7 }], { copy: '가', runs: 3 });
    for (const v of [q.subtotal, q.discount, q.supply, q.vat, q.total]) expect(Number.isInteger(v)).toBe(true);
  });
});

describe('countLines', () => {
  it('each written line wraps on its own', () => {
    expect(countLines('가'.repeat(13) + '\n나', 12)).toBe(3);
    expect(countLines('   ', 12)).toBe(0);
  });
});

describe('priceRuleSchema', () => {
  it('refuses fractional won and unknown fields', () => {
    expect(priceRuleSchema.safeParse({ ...lineAd, pricePerUnit: 10.5 }).success).toBe(false);
    expect(priceRuleSchema.safeParse({ ...lineAd, free: true }).success).toBe(false);
  });
});
