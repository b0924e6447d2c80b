import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

async function names(t: TestApp, q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await request(t.app).get('/api/search').query({ q, ...extra }).expect(200);
  return res.body.results.map((r: { name: string }) => r.name);
}

/** Every result over all pages (the demo has 202 listings; ties are ordered newest first). */
async function allNames(t: TestApp, q: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page <= 15; page++) {
    const got = await names(t, q, { page: String(page) });
    if (got.length === 0) break;
    out.push(...got);
  }
  return out;
}

describe.each(engines())('what must match, on the demo data (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  it.each([
    ['화환', '60플라워'], ['근조', '60플라워'], ['드론', 'HDKorea'],
    ['축하 화환', '60플라워'], ['축하화환', '60플라워'], ['금남로24', 'HDKorea'], ['금남로 24', 'HDKorea'],
    ['dji', 'HDKorea'], ['DJI', 'HDKorea'], ['HDKorea', 'HDKorea'], ['hdkorea', 'HDKorea'], ['Flower', '60플라워'],
    ['drone', 'HDKorea'], ['wreath', '60플라워'], ['군분2로', 'HDKorea'], ['근조화환 3단', '60플라워'], ['에이치디코리아', 'HDKorea'],
    ['ㅎㅎ', '60플라워'], ['ㄱㄴㄹ', 'HDKorea'],
  ])('%s → finds %s', async (q, expected) => {
    expect(await allNames(t, q)).toContain(expected);
  });

  it('1-syllable 꽃 finds florists by name and 60플라워 by its category', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '꽃' }).expect(200);
    expect(res.body.total).toBeGreaterThan(1);
    expect(await allNames(t, '꽃')).toContain('60플라워');
  });

  it.each(['062-522-2000', '0625222000', '522-2000', '5222000', '+82 62 522 2000'])(
    'phone %s → HDKorea first, pointing at 임동점',
    async (q) => {
      const res = await request(t.app).get('/search').query({ q }).expect(200);
      expect(res.text).toContain('HDKorea');
      expect(res.text).toMatch(/062-522-2000<\/strong> — 임동점/);
      expect((await names(t, q))[0]).toBe('HDKorea');
    },
  );

  it('010 9984 0151 → 60플라워', async () => {
    expect(await names(t, '010 9984 0151')).toEqual(['60플라워']);
  });

  it('spacing either way gives the same listings', async () => {
    expect(new Set(await names(t, '축하 화환'))).toEqual(new Set(await names(t, '축하화환')));
    expect(new Set(await names(t, '금남로 24'))).toEqual(new Set(await names(t, '금남로24')));
  });

  it('금남로24 ranks the shop at 금남로 24 first', async () => {
    expect((await names(t, '금남로24'))[0]).toBe('HDKorea');
  });

  it('북구 → only listings with a branch in 북구 (HDKorea 임동점 among them)', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '북구' }).expect(200);
    expect(await allNames(t, '북구')).toContain('HDKorea');
    const ids: number[] = res.body.results.map((r: { id: number }) => r.id);
    const districts = await t.db('branches').whereIn('listing_id', ids).pluck('sigungu');
    for (const id of ids) {
      const own = await t.db('branches').where({ listing_id: id }).pluck('sigungu');
      expect(own).toContain('북구');
    }
    expect(districts.length).toBeGreaterThan(0);
  });

  it('서구 드론 → district filter + keyword: HDKorea (금호월드점 in 서구) yes; a 서구 mention in a description alone does not count', async () => {
    const id = await t.services.listings.createListing({
      kind: 'business',
      status: 'published',
      name: '무등드론학교',
      description: '서구 근처에서도 찾아오는 드론 교육',
      categoryIds: [],
      publishedAt: t.clock.now(),
      phones: [],
      offers: [],
      paymentAccounts: [],
      branches: [{ sido: '광주광역시', sigungu: '북구', roadName: '용봉로', buildingNo: '1', hours: [], phones: [] }],
    });
    const found = await names(t, '서구 드론');
    expect(found).toContain('HDKorea');
    expect(found).not.toContain('무등드론학교');
    // Newest first: the demo data holds more 드론 shops than one page, and this bare listing ranks low among them.
    expect(await names(t, '드론', { sort: 'newest' })).toContain('무등드론학교');
    await t.db('listings').where({ id }).del();
  });

  it('typo: 에이치디코라아 (one wrong syllable) still finds HDKorea with a suggestion', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '에이치디코라아' }).expect(200);
    expect(res.body.results[0].name).toBe('HDKorea');
    expect(res.body.suggestion).toBe('HDKorea');
  });

  it('Korean typed in English mode: emfhs → the results for 드론 at once, a line saying so and a link to the literal query', async () => {
    // The results of 드론 itself (which listing comes first is the ranking's business, tested elsewhere).
    const drone = ((await request(t.app).get('/api/search').query({ q: '드론' })).body.results as Array<{ name: string }>).map((r) => r.name);
    const res = await request(t.app).get('/search').query({ q: 'emfhs' }).expect(200);
    expect(res.text).toContain('“emfhs” 대신 “드론” 검색 결과');
    expect(res.text).toContain(drone[0]);
    expect(res.text).toMatch(/href="\/search\?q=emfhs&amp;literal=1"/);
    const literal = await request(t.app).get('/search').query({ q: 'emfhs', literal: '1' }).expect(200);
    expect(literal.text).not.toContain(drone[0]);
    const api = await request(t.app).get('/api/search').query({ q: 'emfhs' }).expect(200);
    expect(api.body).toMatchObject({ query: 'emfhs', searched: '드론' });
    expect(api.body.results.map((r: { name: string }) => r.name)).toEqual(drone);
  });

  it('Korean typed in English mode with the capital a phone keyboard adds (Emfhs, not 뜨론) or Caps Lock (EMFHS) → 드론', async () => {
    const drone = ((await request(t.app).get('/api/search').query({ q: '드론' })).body.results as Array<{ name: string }>).map((r) => r.name);
    for (const q of ['Emfhs', 'EMFHS']) {
      const api = await request(t.app).get('/api/search').query({ q }).expect(200);
      expect(api.body).toMatchObject({ query: q.toLowerCase(), searched: '드론' });
      expect(api.body.results.map((r: { name: string }) => r.name)).toEqual(drone);
    }
  });

  it('a Latin word that matches well is never converted: cafe stays cafe', async () => {
    const api = await request(t.app).get('/api/search').query({ q: 'cafe' }).expect(200);
    expect(api.body.searched).toBeUndefined();
    expect(api.body.total).toBeGreaterThan(0);
  });

  it.each([['0109984'], ['010-9984'], ['+82 10 9984'], ['109984'], ['010 9984 01']])(
    'phone from its first digits: %s → 60플라워, its number shown',
    async (q) => {
      const res = await request(t.app).get('/search').query({ q }).expect(200);
      expect(res.text).toMatch(/010-9984-0151<\/strong>/);
      expect(await allNames(t, q)).toContain('60플라워');
    },
  );

  it('062-522 → HDKorea 임동점 (first digits of a landline)', async () => {
    const res = await request(t.app).get('/search').query({ q: '062-522' }).expect(200);
    expect(res.text).toMatch(/062-522-2000<\/strong> — 임동점/);
  });

  it('화환 finds only listings whose text holds 화환 (no 초성-only matches mixed in); ㅎㅎ still finds 60플라워', async () => {
    const found = await allNames(t, '화환');
    expect(found).toContain('60플라워');
    for (const name of found) {
      const id = Number((await t.db('listings').where({ name }).first('id')).id);
      const text = (await t.db('search_documents').where({ listing_id: id }).first('haystack')).haystack as string;
      expect(text).toContain('화환');
    }
    expect(await allNames(t, 'ㅎㅎ')).toContain('60플라워');
  });
});
