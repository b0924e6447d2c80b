/**
 * Print → web attribution over HTTP: a scheduled print order gets one short code per edition, /p/CODE counts a visit
 * and leads to the listing, a call from that visit counts to the code, and the figures reach the advertiser's
 * insights, the order page and the desk's report and CSV. Unknown codes are a 404 page; nothing redirects off-site.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type Agent, type TestUser } from '../../helpers/as-user.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { submitListing } from '../../helpers/drafts.js';
import { reindexListings } from '../../../src/components/search/index.js';
import { ensurePrintCode } from '../../../src/components/codes/index.js';

const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const CODE = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;
const RUNS = ['2026-11-26', '2026-11-27'];

describe.each(engines())('short codes (%s)', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let bob: TestUser;
  let desk: Agent;
  let lineId: number;
  let made = 0;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { RATE_LIMIT_ENABLED: 'false' } });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice-codes@example.kr');
    bob = await createUserRow(t, 'bob-codes@example.kr');
    desk = await staffAgent(t, await createStaff(t, 'desk'));
    lineId = Number((await t.db('ad_products').where({ code: 'line' }).first('id')).id);
  });
  afterAll(async () => t.close());

  /** A published listing of `owner` with one phone; its id, path and phone id. */
  async function listingOf(owner: TestUser) {
    const id = await submitListing(t, owner.id, { name: `코드꽃집 ${++made}`, phones: [{ number: '062-522-2000' }] });
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
      await reindexListings(trx, [id]);
    });
    const slug = String((await t.db('listings').where({ id }).first('slug')).slug);
    const phoneId = Number((await t.db('phones').where({ listing_id: id }).first('id')).id);
    return { id, path: `/listings/${id}-${encodeURIComponent(slug)}`, phoneId };
  }

  const form = async (agent: Agent, page: string) => tokenFrom((await agent.get(page).expect(200)).text);
  const post = async (agent: Agent, url: string, page: string, fields: Record<string, string | string[]> = {}) => {
    const res = await agent.post(url).type('form').send({ _csrf: await form(agent, page), ...fields });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    return res;
  };

  /** An order for the listing through the real flow: placed, submitted, proofed, marked 후불 by the desk, approved → scheduled. */
  async function scheduledOrder(owner: TestUser, listingId: number | null, extra: Record<string, string> = {}): Promise<number> {
    const agent = await as(owner);
    const res = await post(agent, '/ads/orders', '/ads/orders/new', {
      product: String(lineId), copy: '꽃바구니 배달\n062-522-2000', runs: RUNS, customer_name: '김꽃집',
      listing: listingId ? String(listingId) : '', ...extra,
    });
    const id = Number(/\/ads\/orders\/(\d+)/.exec(res.headers.location)![1]);
    await post(agent, `/ads/orders/${id}/submit`, `/ads/orders/${id}`);
    await post(desk, `/desk/ads/orders/${id}/proof`, `/desk/ads/orders/${id}`);
    await post(desk, `/desk/ads/orders/${id}/postpay`, `/desk/ads/orders/${id}`);
    await post(agent, `/ads/orders/${id}/decide`, `/ads/orders/${id}`, { decision: 'approve' });
    expect(String((await t.db('ad_orders').where({ id }).first('state')).state)).toBe('scheduled');
    return id;
  }

  const codesOf = async (orderId: number) =>
    (await t.db('short_codes').where({ order_id: orderId }).orderBy('edition_date')).map((r) => String(r.code));
  const figures = async (code: string) => {
    await t.services.stats.flush();
    const id = Number((await t.db('short_codes').where({ code }).first('id')).id);
    const rows = await t.db('code_daily_stats').where({ code_id: id });
    return { visits: rows.reduce((s, r) => s + Number(r.visits), 0), calls: rows.reduce((s, r) => s + Number(r.calls), 0) };
  };
  const visit = (code: string, ua = UA) => request(t.app).get(`/p/${code}`).set('User-Agent', ua);
  const call = (listingId: number, phoneId: number, fields: Record<string, unknown>, ua = UA) =>
    request(t.app).post(`/listings/${listingId}/calls`).set('User-Agent', ua).type('form').send({ phone: phoneId, ...fields }).expect(204);

  it('scheduling makes one code per edition in the same transaction; the order page shows each with its QR; others get 404', async () => {
    const l = await listingOf(alice);
    const id = await scheduledOrder(alice, l.id);
    const codes = await codesOf(id);
    expect(codes).toHaveLength(2);
    for (const c of codes) expect(c).toMatch(CODE);
    expect(new Set(codes).size).toBe(2);
    const page = await (await as(alice)).get(`/ads/orders/${id}`).expect(200);
    expect(page.text).toContain('신문에 인쇄되는 코드');
    for (const c of codes) expect(page.text).toContain(`${c.slice(0, 3)}-${c.slice(3)}`);
    expect(page.text.match(/<svg[^>]*>/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const other = await (await as(bob)).get(`/ads/orders/${id}`);
    expect(other.status).toBe(404);
    for (const c of codes) expect(other.text).not.toContain(c);
  });

  it('ensurePrintCode: the same code every time, one row when ten race; none for a missing run or one leading nowhere', async () => {
    const l = await listingOf(alice);
    const id = await scheduledOrder(alice, l.id);
    await t.db('short_codes').where({ order_id: id }).delete();
    const got = await Promise.all(Array.from({ length: 10 }, () => ensurePrintCode(t.db, { orderId: id, editionDate: RUNS[0] })));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(CODE);
    expect(await codesOf(id)).toEqual([got[0]]);
    expect(await t.services.codes.printCodeFor(id, RUNS[0])).toBe(got[0]);
    expect(await t.services.codes.printCodeFor(id, '2026-12-01')).toBeUndefined();
    const unlinked = await scheduledOrder(alice, null);
    expect(await codesOf(unlinked)).toEqual([]);
    expect(await t.services.codes.printCodeFor(unlinked, RUNS[0])).toBeUndefined();
    expect((await (await as(alice)).get(`/ads/orders/${unlinked}`).expect(200)).text).toContain('연결된 광고 페이지가 없어');
  });

  it('unknown or malformed code → the 404 page in Korean or English, never a redirect; no header split, no way off-site', async () => {
    const ko = await request(t.app).get('/p/ZZZZZZ').set('User-Agent', UA).expect(404);
    expect(ko.headers.location).toBeUndefined();
    expect(ko.text).toContain('없는 광고 코드입니다');
    const en = await request(t.app).get('/p/ZZZZZZ?lang=en').set('User-Agent', UA).expect(404);
    expect(en.text).toContain('There is no ad with this code');
    const shapes = ['abc', '0OO1IL', '%2F%2Fevil.example', '%5Cevil.example', 'ABC%0D%0ALocation:%20https://evil.example'];
    shapes.push('javascript:alert(1)');
    for (const bad of [...shapes, 'A'.repeat(300)]) {
      const res = await request(t.app).get(`/p/${bad}`).set('User-Agent', UA);
      expect(res.status, bad).toBe(404);
      expect(res.headers.location, bad).toBeUndefined();
    }
    const xss = await request(t.app).get('/p/%3Cscript%3Ealert(1)%3C%2Fscript%3E').set('User-Agent', UA).expect(404);
    expect(xss.text).not.toContain('<script>alert(1)');
    // I7: EJS options in the query do nothing; the 404 page renders as always.
    const ejs = await request(t.app).get('/p/ZZZZZZ?settings[view options][outputFunctionName]=x;process.exit(1);//')
      .set('User-Agent', UA).expect(404);
    expect(ejs.text).toContain('없는 광고 코드입니다');
  });

  // Typed in lower case with a hyphen it is the same code; bots are led on but not counted.
  it('a visit → 302 to the listing page with #via=CODE, counted once per visitor', async () => {
    const l = await listingOf(alice);
    const [code] = await codesOf(await scheduledOrder(alice, l.id));
    const res = await visit(code).expect(302);
    expect(res.headers.location).toBe(`${l.path}#via=${code}`);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    await visit(code).expect(302);
    await visit(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`).expect(302);
    expect(await figures(code)).toEqual({ visits: 1, calls: 0 });
    await visit(code, 'Googlebot/2.1 (+http://www.google.com/bot.html)').expect(302);
    await visit(code, 'curl/8.0').expect(302);
    expect(await figures(code)).toEqual({ visits: 1, calls: 0 });
    await visit(code, `${UA} another`).expect(302);
    expect(await figures(code)).toEqual({ visits: 2, calls: 0 });
    expect(JSON.stringify(await t.db('counter_events'))).not.toMatch(/127\.0\.0\.1|Android/);
  });

  it('a code whose listing is no longer public → 404, nothing counted', async () => {
    const l = await listingOf(alice);
    const [code] = await codesOf(await scheduledOrder(alice, l.id));
    await t.db('listings').where({ id: l.id }).update({ status: 'pending' });
    await visit(code).expect(404);
    expect(await figures(code)).toEqual({ visits: 0, calls: 0 });
  });

  it('a call beacon with via=CODE counts to the code and the listing; a forged, foreign or malformed code counts to no code', async () => {
    const l = await listingOf(alice);
    const [code, second] = await codesOf(await scheduledOrder(alice, l.id));
    const b = await listingOf(bob);
    const [bobs] = await codesOf(await scheduledOrder(bob, b.id));
    const listingCalls = async () => {
      await t.services.stats.flush();
      return Number((await t.db('listing_daily_stats').where({ listing_id: l.id }).first())?.calls ?? 0);
    };
    await visit(code).expect(302);
    await call(l.id, l.phoneId, { via: code.toLowerCase() });
    expect(await figures(code)).toEqual({ visits: 1, calls: 1 });
    expect(await listingCalls()).toBe(1);
    await call(l.id, l.phoneId, { via: bobs }, `${UA} forged-1`);
    await call(l.id, l.phoneId, { via: 'ZZZZZZ' }, `${UA} forged-2`);
    await call(l.id, l.phoneId, { via: '<script>' }, `${UA} forged-3`);
    await call(l.id, l.phoneId, { via: ['A', 'B'] }, `${UA} forged-4`);
    expect(await listingCalls()).toBe(5);
    expect(await figures(bobs)).toEqual({ visits: 0, calls: 0 });
    expect(await figures(second)).toEqual({ visits: 0, calls: 0 });
    expect(await figures(code)).toEqual({ visits: 1, calls: 1 });
    // A bot's call names the code in vain.
    await call(l.id, l.phoneId, { via: code }, 'python-requests/2.31');
    expect(await figures(code)).toEqual({ visits: 1, calls: 1 });
  });

  it('insights: visits and calls per edition and card beside the listing totals, ko and en; another advertiser gets 404', async () => {
    const l = await listingOf(alice);
    const [code] = await codesOf(await scheduledOrder(alice, l.id));
    await visit(code).expect(302);
    await visit(code, `${UA} two`).expect(302);
    await call(l.id, l.phoneId, { via: code });
    // The shop-window card prints its own code; its QR leads through /p/ to the page, marked as a card scan.
    const card = await (await as(alice)).get(`/listings/${l.id}/card`).expect(200);
    const cardCode = String((await t.db('short_codes').where({ card_listing_id: l.id }).first('code')).code);
    expect(card.text).toContain(`/p/${cardCode.slice(0, 3)}-${cardCode.slice(3)}`);
    expect((await (await as(alice)).get(`/listings/${l.id}/card`).expect(200)).text).toContain(cardCode.slice(3));
    expect(await t.db('short_codes').where({ card_listing_id: l.id })).toHaveLength(1);
    expect((await visit(cardCode).expect(302)).headers.location).toBe(`${l.path}?src=card#via=${cardCode}`);
    await t.services.stats.flush();
    const ko = await (await as(alice)).get(`/my/listings/${l.id}/insights`).expect(200);
    expect(ko.text).toContain('11월 26일자 신문 → 방문 2, 전화 1');
    expect(ko.text).toContain('11월 27일자 신문 → 방문 0, 전화 0');
    expect(ko.text).toContain('가게 카드 → 방문 1, 전화 0');
    expect(ko.text).toContain('광고 전체 (최근 30일)');
    const en = await (await as(alice)).get(`/my/listings/${l.id}/insights?lang=en`).expect(200);
    expect(en.text).toContain('Paper of 26 Nov → visits 2, calls 1');
    await (await as(alice)).get(`/my/listings/${l.id}/insights?lang=ko`).expect(200);
    const other = await (await as(bob)).get(`/my/listings/${l.id}/insights`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain(code);
  });

  it('the desk: per edition and classification, a sales CSV with formulas neutralised; advertisers and visitors kept out', async () => {
    const l = await listingOf(alice);
    const evil = { customer_name: '=HYPERLINK("http://evil.example","x")', classification: '@SUM(1+1)<b>x</b>' };
    const id = await scheduledOrder(alice, l.id, evil);
    const [code] = await codesOf(id);
    await visit(code, `${UA} desk-report`).expect(302);
    await t.services.stats.flush();
    const page = await desk.get('/desk/codes').expect(200);
    expect(page.text).toContain('게재일·분류별');
    expect(page.text).toContain('@SUM(1+1)&lt;b&gt;x&lt;/b&gt;');
    expect(page.text).not.toContain('<b>x</b>');
    expect(page.text).toContain('11월 26일자 신문');
    const csv = await desk.get('/desk/codes/figures.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const line = csv.text.split('\r\n').find((r) => r.includes(`${code.slice(0, 3)}-${code.slice(3)}`))!;
    const printed = `${code.slice(0, 3)}-${code.slice(3)}`;
    expect(line).toContain(`2026-11-26,'@SUM(1+1)<b>x</b>,${id},"'=HYPERLINK(""http://evil.example"",""x"")",${printed},1,0`);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect((await (await as(alice)).get('/desk/codes')).status).toBe(403);
    expect((await (await as(alice)).get('/desk/codes/figures.csv')).status).toBe(403);
    const anonymous = await request(t.app).get('/desk/codes/figures.csv');
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    expect((await desk.get('/desk/ads').expect(200)).text).toContain('href="/desk/codes"');
  });
});

describe.each(engines())('short code guessing (%s)', (engine) => {
  it('R3: walking codes at full speed → 429 after 20 misses', async () => {
    const t = await createTestApp({ engine });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        statuses.push((await request(t.app).get(`/p/ZZZZ${'23456789ABCDEFGHJKMNPQRSTVWXYZ'[i]}Z`).set('User-Agent', UA)).status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(20)).toContain(429);
    } finally {
      await t.close();
    }
  });
});
