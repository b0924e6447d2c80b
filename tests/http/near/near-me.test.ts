/**
 * "Near me" over HTTP with fixed coordinates, on both engines: 가까운 순 on search, category and district pages,
 * the radius filter, listings without coordinates after the located ones, a listing as near as its nearest branch,
 * a 구/동 instead of the device position, and the position kept out of the page cache.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { fixtureInput } from '../../helpers/search-fixtures.js';
import { haversineKm } from '../../../src/lib/geo.js';

/** Where the visitor stands: 치평동, 서구 (rounded to 3 decimals, as the browser sends it). */
const HERE = { lat: '35.160', lng: '126.851' };

interface Shop { name: string; district: string; spots: Array<[number, number] | null>; published: number }
const SHOPS: Shop[] = [
  { name: '가까운꽃집', district: '서구', spots: [[35.161, 126.852]], published: 40 },
  { name: '먼화원', district: '북구', spots: [[35.177, 126.905]], published: 30 },
  // Two branches: a far one first, and one 1.4 km away — the listing is as near as its nearest branch.
  { name: '두지점플라워', district: '남구', spots: [[35.126, 126.915], [35.150, 126.860]], published: 20 },
  // A real shop whose owner has not set a location yet: found, after the located ones.
  { name: '위치없는꽃집', district: '동구', spots: [null], published: 10 },
];

describe.each(engines())('near me on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const now = t.clock.now();
    for (const s of SHOPS) {
      const input = await fixtureInput(
        t.db,
        { name: s.name, category: 'flowers', district: s.district, phones: [], description: '축하 화환 당일 배달', age: s.published },
        now,
      );
      const base = input.branches[0];
      input.branches = s.spots.map((spot, i) => ({
        ...base,
        sigungu: i === 0 ? s.district : '서구',
        lat: spot?.[0] ?? null,
        lng: spot?.[1] ?? null,
        phones: [],
      }));
      input.phones = [
        {
          type: 'landline',
          e164: `+8262${3600000 + s.published}`,
          display: `062-360-${String(s.published).padStart(4, '0')}`,
          nationalDigits: `062360${String(s.published).padStart(4, '0')}`,
          label: null,
        },
      ];
      await t.db.transaction((trx) => t.services.listings.createListing(input, trx));
    }
  });
  afterAll(async () => t.close());

  const cardNames = (html: string) =>
    [...html.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1].replace(/<\/?mark>/g, ''));
  const searchNames = (html: string) =>
    [...html.matchAll(/<h3><a href="[^"]+">(.+?)<\/a><\/h3>/g)].map((m) => m[1].replace(/<\/?mark>/g, ''));

  it('search sorted by distance: nearest first, the two-branch shop by its near branch, the shop without coordinates last', async () => {
    const res = await request(t.app).get('/search').query({ q: '화환', sort: 'near', ...HERE }).expect(200);
    expect(searchNames(res.text)).toEqual(['가까운꽃집', '두지점플라워', '먼화원', '위치없는꽃집']);
    // Each located result says how far it is, computed in the database (haversine), shown rounded.
    const km = haversineKm({ lat: 35.16, lng: 126.851 }, { lat: 35.15, lng: 126.86 });
    expect(res.text).toContain(`여기서 ${km.toFixed(1)} km`);
    expect(res.text).toMatch(/여기서 1[0-9]0 m/);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('the JSON API gives the same order with distanceKm, null for the shop without coordinates', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '화환', sort: 'near', ...HERE }).expect(200);
    expect(res.body.results.map((r: { name: string }) => r.name)).toEqual(['가까운꽃집', '두지점플라워', '먼화원', '위치없는꽃집']);
    const [near, two, far, none] = res.body.results as Array<{ distanceKm: number | null }>;
    expect(near.distanceKm).toBeLessThan(0.2);
    expect(two.distanceKm).toBeCloseTo(haversineKm({ lat: 35.16, lng: 126.851 }, { lat: 35.15, lng: 126.86 }), 1);
    expect(far.distanceKm).toBeGreaterThan(4);
    expect(none.distanceKm).toBeNull();
  });

  it('radius 3 km keeps only located shops inside it; 1 km only the nearest', async () => {
    const three = await request(t.app).get('/search').query({ q: '화환', sort: 'near', radius: '3', ...HERE }).expect(200);
    expect(searchNames(three.text)).toEqual(['가까운꽃집', '두지점플라워']);
    const one = await request(t.app).get('/api/search').query({ q: '화환', sort: 'near', radius: '1', ...HERE }).expect(200);
    expect(one.body.results.map((r: { name: string }) => r.name)).toEqual(['가까운꽃집']);
    expect(one.body.total).toBe(1);
  });

  it('the category page sorts by distance too, and pages keep the position in their links', async () => {
    const res = await request(t.app).get('/categories/flowers').query({ sort: 'near', ...HERE }).expect(200);
    expect(cardNames(res.text)).toEqual(['가까운꽃집', '두지점플라워', '먼화원', '위치없는꽃집']);
    expect(res.text).toContain('여기서 ');
    const radius = await request(t.app).get('/categories/flowers').query({ sort: 'near', radius: '10', ...HERE }).expect(200);
    expect(cardNames(radius.text)).toEqual(['가까운꽃집', '두지점플라워', '먼화원']);
    expect(radius.text).toContain('광고 3건');
  });

  it('a district page measured from a chosen 동 (no geolocation): 서구 치평동', async () => {
    const res = await request(t.app).get(`/districts/${encodeURIComponent('서구')}`).query({ sort: 'near', area: '서구 치평동' }).expect(200);
    // Both have a branch in 서구; from 치평동's centre (35.152, 126.852) the two-branch shop's 서구 branch is nearer.
    expect(cardNames(res.text)).toEqual(['두지점플라워', '가까운꽃집']);
    expect(res.text).toMatch(/<option value="서구 치평동" selected>/);
  });

  it('a position outside Korea is not used, and says so; nonsense coordinates are ignored', async () => {
    const res = await request(t.app).get('/search').query({ q: '화환', sort: 'near', lat: '48.85', lng: '2.35' }).expect(200);
    expect(res.text).toContain('국내가 아니어서');
    expect(res.text).not.toContain('여기서 ');
    await request(t.app).get('/search').query({ q: '화환', sort: 'near', lat: '1e309', lng: "1' OR 1=1" }).expect(200);
    await request(t.app).get('/categories/flowers').query({ sort: 'near', lat: ['35.1', '35.2'], lng: '126.8' }).expect(200);
  });

  it('a page with a position is never served from or kept in the page cache; a 구 choice may be', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app).get('/categories/flowers').set('Host', 'golmok.test').query({ sort: 'near', ...HERE }).expect(200);
      expect(res.headers['x-page-cache']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.text).not.toMatch(/<link rel="canonical" href="[^"]*lat=/);
    }
    const url = `/categories/flowers?sort=near&area=${encodeURIComponent('북구')}`;
    // Supertest listens on a new port per request: a fixed Host keeps the cache key equal.
    await request(t.app).get(url).set('Host', 'golmok.test').expect(200);
    expect((await request(t.app).get(url).set('Host', 'golmok.test').expect(200)).headers['x-page-cache']).toBe('hit');
  });

  it('once a place is chosen the box folds to one line naming it, so the results come first; without one it is open', async () => {
    const chosen = await request(t.app).get('/categories/flowers').query({ sort: 'near', area: '북구' }).expect(200);
    expect(chosen.text).toContain('<details class="near-box" id="near">');
    expect(chosen.text).toContain('<summary>북구 기준 · 바꾸기</summary>');
    const mine = await request(t.app).get('/categories/flowers').query({ sort: 'near', ...HERE }).expect(200);
    expect(mine.text).toContain('<summary>내 위치 기준 · 바꾸기</summary>');
    const none = await request(t.app).get('/categories/flowers').query({ sort: 'near' }).expect(200);
    expect(none.text).toContain('<details class="near-box" id="near" open>');
    const en = await request(t.app).get('/categories/flowers').query({ sort: 'near', area: '북구', lang: 'en' }).expect(200);
    expect(en.text).toContain('<summary>Near Buk-gu · change</summary>');
  });

  it('/near lists every category nearest first, and the home page leads there', async () => {
    expect((await request(t.app).get('/').expect(200)).text).toContain('<a href="/near">내 주변 가게 찾기</a>');
    const ask = await request(t.app).get('/near').expect(200);
    expect(ask.text).toContain('<h1>내 주변 가게</h1>');
    expect(ask.text).toContain('가까운 순으로 보려면');
    const res = await request(t.app).get('/near').query(HERE).expect(200);
    const names = cardNames(res.text);
    expect(names[0]).toBe('가까운꽃집');
    expect(names).toHaveLength(4);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('without a position, 가까운 순 asks for one and lists as before', async () => {
    const res = await request(t.app).get('/categories/flowers').query({ sort: 'near' }).expect(200);
    expect(res.text).toContain('가까운 순으로 보려면');
    expect(cardNames(res.text)).toHaveLength(4);
  });
});
