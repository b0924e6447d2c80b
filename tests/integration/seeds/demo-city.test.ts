/**
 * The demo data looks like a real city: every synthetic listing has a name of its own, an address on a road of its 구,
 * a spot inside its 구's built-up area, a phone of its kind, hours, and is flagged synthetic; the two print ads keep
 * exactly what they printed (no hours, no coordinates, no flag).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { findListingGraphs } from '../../../src/components/listings/index.js';
import { DISTRICT_BOXES } from '../../../src/lib/gwangju-areas.js';
import { DEMO_SYNTHETIC_COUNT } from '../../../src/demo/demo.js';
import { DISTRICT_ROADS } from '../../../src/demo/synthetic-places.js';
import { readPrintAds } from '../../../src/demo/print-ads.js';
import { parsePhone } from '../../../src/components/phones/index.js';

describe.each(engines())('demo city on %s', (engine) => {
  let t: TestApp;
  let synthetic: Awaited<ReturnType<typeof findListingGraphs>>;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    const ids = (await t.db('listings').where({ is_synthetic: true }).pluck('id')).map(Number);
    synthetic = await findListingGraphs(t.db, ids);
  });
  afterAll(async () => t.close());

  it('200 synthetic listings → 200 different names, all flagged; the two print ads are not flagged', async () => {
    expect(synthetic.size).toBe(DEMO_SYNTHETIC_COUNT);
    expect(new Set([...synthetic.values()].map((l) => l.name)).size).toBe(DEMO_SYNTHETIC_COUNT);
    const real = await t.db('listings').where({ is_synthetic: false }).pluck('name');
    expect(real.sort()).toEqual(['60플라워', 'HDKorea']);
  });

  it('each synthetic shop: one branch on a road of its 구, inside that 구\'s built-up area, with a week of hours', () => {
    const shops = [...synthetic.values()].filter((l) => l.kind === 'business');
    expect(shops.length).toBeGreaterThan(150);
    for (const l of shops) {
      const [b] = l.branches;
      expect(l.branches).toHaveLength(1);
      expect(b.sido).toBe('광주광역시');
      expect(DISTRICT_ROADS[b.sigungu!], `${l.name}: ${b.sigungu} ${b.roadName}`).toContain(b.roadName);
      expect(b.buildingNo).toMatch(/^[1-9]\d*(-\d+)?$/);
      const box = DISTRICT_BOXES[b.sigungu!];
      expect(b.lat!, l.name).toBeGreaterThanOrEqual(box.minLat);
      expect(b.lat!, l.name).toBeLessThanOrEqual(box.maxLat);
      expect(b.lng!, l.name).toBeGreaterThanOrEqual(box.minLng);
      expect(b.lng!, l.name).toBeLessThanOrEqual(box.maxLng);
      expect(b.hours.map((h) => h.weekday).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(b.hours.some((h) => !h.isClosed)).toBe(true);
    }
  });

  it('phones by kind: a shop gives its 062 line first (an owner\'s 010 may follow); sole traders and posters only a 010', () => {
    for (const l of synthetic.values()) {
      const shopLines = l.branches.flatMap((b) => b.phones);
      const soleTrader = l.kind === 'classified' || ['moving-cleaning', 'repair-home', 'nails-skin'].includes(l.categories[0]?.slug ?? '');
      if (soleTrader) {
        expect(shopLines, l.name).toEqual([]);
        expect(l.phones.map((p) => p.display), l.name).toEqual([expect.stringMatching(/^010-\d{4}-\d{4}$/)]);
      } else {
        expect(l.phones, l.name).toEqual([]);
        expect(shopLines[0]?.display, l.name).toMatch(/^062-\d{3}-\d{4}$/);
        for (const p of shopLines.slice(1)) expect(p.display).toMatch(/^010-\d{4}-\d{4}$/);
      }
      // Numbers in assigned ranges only: the desk's CSV import (and any check with full metadata) takes them.
      for (const p of [...l.phones, ...shopLines]) expect(parsePhone(p.display)?.e164, p.display).toBe(p.e164);
    }
  });

  it('prices where the trade has them: restaurants and cafés list priced dishes; a restaurant named for a dish serves it', () => {
    const food = [...synthetic.values()].filter((l) => ['restaurants', 'cafes'].includes(l.categories[0]?.slug ?? ''));
    expect(food.length).toBeGreaterThan(20);
    for (const l of food) {
      expect(l.offers.length, l.name).toBeGreaterThan(0);
      for (const o of l.offers) expect(o.priceKrw! % 500, `${l.name} ${o.name}`).toBe(0);
    }
    const gukbap = food.filter((l) => l.name.endsWith('국밥'));
    for (const l of gukbap) expect(l.offers.map((o) => o.name)).toContain(l.name.endsWith('순대국밥') ? '순대국밥' : '국밥');
  });

  it('the print ads keep what they printed: no hours, no map position, no tagline of their own making', async () => {
    const [flowerAd, hdAd] = readPrintAds().ads.map((a) => a.expected);
    const [flower, hd] = [
      ...(await findListingGraphs(t.db, [await listingIdByName(t, '60플라워'), await listingIdByName(t, 'HDKorea')])).values(),
    ].sort((a) => (a.name === '60플라워' ? -1 : 1));
    expect(flower.branches).toEqual([]);
    expect(flower.offers.map((o) => [o.name, o.priceKrw])).toEqual(flowerAd.offers!.map((o) => [o.name, o.price_krw]));
    expect(hd.description).toBe(hdAd.description);
    expect(hd.branches.map((b) => [b.name, b.roadName, b.buildingNo, b.lat, b.lng, b.hours])).toEqual(
      hdAd.branches.map((b) => [b.name, b.address.road, b.address.building_no, null, null, []]),
    );
  });

  it('the flag is data only: a synthetic listing\'s page does not mention it', async () => {
    const [id] = [...synthetic.keys()];
    const res = await request(t.app).get(`/listings/${id}`).redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/synthetic|합성|가상/i);
  });
});
