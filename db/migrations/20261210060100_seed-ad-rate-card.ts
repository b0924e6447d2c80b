import type { Knex } from 'knex';

/**
 * A starter rate card so the desk can take an order on a fresh install. The prices are examples, not the paper's:
 * an admin sets the real ones on /admin/ads/products (docs/ad-orders.md).
 */
const noExtras = { bold: 0, box: 0, photo: 0 };
const line = {
  unit: 'line',
  pricePerUnit: 3000,
  charsPerLine: 14,
  minLines: 3,
  maxLines: 12,
  extras: { bold: 2000, box: 3000, photo: 10000 },
};
const multiRun = [{ minRuns: 4, percent: 10 }, { minRuns: 12, percent: 20 }];
const PRODUCTS = [
  { code: 'line', name_ko: '줄광고 (생활정보)', name_en: 'Line ad (classifieds)', rule: { kind: 'line', ...line }, discounts: multiRun },
  {
    code: 'display',
    name_ko: '박스광고 (단×cm)',
    name_en: 'Display ad (columns × cm)',
    rule: { kind: 'display', pricePerColumnCm: 15000, maxColumns: 5, maxCm: 37, colourPercent: 30 },
    discounts: multiRun,
  },
  {
    code: 'web-30',
    name_ko: '인터넷 게재 30일',
    name_en: 'Web listing, 30 days',
    rule: { kind: 'web_listing', days: 30, price: 30000 },
    discounts: [],
  },
  {
    code: 'web-90',
    name_ko: '인터넷 게재 90일',
    name_en: 'Web listing, 90 days',
    rule: { kind: 'web_listing', days: 90, price: 75000 },
    discounts: [],
  },
  {
    code: 'web-365',
    name_ko: '인터넷 게재 365일',
    name_en: 'Web listing, 365 days',
    rule: { kind: 'web_listing', days: 365, price: 240000 },
    discounts: [],
  },
  {
    code: 'featured-category',
    name_ko: '업종 상단 광고 7일',
    name_en: 'Featured in a category, 7 days',
    rule: { kind: 'featured', placement: 'category', days: 7, price: 50000 },
    discounts: [],
  },
  {
    code: 'featured-district',
    name_ko: '지역 상단 광고 7일',
    name_en: 'Featured in a district, 7 days',
    rule: { kind: 'featured', placement: 'district', days: 7, price: 50000 },
    discounts: [],
  },
  {
    code: 'featured-search',
    name_ko: '검색 상단 광고 7일',
    name_en: 'Featured in search, 7 days',
    rule: { kind: 'featured', placement: 'search', days: 7, price: 70000 },
    discounts: [],
  },
  {
    code: 'bundle-line-web-30',
    name_ko: '줄광고 + 인터넷 30일',
    name_en: 'Line ad + web listing 30 days',
    rule: { kind: 'bundle', line: { ...line, extras: noExtras }, webDays: 30, webPrice: 20000 },
    discounts: multiRun,
  },
];

export async function up(knex: Knex): Promise<void> {
  const now = new Date('2026-12-10T00:00:00Z');
  await knex('ad_products').insert(
    PRODUCTS.map((p, i) => ({
      code: p.code,
      name_ko: p.name_ko,
      name_en: p.name_en,
      kind: p.rule.kind,
      rule_json: JSON.stringify(p.rule),
      discounts_json: JSON.stringify(p.discounts),
      active_from: '2026-01-01',
      active_to: null,
      sort: i,
      created_at: now,
      updated_at: now,
    })),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('ad_products').whereIn('code', PRODUCTS.map((p) => p.code)).delete();
}
