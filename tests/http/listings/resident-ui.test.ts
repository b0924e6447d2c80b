/** Issue 12 on the server side: call buttons on cards, the action bar, 저장, home categories, empty states, all errors at once. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';

describe('pages a resident uses on a phone', () => {
  let t: TestApp;
  let flower: number;
  let hd: number;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    flower = await listingIdByName(t, '60플라워');
    hd = await listingIdByName(t, 'HDKorea');
  });
  afterAll(async () => t.close());

  it('search, home and category cards carry the main number as a counted tel: link (E.164)', async () => {
    const phoneId = Number((await t.db('phones').where({ listing_id: flower }).first('id')).id);
    const call = `class="card-call" href="tel:+821099840151" data-phone-id="${phoneId}" data-listing-id="${flower}"`;
    for (const path of [`/search?q=${encodeURIComponent('화환')}`, '/', '/categories/flowers']) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.text, path).toContain(call);
      expect(res.text, path).toMatch(/src="\/js\/calls\.[0-9a-f]{10}\.js"/);
    }
    // HDKorea has no listing-level number: its first branch's number is the card's.
    expect((await request(t.app).get('/').expect(200)).text).toContain('class="card-call" href="tel:+82625222000"');
  });

  it('a listing starts with 전화 · 길찾기 · 저장 · 공유; 공유 is a link to the share section; the copy buttons are hidden until JavaScript', async () => {
    const res = await request(t.app).get(`/listings/${hd}-hdkorea`).expect(200);
    const bar = /<nav class="action-bar"[\s\S]*?<\/nav>/.exec(res.text)![0];
    expect(bar).toContain('href="tel:+82625222000"');
    expect(bar).toContain('href="#branches"'); // two addresses: directions lead to the branch list
    expect(bar).toContain(`href="/listings/${hd}/save"`);
    expect(bar).toContain('href="#share"');
    expect(bar).not.toContain('📞');
    expect(res.text.match(/공유하기/g) ?? []).toHaveLength(0);
    for (const button of res.text.match(/<button type="button" class="secondary copy"[^>]*>/g)!) expect(button).toMatch(/ hidden>$/);
    const one = await request(t.app)
      .get(`/listings/${flower}-${encodeURIComponent('60플라워')}`)
      .expect(200);
    expect(one.text).not.toContain('**');
  });

  it('저장 sends a visitor to log in first and brings them back', async () => {
    const res = await request(t.app).get(`/listings/${hd}/save`).expect(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/listings/${hd}/save`)}`);
  });

  it('the home page lists categories with listings first; the empty ones wait behind 모든 업종', async () => {
    // Through the writers' path (the change hook keeps the home page's counts), as an edit would.
    const cafes = await t.db('categories').where({ slug: 'cafes' }).first('id');
    const ids = (await t.db('listing_categories').where({ category_id: cafes.id }).pluck('listing_id')) as number[];
    await t.db.transaction(async (trx) => {
      await trx('listing_categories').where({ category_id: cafes.id }).del();
      for (const id of ids) await t.services.listings.listingChanged(trx, Number(id));
    });
    const res = await request(t.app).get('/').expect(200);
    const [shown, hidden] = res.text.split('<details class="all-categories">');
    expect(shown).not.toMatch(/<span class="name">카페<\/span> <span class="badge">/);
    expect(hidden).toContain('<span class="name">카페</span>');
    expect(shown).not.toContain('<span class="badge">0</span>');
  });

  it('empty states say what happened and offer the way out', async () => {
    const q = encodeURIComponent('화환');
    const none = await request(t.app)
      .get(`/search?q=${q}&open=now&district=${encodeURIComponent('광산구')}&category=drones-cameras`)
      .expect(200);
    expect(none.text).toContain('조건에 맞는 광고가 없습니다');
    expect(none.text).toContain(`href="/search?q=${q}"`);
    const past = await request(t.app).get(`/search?q=${q}&page=99`).expect(200);
    expect(past.text).toContain('99쪽에는 결과가 없습니다');
    expect(past.text).toMatch(/마지막 쪽\(\d+쪽\)으로|첫 쪽으로/);
  });
});

describe('forms show every error at once: the fields and the proof of work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { POW_ENABLED: 'true' } });
  });
  afterAll(async () => t.close());

  it('sign-up with a bad e-mail, a short password and no proof of work → 422 naming all three', async () => {
    const agent = request.agent(t.app);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/signup')).text)![1];
    const res = await agent.post('/signup').type('form').send({ _csrf: csrf, email: 'not-an-email', password: 'short' }).expect(422);
    expect(res.text).toContain('스팸 방지 확인이 끝나지 않았습니다');
    expect(res.text).toMatch(/field-error[^>]*>[^<]+/); // the field errors come in the same round
    expect(await t.db('users').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });
});

describe('an empty category page invites instead of cluttering', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const flowers = await t.db('categories').where({ slug: 'flowers' }).first('parent_id');
    await t
      .db('categories')
      .insert({
        slug: 'test-empty-trade',
        name_ko: '빈 업종',
        name_en: 'Empty trade',
        parent_id: flowers.parent_id,
        sort_order: 999,
        created_at: new Date(),
      });
  });
  afterAll(async () => t.close());

  it('says there is nothing yet, offers to advertise in it and links to nearby categories that have listings; no zero chips, no feed link', async () => {
    const res = await request(t.app).get('/categories/test-empty-trade').expect(200);
    expect(res.text).toContain('아직 이 업종의 광고가 없습니다.');
    expect(res.text).toContain('href="/submissions/new?category=test-empty-trade">이 업종으로 광고 등록</a>');
    const related = /<h2>광고가 있는 비슷한 업종<\/h2>\s*<ul class="chips">([\s\S]*?)<\/ul>/.exec(res.text)![1]!;
    const slugs = [...related.matchAll(/href="\/categories\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      const page = await request(t.app).get(`/categories/${slug}`).expect(200);
      expect(page.text, slug).not.toContain('아직 이 업종의 광고가 없습니다.');
    }
    expect(res.text).not.toContain('광고 0건');
    expect(res.text).not.toContain('<span class="badge">0</span>');
    expect(res.text).not.toContain('id="near"');
    expect(res.text).not.toContain('새 광고 구독');
    expect(res.text).not.toContain('<a href="/feeds/categories/test-empty-trade.atom"'); // kept in the head only
    const en = await request(t.app).get('/categories/test-empty-trade?lang=en').expect(200);
    expect(en.text).toContain('No listings in this category yet.');
    expect(en.text).toContain('Advertise in this category');
  });

  it('a category with listings shows only the districts that have some (no chip counting 0)', async () => {
    const res = await request(t.app).get('/categories/flowers').expect(200);
    expect(res.text).toContain('<nav aria-label="구별로 보기">');
    expect(res.text).not.toContain('<span class="badge">0</span>');
    expect(res.text).toContain('새 광고 알림 받기');
  });
});

describe('the listing headline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(async () => t.close());

  it('shows HDKorea\'s Korean legal name right under the headline, and 60플라워\'s Latin "Flower" as a smaller second part', async () => {
    const hd = await request(t.app).get(`/listings/${await listingIdByName(t, 'HDKorea')}`).redirects(1).expect(200);
    expect(hd.text).toMatch(/<h1>HDKorea<\/h1>\s*<p class="legal-name"><span class="visually-hidden">상호: <\/span>㈜에이치디코리아<\/p>/);
    expect(hd.text.match(/㈜에이치디코리아/g)!.length).toBeGreaterThanOrEqual(1);
    const flower = await request(t.app).get(`/listings/${await listingIdByName(t, '60플라워')}`).redirects(1).expect(200);
    expect(flower.text).toContain('<h1>60플라워 <small class="name-latin" lang="en">Flower</small></h1>');
  });
});
