/**
 * Finding what is meant, through the HTTP API and the results page, on every engine: mixed-script names in both
 * directions, price words matched against offers (and the matching offer on the card), the first price on every card.
 * Data: the judged set's listings and the two print ads (tests/fixtures/search-judged).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createJudgedListings } from '../../helpers/judged-search.js';

interface ApiResult { name: string; offer: { name: string; priceKrw: number } | null }

describe.each(engines())('finding what is meant (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    await createJudgedListings(t.db, t.services.listings.createListing, t.clock.now());
  });
  afterAll(async () => t.close());

  const api = async (q: string): Promise<ApiResult[]> => (await request(t.app).get('/api/search').query({ q }).expect(200)).body.results;
  const first = async (q: string) => (await api(q))[0]?.name;

  it('a Latin acronym and its Korean letter names find the same shop, both ways', async () => {
    for (const q of ['LG전자', '엘지전자', 'LG Electronics']) expect(await first(q)).toBe('LG전자 베스트샵 상무점');
    for (const q of ['LG유플러스', '엘지유플러스']) expect(await first(q)).toBe('엘지유플러스 용봉대리점');
    for (const q of ['KB국민', '케이비국민']) expect(await first(q)).toBe('KB국민은행 충장로지점');
    for (const q of ['CU', '씨유']) expect(await first(q)).toBe('CU 광주충장점');
    for (const q of ['GS25', '지에스25']) expect(await first(q)).toBe('GS25 수완센트럴점');
    for (const q of ['CJ대한통운', '씨제이대한통운']) expect(await first(q)).toBe('씨제이대한통운 북구대리점');
  });

  it('화분 5만원: only shops with an offer near 50,000원, the one whose offer is a 화분 first, that offer on its card', async () => {
    const found = await api('화분 5만원');
    expect(found[0]).toEqual(expect.objectContaining({ name: '풍암플라워', offer: { name: '관엽식물 화분', priceKrw: 50000 } }));
    for (const r of found) expect(r.offer!.priceKrw).toBeGreaterThanOrEqual(45000);
    for (const r of found) expect(r.offer!.priceKrw).toBeLessThanOrEqual(55000);
    expect(found.map((r) => r.name)).not.toContain('일곡그린화원'); // its 화분 cost 15,000 and 30,000원
  });

  it('3만원대 and 이하: a range of prices; the words combine with the other words', async () => {
    const thirties = await api('3만원대 화분');
    expect(thirties[0]).toEqual(expect.objectContaining({ name: '일곡그린화원', offer: { name: '공기정화식물 화분', priceKrw: 30000 } }));
    for (const r of thirties) expect(r.offer!.priceKrw).toBeLessThan(40000);
    expect((await api('30만원 이하 이사'))[0]).toEqual(expect.objectContaining({ name: '광주365이사', offer: { name: '원룸 이사', priceKrw: 250000 } }));
    expect(await api('10만원 이하 이사')).toEqual([]); // 250,000원 and 300,000원 only
  });

  it('the results page shows the matching offer, and the first price of every other card', async () => {
    const priced = await request(t.app).get('/search').query({ q: '꽃다발 3만원' }).expect(200);
    expect(priced.text).toContain('장미 꽃다발 <strong>30,000원</strong>');
    expect(priced.text).not.toContain('상무꽃집'); // its 꽃다발 is 35,000원
    const plain = await request(t.app).get('/search').query({ q: '근조화환' }).expect(200);
    expect(plain.text).toContain('축하화환 3단 <strong>60,000원</strong>'); // 60플라워's first offer
    expect(plain.text).toContain('근조화환 3단 <strong>70,000원</strong>'); // 사랑화원's
    const en = await request(t.app).get('/search').query({ q: '근조화환', lang: 'en' }).expect(200);
    expect(en.text).toContain('<strong>₩60,000</strong>');
  });

  it('a price alone is searched as the text it is (no error, no empty redirect)', async () => {
    await request(t.app).get('/search').query({ q: '5만원' }).expect(200);
    expect(Array.isArray(await api('3만원대'))).toBe(true);
  });
});
