import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

const parser = new XMLParser({ ignoreAttributes: false });
const cardNames = (html: string) => [...html.matchAll(/<h3><a href="\/listings\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

describe.each(engines())('category and district pages, sitemap, robots, feeds (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  it('/categories/flowers lists 60플라워 among the florists with a count', async () => {
    const all: string[] = [];
    let page = 1;
    for (;;) {
      const res = await request(t.app).get(`/categories/flowers?page=${page}`).expect(200);
      all.push(...cardNames(res.text));
      if (!res.text.includes('rel="next"')) break;
      page += 1;
    }
    expect(all).toContain('60플라워');
    const first = await request(t.app).get('/categories/flowers');
    expect(first.text).toContain('<h1>꽃·화환 배달</h1>');
    expect(first.text).toMatch(/광고 \d+건/);
    const total = Number(first.text.match(/광고 (\d+)건/)![1]);
    expect(all).toHaveLength(total);
  });

  it('a parent category includes its children: /categories/shopping holds HDKorea (드론·카메라)', async () => {
    const res = await request(t.app).get('/categories/shopping?sort=name&page=1').expect(200);
    expect(res.text).toContain('드론·카메라');
    const names: string[] = [];
    for (let page = 1; page <= 10; page++)
      names.push(...cardNames((await request(t.app).get(`/categories/shopping?sort=name&page=${page}`)).text));
    expect(names).toContain('HDKorea');
  });

  it('category + district: /categories/drones-cameras?district=서구 → HDKorea (금호월드점); ?district=동구 → not HDKorea', async () => {
    expect(cardNames((await request(t.app).get(`/categories/drones-cameras?district=${encodeURIComponent('서구')}`)).text)).toContain(
      'HDKorea',
    );
    expect(cardNames((await request(t.app).get(`/categories/drones-cameras?district=${encodeURIComponent('동구')}`)).text)).not.toContain(
      'HDKorea',
    );
  });

  it('chips carry counts that match the pages they open; a district offers only the categories it has', async () => {
    const chips = (html: string) =>
      [
        ...html.matchAll(
          /<a class="chip" href="([^"]+)"[^>]*><span>([^<]+)<\/span>(?: <span class="native"[^>]*>[^<]*<\/span>)? <span class="badge">(\d+)<\/span><\/a>/g,
        ),
      ].map((m) => ({ href: m[1].replace(/&amp;/g, '&'), name: m[2], count: Number(m[3]) }));
    const seoGu = chips((await request(t.app).get(`/districts/${encodeURIComponent('서구')}`).expect(200)).text);
    expect(seoGu.map((c) => c.name)).toContain('드론·카메라');
    const everyCategory = await t.db('categories').whereNotNull('parent_id').count({ n: '*' }).first();
    expect(seoGu.length).toBeLessThan(Number(everyCategory?.n));
    const flowers = chips((await request(t.app).get('/categories/flowers').expect(200)).text);
    expect(flowers.map((c) => c.name)).toEqual(['동구', '서구', '남구', '북구', '광산구']);
    for (const chip of [...seoGu, ...flowers]) {
      expect(chip.count).toBeGreaterThan(0);
      const page = await request(t.app).get(chip.href).expect(200);
      expect(Number(page.text.match(/광고 (\d+)건/)![1]), chip.href).toBe(chip.count);
    }
  });

  it('/districts/북구 → listings with a branch in 광주 북구; an unknown district → 404', async () => {
    const res = await request(t.app).get(`/districts/${encodeURIComponent('북구')}?sort=name`).expect(200);
    expect(res.text).toContain('<h1>북구</h1>');
    const ids = [...res.text.matchAll(/<h3><a href="\/listings\/(\d+)-/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(await t.db('branches').where({ listing_id: id }).pluck('sigungu')).toContain('북구');
    await request(t.app).get(`/districts/${encodeURIComponent('해운대구')}`).expect(404);
    await request(t.app).get('/categories/no-such-thing').expect(404);
  });

  it('sort=name orders by name; bad sort and page values fall back; a huge page shows the last page', async () => {
    const names = cardNames((await request(t.app).get('/categories/restaurants?sort=name')).text);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await request(t.app).get('/categories/restaurants?sort=password_hash').expect(200);
    await request(t.app).get('/categories/restaurants?page=abc').expect(200);
    const last = await request(t.app).get('/categories/restaurants?page=99999').expect(200);
    expect(cardNames(last.text).length).toBeGreaterThan(0);
  });

  it('robots.txt points to the sitemap; the sitemap index lists pages that parse and hold the demo listings', async () => {
    const robots = await request(t.app).get('/robots.txt').expect(200);
    expect(robots.text).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
    expect(robots.text).toContain('Disallow: /account');
    expect(robots.text).toContain('Disallow: /mod\n');
    const index = parser.parse((await request(t.app).get('/sitemap.xml').expect(200)).text);
    const locs = [index.sitemapindex.sitemap].flat().map((s: { loc: string }) => new URL(s.loc).pathname);
    expect(locs).toEqual(['/sitemaps/pages.xml', '/sitemaps/listings-1.xml']);
    const listings = parser.parse((await request(t.app).get('/sitemaps/listings-1.xml').expect(200)).text);
    const urls = [listings.urlset.url].flat();
    expect(urls).toHaveLength(202);
    expect(urls.map((u: { loc: string }) => u.loc).some((l: string) => l.endsWith('-hdkorea'))).toBe(true);
    await request(t.app).get('/sitemaps/listings-2.xml').expect(404);
    const pages = parser.parse((await request(t.app).get('/sitemaps/pages.xml').expect(200)).text);
    expect([pages.urlset.url].flat().length).toBeGreaterThan(35);
  });

  it('Atom feeds (all and per category) parse and hold the newest listings', async () => {
    const all = parser.parse((await request(t.app).get('/feeds/listings.atom').expect(200)).text);
    expect(all.feed.entry.length).toBe(50);
    const flowers = parser.parse((await request(t.app).get('/feeds/categories/flowers.atom').expect(200)).text);
    expect([flowers.feed.entry].flat().map((e: { title: string }) => String(e.title))).toContain('60플라워');
    await request(t.app).get('/feeds/categories/nope.atom').expect(404);
  });
});
