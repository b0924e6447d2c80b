import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

async function names(t: TestApp, q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await request(t.app).get('/api/search').query({ q, ...extra }).expect(200);
  return res.body.results.map((r: { name: string }) => r.name);
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
    expect(await names(t, q)).toContain(expected);
  });

  it('1-syllable 꽃 finds florists by name and 60플라워 by its category', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '꽃' }).expect(200);
    expect(res.body.total).toBeGreaterThan(1);
    const all: string[] = [];
    for (let page = 1; page <= Math.ceil(res.body.total / 20); page++) all.push(...(await names(t, '꽃', { page: String(page) })));
    expect(all).toContain('60플라워');
  });

  it.each(['062-522-2000', '0625222000', '522-2000', '5222000', '+82 62 522 2000'])('phone %s → HDKorea first, pointing at 임동점', async (q) => {
    const res = await request(t.app).get('/search').query({ q }).expect(200);
    expect(res.text).toContain('HDKorea');
    expect(res.text).toMatch(/062-522-2000<\/strong> — 임동점/);
    expect((await names(t, q))[0]).toBe('HDKorea');
  });

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
    expect(res.body.results.map((r: { name: string }) => r.name)).toContain('HDKorea');
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
      kind: 'business', status: 'published', name: '무등드론학교', description: '서구 근처에서도 찾아오는 드론 교육', categoryIds: [], publishedAt: t.clock.now(),
      phones: [], offers: [], paymentAccounts: [],
      branches: [{ sido: '광주광역시', sigungu: '북구', roadName: '용봉로', buildingNo: '1', hours: [], phones: [] }],
    });
    const found = await names(t, '서구 드론');
    expect(found).toContain('HDKorea');
    expect(found).not.toContain('무등드론학교');
    expect(await names(t, '드론')).toContain('무등드론학교');
    await t.db('listings').where({ id }).del();
  });

  it('typo: 에이치디코라아 (one wrong syllable) still finds HDKorea with a suggestion', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '에이치디코라아' }).expect(200);
    expect(res.body.results[0].name).toBe('HDKorea');
    expect(res.body.suggestion).toBe('HDKorea');
  });

  it('Korean typed in English mode: emfhs → did you mean 드론', async () => {
    const res = await request(t.app).get('/search').query({ q: 'emfhs' }).expect(200);
    expect(res.text).toContain('혹시 이것을 찾으셨나요?');
    expect(res.text).toContain('드론');
  });

  it('초성 results rank below full matches: 화환 puts 60플라워 at the top, ㅎㅎ still finds it', async () => {
    expect((await names(t, '화환'))[0]).toBe('60플라워');
    expect(await names(t, 'ㅎㅎ')).toContain('60플라워');
  });
});
