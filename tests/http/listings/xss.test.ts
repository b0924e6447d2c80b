import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

const P =
  "<script>alert(1)</script>\"><svg onload=alert(2)>' onfocus='alert(3)</textarea><script>x</script><img src=x onerror=alert(4)>\u2028";
// Payloads that fit the shorter columns (names 120, labels and banks 40 characters).
const S = '<script>alert(1)</script>"><svg onload=alert(2)>';
const XS = '<img src=x onerror=alert(4)>';

describe.each(engines())('X1/X4/X5: payloads in every text field stay inert text on every page type (%s)', (engine) => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
    id = await t.services.listings.createListing({
      kind: 'business',
      status: 'published',
      name: `골목${S}`,
      nameLatin: S,
      legalName: S,
      tagline: P,
      description: `드론 ${P}`,
      serviceArea: P,
      deliveryNote: P,
      website: 'javascript:alert(1)',
      brands: ['DJI'],
      categoryIds: [Number((await t.db('categories').where({ slug: 'drones-cameras' }).first('id')).id)],
      publishedAt: t.clock.now(),
      phones: [{ type: 'mobile', e164: '+821012345678', display: '010-1234-5678', nationalDigits: '01012345678', label: XS }],
      offers: [{ name: `드론 ${S}`, priceKrw: 1000, priceNote: P }],
      paymentAccounts: [{ bank: XS, holder: S, number: XS }],
      branches: [
        {
          name: XS,
          sido: '광주광역시',
          sigungu: '북구',
          roadName: '금남로',
          buildingNo: '1',
          detail: P,
          hoursNote: P,
          hours: [],
          phones: [],
        },
      ],
    });
  });
  afterAll(async () => t.close());

  const assertInert = (page: string) => {
    // JSON-LD is checked on its own (a data block: only `<` could end it, and it is escaped).
    const html = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
    expect(html).not.toMatch(/<script>alert|<svg onload|<img src=x onerror|' onfocus='alert/);
    expect(html.match(/<script/g)?.length ?? 0).toBe(
      html.match(/<script src="\/js\/[a-z-]+\.[0-9a-f]{10}\.js" defer><\/script>/g)?.length ?? 0,
    );
  };

  it('listing page: body, <title>, meta tags and JSON-LD', async () => {
    const res = await request(t.app).get(`/listings/${id}`).redirects(1).expect(200);
    assertInert(res.text);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ld = res.text.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1];
    expect(ld).not.toMatch(/<\/script|\u2028/);
    expect(JSON.parse(ld).name).toBe(`골목${S}`);
    expect(res.text).toMatch(/<title>골목&lt;script&gt;/);
    expect(res.text).not.toContain('href="javascript:');
  });

  it('cards on the home, category and district pages, search results and the API', async () => {
    for (const path of [
      '/',
      '/categories/drones-cameras',
      `/districts/${encodeURIComponent('북구')}`,
      `/search?q=${encodeURIComponent('드론')}`,
      `/search?q=${encodeURIComponent('골목')}`,
    ]) {
      const res = await request(t.app).get(path).expect(200);
      assertInert(res.text);
    }
    const api = await request(t.app).get(`/api/search?q=${encodeURIComponent('골목')}`).expect(200);
    expect(api.body.results.map((r: { name: string }) => r.name)).toContain(`골목${S}`); // JSON carries data; pages escape it
  });

  it('feeds, sitemap, vCard: escaped XML and vCard text', async () => {
    const feed = await request(t.app).get('/feeds/listings.atom').expect(200);
    expect(feed.text).not.toContain('<script>');
    const vcf = await request(t.app).get(`/listings/${id}/contact.vcf`).expect(200);
    expect(vcf.text).not.toContain('\u2028\r\n');
  });

  it('X4: a card excerpt is cut as text first, then escaped (no half tag)', async () => {
    const res = await request(t.app).get('/categories/drones-cameras');
    expect(res.text).not.toMatch(/&lt;svg on[^l]/);
    expect(res.text).not.toMatch(/<img|<svg(?! class="icon" viewBox="0 0 24 24")/); // our own inline icons only
  });
});
