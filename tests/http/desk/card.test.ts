/**
 * GET /listings/:id/card: a printable page per size with a QR code to the card's own short code; private listings stay
 * 404; owners reach it from 내 광고.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, loginAgent } from '../../helpers/auth.js';
import { submitListing } from '../../helpers/drafts.js';

describe.each(engines())('shop-window card on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  it('A6 by default, 90×50 mm with size=biz; name, main phone, offers that fit, QR SVG; no site chrome', async () => {
    const id = await listingIdByName(t, '60플라워');
    const a6 = await request(t.app).get(`/listings/${id}/card`).expect(200);
    expect(a6.text).toContain('class="card-a6"');
    expect(a6.text).toContain('60플라워');
    expect(a6.text).toContain('010-9984-0151');
    expect(a6.text).toContain('축하화환 3단');
    expect(a6.text).toContain('<svg');
    // The card has its own short code (one per listing, the same on every print): /p/CODE counts its visits and calls.
    const code = String((await t.db('short_codes').where({ card_listing_id: id }).first('code')).code);
    expect(a6.text).toMatch(new RegExp(`aria-label="QR: http://127\\.0\\.0\\.1:\\d+/p/${code}"`));
    expect(a6.text).not.toContain('site-header');
    // The printed web address is the short form a person can type (no percent-encoded name), beside the site's name.
    expect(a6.text).toMatch(new RegExp(`<p class="shop-card-url">127\\.0\\.0\\.1:\\d+/p/${code.slice(0, 3)}-${code.slice(3)}</p>`));
    expect(a6.text).not.toMatch(/<p class="shop-card-url">[^<]*%/);
    expect(a6.text).toContain('<p class="shop-card-site">골목</p>');
    // HDKorea's card carries its first branch's road address.
    const hd = await request(t.app).get(`/listings/${await listingIdByName(t, 'HDKorea')}/card`).expect(200);
    expect(hd.text).toContain('<p class="shop-card-address">북구 금남로 24</p>');
    expect(a6.text).toContain('href="/css/card.css"');
    const biz = await request(t.app).get(`/listings/${id}/card?size=biz`).expect(200);
    expect(biz.text).toContain('class="card-biz"');
    expect((biz.text.match(/<li>/g) ?? []).length).toBe(1);
    // an unknown size is A6, never an error
    expect((await request(t.app).get(`/listings/${id}/card?size=%3Cscript%3E`).expect(200)).text).toContain('class="card-a6"');
  });

  it('a pending listing\'s card is 404 for others (no name leaks), 200 for its owner; a bad id is 404', async () => {
    const owner = await createUser(t, { email: 'card-owner@example.kr' });
    const id = await submitListing(t, owner.id, { name: '<script>alert(1)</script>대기 가게' });
    const res = await request(t.app).get(`/listings/${id}/card`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('대기 가게');
    const mine = await (await loginAgent(t, owner.email)).get(`/listings/${id}/card`).expect(200);
    expect(mine.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;대기 가게');
    expect(mine.text).not.toContain('<script>alert(1)');
    await request(t.app).get('/listings/1e3/card').expect(404);
  });

  it('내 광고 links a published listing to its card', async () => {
    const owner = await createUser(t, { email: 'card-owner2@example.kr' });
    const id = await submitListing(t, owner.id, { name: '카드 가게' });
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    const page = await (await loginAgent(t, owner.email)).get('/my/listings').expect(200);
    expect(page.text).toContain(`href="/listings/${id}/card"`);
  });
});
