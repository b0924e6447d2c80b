import request from 'supertest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { giveShopHours } from '../../helpers/hours.js';

describe.each(engines())('search page and public API on %s', (engine) => {
  let t: TestApp;
  let ajv: Ajv;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    ajv.addSchema({ $id: 'golmok', components: doc.components });
  });
  afterAll(async () => t.close());

  const validate = (schema: string, body: unknown) => {
    const ok = ajv.validate({ $ref: `golmok#/components/schemas/${schema}` }, body);
    expect(ok, JSON.stringify(ajv.errors)).toBe(true);
  };

  it('GET /api/search?q=화환 → the documented shape, with phones in E.164', async () => {
    const res = await request(t.app).get('/api/search?q=화환').expect(200);
    validate('SearchResponse', res.body);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // Where 60플라워 ranks among the demo's flower shops differs by engine (bm25 vs ts_rank): look on the first pages.
    let flower = res.body.results.find((r: { name: string }) => r.name === '60플라워');
    for (let page = 2; !flower && page <= 3; page++) {
      flower = (await request(t.app).get(`/api/search?q=화환&page=${page}`).expect(200)).body.results.find(
        (r: { name: string }) => r.name === '60플라워',
      );
    }
    expect(flower).toMatchObject({ kind: 'business', category: '꽃·화환 배달', phones: [{ display: '010-9984-0151', e164: '+821099840151' }] });
  });

  it('GET /api/suggest?q=에이 → HDKorea among at most 8 suggestions', async () => {
    const res = await request(t.app).get('/api/suggest?q=에이').expect(200);
    validate('SuggestResponse', res.body);
    expect(res.body.suggestions.map((s: { label: string }) => s.label)).toContain('HDKorea');
  });

  it('GET /api/suggest?q=드 (typing) → drone shops and the 드론·카메라 category', async () => {
    const res = await request(t.app).get('/api/suggest?q=드론').expect(200);
    expect(res.body.suggestions.length).toBeLessThanOrEqual(8);
    expect(res.body.suggestions.map((s: { label: string }) => s.label)).toContain('드론·카메라');
  });

  it('GET /api/categories and /api/listings/:id → valid against the document', async () => {
    const cats = await request(t.app).get('/api/categories').expect(200);
    for (const c of cats.body) validate('Category', c);
    const id = await listingIdByName(t, 'HDKorea');
    const res = await request(t.app).get(`/api/listings/${id}`).expect(200);
    validate('Listing', res.body);
    expect(res.body.branches.map((b: { address: string }) => b.address)).toEqual(['광주광역시 북구 금남로 24', '광주광역시 서구 군분2로 54']);
  });

  it('the public API sets no cookie: /api/suggest may sit in a shared cache (Cache-Control: public)', async () => {
    for (const path of [
      '/api/search?q=화환',
      `/api/suggest?q=${encodeURIComponent('화')}`,
      '/api/categories',
      '/api/openapi.json',
      '/api/listings/999999',
    ]) {
      const res = await request(t.app).get(path);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
    const suggest = await request(t.app).get(`/api/suggest?q=${encodeURIComponent('화')}`).expect(200);
    expect(suggest.headers['cache-control']).toBe('public, max-age=60');
    // A page without a form sets no cookie either; a page with one gets its CSRF cookie.
    expect((await request(t.app).get('/search?q=화환').expect(200)).headers['set-cookie']).toBeUndefined();
    expect(String((await request(t.app).get('/login').expect(200)).headers['set-cookie'])).toMatch(/csrf/);
  });

  it('GET /api/search again → the kept answer (same body, public for a minute) until a public listing changes', async () => {
    const get = () => request(t.app).get(`/api/search?q=${encodeURIComponent('화환')}`).set('Host', 'golmok.test').expect(200);
    const first = await get();
    const again = await get();
    expect(again.headers['x-page-cache']).toBe('hit');
    expect(again.headers['cache-control']).toBe('public, max-age=60');
    expect(again.headers['access-control-allow-origin']).toBe(first.headers['access-control-allow-origin']);
    expect(again.body).toEqual(first.body);
    const id = Number(first.body.results[0].id);
    const { name } = await t.db('listings').where({ id }).first('name');
    await t.db('listings').where({ id }).update({ name: `${name} (새 이름)` });
    const fresh = await get();
    expect(fresh.headers['x-page-cache']).toBeUndefined();
    expect(JSON.stringify(fresh.body)).toContain(`${name} (새 이름)`);
    await t.db('listings').where({ id }).update({ name });
  });

  it('GET /api/listings/:id of a pending listing → 404', async () => {
    const id = await listingIdByName(t, 'HDKorea');
    await t.db('listings').where({ id }).update({ status: 'pending' });
    await request(t.app).get(`/api/listings/${id}`).expect(404);
    await t.db('listings').where({ id }).update({ status: 'published' });
  });

  it('/search?q=화환 → results page with <mark> highlights, counts, filters and the query kept in the box', async () => {
    const res = await request(t.app).get('/search?q=화환').expect(200);
    expect(res.text).toContain('value="화환"');
    expect(res.text).toContain('<mark>화환</mark>');
    expect(res.text).toMatch(/\d+건/);
    expect(res.text).toContain('지금 영업 중');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('/search with an empty query → the browse (home) page', async () => {
    const res = await request(t.app).get('/search?q=').expect(303);
    expect(res.headers.location).toBe('/');
  });

  it('/search with no match → a helpful no-results page', async () => {
    const res = await request(t.app).get('/search?q=존재하지않는가게이름').expect(200);
    expect(res.text).toContain('맞는 광고가 없습니다');
    expect(res.text).toContain('/search?district=');
  });

  it.each([
    `' OR 1=1 --`, '"', '*', 'NEAR(a b)', '화환 OR 꽃', 'a:b', '(((', '화환"; DROP TABLE listings; --', '\u0000', '%', '_',
  ])('FTS syntax / SQL in q (%s) → 200, never a 500, listings intact', async (q) => {
    const res = await request(t.app).get('/api/search').query({ q });
    expect(res.status).toBe(200);
    const page = await request(t.app).get('/search').query({ q });
    expect([200, 303]).toContain(page.status);
    expect(Number((await t.db('listings').count({ n: '*' }).first())?.n)).toBe(202);
  });

  it.each([
    ['page', 'abc'], ['page', '-1'], ['page', '1e309'], ['page', '99999999'], ['sort', 'password_hash'], ['sort', 'name; DROP'],
    ['category', "x' OR 1=1"], ['district', '<script>'], ['kind', 'admin'],
  ])('bad %s=%s → ignored, 200 with the default', async (key, value) => {
    const res = await request(t.app).get('/api/search').query({ q: '화환', [key]: value });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
  });

  it('repeated keys and objects in the query string → no 500', async () => {
    expect((await request(t.app).get('/api/search?q=화환&q=꽃&page=1&page=2')).status).toBe(200);
    expect((await request(t.app).get('/api/search?q[a]=1&__proto__[x]=1')).status).toBe(200);
  });

  it('X2: a script in q is escaped in the box, the title and links', async () => {
    const res = await request(t.app).get('/search').query({ q: '"><svg onload=alert(1)>' }).expect(200);
    expect(res.text).not.toContain('<svg onload');
    expect(res.text).toContain('&#34;&gt;&lt;svg onload=alert(1)&gt;');
  });

  it('a results page past the last one says so plainly and links to the last page: no stray 이전 99 pager', async () => {
    // Its own results, more than one page of them (the demo data's counts are not this test's to rely on).
    for (let i = 1; i <= 25; i++) {
      await t.services.listings.createListing({
        kind: 'business',
        status: 'published',
        name: `Balloon Studio ${i}`,
        description: 'balloon decorations',
        categoryIds: [],
        publishedAt: t.clock.now(),
        phones: [],
        branches: [],
        offers: [],
        paymentAccounts: [],
      });
    }
    const res = await request(t.app).get('/search?q=balloon&page=99').expect(200);
    expect(res.text).not.toContain('rel="prev"');
    expect(res.text).not.toContain('class="pagination"');
    expect(res.text).toContain('99쪽에는 결과가 없습니다');
    const last = Math.ceil(Number((await request(t.app).get('/api/search?q=balloon')).body.total) / 20);
    expect(last).toBe(2);
    const link = res.text.match(/<a class="button" href="([^"]*)"/)![1]!.replace(/&amp;/g, '&');
    expect(new URL(link, 'http://x').searchParams.get('page')).toBe('2');
  });

  it('the pager names the page and the page count ("1 / 2 쪽", "Page 1 of 2")', async () => {
    const ko = await request(t.app).get('/search?q=balloon').expect(200);
    expect(ko.text).toContain('<span aria-current="page">1 / 2 쪽</span>');
    const en = await request(t.app).get('/search?q=balloon&lang=en').expect(200);
    expect(en.text).toContain('<span aria-current="page">Page 1 of 2</span>');
  });

  it('a 300-character query is cut, not an error', async () => {
    const res = await request(t.app).get('/api/search').query({ q: '화'.repeat(300) }).expect(200);
    expect(res.body.query).toHaveLength(100);
  });

  it('sort=name and sort=newest reorder the same results', async () => {
    const rel = (await request(t.app).get('/api/search?q=화환')).body;
    const byName = (await request(t.app).get('/api/search?q=화환&sort=name')).body;
    expect(byName.total).toBe(rel.total);
    const n = byName.results.map((r: { name: string }) => r.name);
    expect(n).toEqual([...n].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'ko')));
  });

  it('filters: district=북구 narrows 드론 to listings in 북구', async () => {
    const all = (await request(t.app).get('/api/search?q=드론')).body.total;
    const north = (await request(t.app).get(`/api/search?q=드론&district=${encodeURIComponent('북구')}`)).body;
    expect(north.total).toBeLessThan(all);
    expect(north.total).toBeGreaterThan(0);
    for (const r of north.results as Array<{ id: number }>) {
      expect(await t.db('branches').where({ listing_id: r.id }).pluck('sigungu')).toContain('북구');
    }
  });

  it('open=now (Tuesday 11:00 in Seoul) keeps HDKorea (open 10–20) and drops a shop closed on Tuesdays', async () => {
    await giveShopHours(t.db, await listingIdByName(t, 'HDKorea'));
    const res = await request(t.app).get('/api/search?q=DJI&open=now').expect(200);
    expect(res.body.results.map((r: { name: string }) => r.name)).toContain('HDKorea');
    t.clock.set('2026-11-24T13:00:00Z'); // 22:00 in Seoul
    const late = await request(t.app).get('/api/search?q=DJI&open=now').expect(200);
    expect(late.body.results.map((r: { name: string }) => r.name)).not.toContain('HDKorea');
    t.clock.set('2026-11-24T02:00:00Z');
  });
});

describe.each(engines())('suggestion order on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    // Oldest first: newest-first alone would list them in reverse.
    for (const [i, name] of ['드론아카데미광주', '드론마트', '하늘드론', '골목드론샵'].entries()) {
      await t.services.listings.createListing({
        kind: 'business',
        status: 'published',
        name,
        description: '드론 판매',
        categoryIds: [],
        publishedAt: new Date(t.clock.now().getTime() + i * 1000),
        phones: [],
        offers: [],
        paymentAccounts: [],
        branches: [],
      });
    }
  });
  afterAll(async () => t.close());

  it('names that start with what was typed come first, shorter before longer, then the newest', async () => {
    const res = await request(t.app).get(`/api/suggest?q=${encodeURIComponent('드론')}`).expect(200);
    const listings = res.body.suggestions.filter((s: { type: string }) => s.type === 'listing').map((s: { label: string }) => s.label);
    expect(listings).toEqual(['드론마트', '드론아카데미광주', '하늘드론', '골목드론샵']);
  });
});

describe('search pages in English and their meta description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(async () => t.close());

  it('every search page has a meta description in its language; the English no-results tip gives English examples', async () => {
    const ko = await request(t.app).get(`/search?q=${encodeURIComponent('화환')}`).expect(200);
    expect(ko.text).toContain('<meta name="description" content="광주 골목에서 “화환” 검색으로 찾은 가게와 광고입니다.">');
    const none = await request(t.app).get('/search?q=zzqqxxnothing&lang=en').expect(200);
    expect(none.text).toContain('<meta name="description" content="Shops and ads in Gwangju matching “zzqqxxnothing” on Golmok.">');
    const tip = /<div class="empty-state">[\s\S]*?<\/div>/.exec(none.text)![0];
    expect(tip).toContain('e.g. flowers, drone, cafe');
    expect(tip.replace(/<span class="native" lang="ko">[^<]*<\/span>/g, '')).not.toMatch(/[가-힣]/);
  });
});
