/**
 * What paid web products do, through HTTP on both engines: a paid listing period (paid by an XLSX statement, uploaded
 * twice) moves the listing's expiry once; featured placements fill at most two labelled 광고 slots above the results
 * of their own category, district or search only while paid and running, rotate per minute across page-cache entries,
 * leave the results below unchanged, and count impressions (bots left out, kept pages too), visits and calls per
 * placement in the advertiser's insights. Oversize and overlong statements are refused with their cap named.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { createSearchFixtures, SEARCH_FIXTURES, type FixtureListing } from '../../helpers/search-fixtures.js';

type Agent = Awaited<ReturnType<typeof loginAgent>>;
const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const MIN = 60_000;
const DAY = 86_400_000;
const FIXTURES: FixtureListing[] = [
  ...SEARCH_FIXTURES.filter((f) => ['봄날꽃집', '사랑화원', '동래식당', '수완한정식', '모두랑분식'].includes(f.name)),
  { name: '꽃마을플라워', category: 'flowers', district: '남구', road: '봉선로', phones: ['062-654-1212'], description: '꽃바구니와 화환.' },
];

/** The listing links of a page outside its 광고 slots, in order: the results as they would be without the slots. */
function resultLinks(html: string): string[] {
  const rest = html.replace(/<section class="ad-slots"[\s\S]*?<\/section>/g, '');
  return [...rest.matchAll(/href="(\/listings\/[^"?]+)"/g)].map((m) => m[1]);
}
/** The slots of a page: the listing names in order. */
function slotNames(html: string): string[] {
  const section = /<section class="ad-slots"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<h3><a href="[^"]+\?ad=\d+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
}

describe.each(engines())('paid web products on %s', (engine) => {
  let t: TestApp;
  let alice: Agent;
  let desk: Agent;
  let ids: Map<string, number>;
  const product = async (code: string) => String((await t.db('ad_products').where({ code }).first('id')).id);
  const token = async (agent: Agent, page: string) => csrfFrom((await agent.get(page).expect(200)).text);
  const post = async (agent: Agent, url: string, page: string, fields: Record<string, string> = {}) =>
    agent
      .post(url)
      .type('form')
      .send({ _csrf: await token(agent, page), ...fields });
  const anon = (url: string, ua = UA) => request(t.app).get(url).set('Host', 'golmok.test').set('User-Agent', ua);

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { RATE_LIMIT_ENABLED: 'false' } });
    ids = await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now(), FIXTURES);
    const owner = await createUser(t, { email: 'alice@example.kr' });
    await t.db('listings').whereIn('id', [...ids.values()]).update({ owner_id: owner.id });
    alice = await loginAgent(t, owner.email);
    desk = await staffAgent(t, await createStaff(t, 'desk'));
  });
  afterAll(async () => t.close());

  /** A web order of alice's for one of her listings, submitted and proofed; `postpay` orders are scheduled on approval. */
  async function webOrder(
    code: string,
    listing: string,
    target: string | null,
    o: { postpay: boolean },
  ): Promise<{ id: number; depositor: string; total: number }> {
    const res = await post(alice, '/ads/orders', '/ads/orders/new', {
      product: await product(code),
      copy: `${listing} 광고`,
      customer_name: '김꽃집',
      listing: String(ids.get(listing)),
      ...(target === null ? {} : { target }),
    });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const id = Number(/(\d+)/.exec(res.headers.location)![1]);
    await post(alice, `/ads/orders/${id}/submit`, `/ads/orders/${id}`);
    await post(desk, `/desk/ads/orders/${id}/proof`, `/desk/ads/orders/${id}`);
    if (o.postpay) await post(desk, `/desk/ads/orders/${id}/postpay`, `/desk/ads/orders/${id}`);
    await post(alice, `/ads/orders/${id}/decide`, `/ads/orders/${id}`, { decision: 'approve' });
    const row = await t.db('ad_orders').where({ id }).first();
    expect(row.state).toBe(o.postpay ? 'scheduled' : 'awaiting_payment');
    return { id, depositor: String(row.depositor), total: Number(row.total) };
  }
  const placementOf = async (orderId: number) => Number((await t.db('ad_placements').where({ order_id: orderId }).first('id')).id);

  async function xlsxStatement(rows: Array<[Date, string, number]>): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('거래내역');
    // As banks export it: title rows first, the header on the fourth row, dates as date cells, amounts as numbers.
    sheet.addRow(['거래내역조회']);
    sheet.addRow(['계좌번호', '123-456-789012']);
    sheet.addRow([]);
    sheet.addRow(['거래일시', '적요', '기재내용', '찾으신금액', '맡기신금액', '거래후잔액', '메모']);
    rows.forEach(([at, who, amount], i) => sheet.addRow([at, '타행이체', who, null, amount, 1_000_000 + i * amount, '']));
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  async function upload(bytes: Buffer, filename: string) {
    const page = await desk.get('/desk/ads/payments').expect(200);
    const csrf = /<form [^>]*action="\/desk\/ads\/statements"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(page.text)![1]!;
    return desk.post('/desk/ads/statements').field('_csrf', csrf).attach('file', bytes, { filename });
  }

  it('a web listing period paid by an XLSX statement extends the expiry from the running one; the same file again changes nothing', async () => {
    const id = ids.get('사랑화원')!;
    const running = new Date(t.clock.now().getTime() + 10 * DAY);
    await t.db('listings').where({ id }).update({ expires_at: running });
    const order = await webOrder('web-30', '사랑화원', null, { postpay: false });
    const file = await xlsxStatement([
      [new Date(Date.UTC(2026, 10, 24, 13, 0, 1)), order.depositor, order.total],
      [new Date(Date.UTC(2026, 10, 24, 14, 0, 0)), '모르는사람', 777],
    ]);
    const first = await upload(file, '거래내역.xlsx');
    expect(first.status, first.text.slice(0, 300)).toBe(200);
    expect(first.text).toContain('2줄 읽음: 새 내역 2건 (자동 입금 처리 1건, 확인 필요 0건, 미확인 1건), 이미 올린 내역 0건.');
    expect(String((await t.db('ad_orders').where({ id: order.id }).first('state')).state)).toBe('scheduled');
    const expiry = async () => new Date((await t.db('listings').where({ id }).first('expires_at')).expires_at).getTime();
    expect(await expiry()).toBe(running.getTime() + 30 * DAY);
    const audit = await t.db('audit_log').where({ subject_type: 'listing', subject_id: id, action: 'listing.paid_period' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json).expiresAt).toBe(new Date(running.getTime() + 30 * DAY).toISOString());

    const again = await upload(file, '거래내역 (1).xlsx');
    expect(again.text).toContain('2줄 읽음: 새 내역 0건 (자동 입금 처리 0건, 확인 필요 0건, 미확인 0건), 이미 올린 내역 2건.');
    expect(await expiry()).toBe(running.getTime() + 30 * DAY);
    expect(await t.db('ad_payments').where({ order_id: order.id })).toHaveLength(1);
  });

  it('featured slots: labelled 광고, only on their own page, only while paid and running, results below unchanged', async () => {
    const before = {
      search: resultLinks((await anon(`/search?q=${encodeURIComponent('꽃집')}`).expect(200)).text),
      district: resultLinks((await anon(`/districts/${encodeURIComponent('광산구')}`).expect(200)).text),
    };
    expect(before.search.length).toBeGreaterThan(0);
    const search = await webOrder('featured-search', '봄날꽃집', ' 꽃집 ', { postpay: true });
    await webOrder('featured-district', '수완한정식', '광산구', { postpay: true });
    const unpaid = await webOrder('featured-district', '동래식당', '광산구', { postpay: false });
    const ended = await webOrder('featured-district', '모두랑분식', '광산구', { postpay: true });
    await t.db('ad_placements').where({ order_id: ended.id }).update({ ends_at: new Date(t.clock.now().getTime() - 1000) });
    expect(await t.db('ad_placements').where({ order_id: unpaid.id })).toHaveLength(0);
    expect((await t.db('ad_placements').where({ order_id: search.id }).first()).target).toBe('꽃집');
    t.clock.advance(2 * MIN); // past the kept pages' minute

    const searchPage = (await anon(`/search?q=${encodeURIComponent('꽃집')}`).expect(200)).text;
    expect(searchPage).toMatch(
      /<section class="ad-slots" aria-labelledby="ad-slots-title">\s*<h2 id="ad-slots-title" class="ad-slots-title">광고 /,
    );
    expect(searchPage).toContain('<p class="badge ad-badge">광고</p>');
    expect(slotNames(searchPage)).toEqual(['봄날꽃집']);
    expect(resultLinks(searchPage)).toEqual(before.search);

    const districtPage = (await anon(`/districts/${encodeURIComponent('광산구')}`).expect(200)).text;
    expect(slotNames(districtPage)).toEqual(['수완한정식']);
    expect(resultLinks(districtPage)).toEqual(before.district);
    const english = (await anon(`/districts/${encodeURIComponent('광산구')}?lang=en`).expect(200)).text;
    expect(english).toContain('<p class="badge ad-badge">Ad</p>');

    for (const other of ['/districts/%EB%B6%81%EA%B5%AC', `/search?q=${encodeURIComponent('식당')}`, '/categories/restaurants']) {
      expect((await anon(other).expect(200)).text).not.toContain('ad-slots');
    }
    // Cancelled by the desk: the slot goes at once (the kept page's minute is over).
    await post(desk, `/desk/ads/orders/${search.id}/cancel`, `/desk/ads/orders/${search.id}`);
    t.clock.advance(MIN);
    expect((await anon(`/search?q=${encodeURIComponent('꽃집')}`).expect(200)).text).not.toContain('ad-slots');
  });

  it('three placements in one category rotate two at a time per minute, cached pages included; impressions, visits and calls reach the insights', async () => {
    const orders = [];
    for (const listing of ['봄날꽃집', '사랑화원', '꽃마을플라워'])
      orders.push(await webOrder('featured-category', listing, 'flowers', { postpay: true }));
    const placements = await Promise.all(orders.map((o) => placementOf(o.id)));
    // Start of a minute, so the three visits below fall in three consecutive minutes.
    t.clock.set(new Date((Math.floor(t.clock.now().getTime() / MIN) + 2) * MIN + 1000));
    const shown: string[][] = [];
    for (let minute = 0; minute < 3; minute++) {
      const first = await anon('/categories/flowers').expect(200);
      const kept = await anon('/categories/flowers').expect(200);
      const bot = await anon('/categories/flowers', BOT).expect(200);
      expect(kept.headers['x-page-cache']).toBe('hit');
      expect(slotNames(kept.text)).toEqual(slotNames(first.text));
      expect(slotNames(bot.text)).toEqual(slotNames(first.text));
      shown.push(slotNames(first.text));
      t.clock.advance(MIN);
    }
    expect(shown.every((s) => s.length === 2 && s[0] !== s[1])).toBe(true);
    expect(new Set(shown.map((s) => s[0])).size).toBe(3);
    const times = (name: string) => shown.flat().filter((n) => n === name).length;
    expect([times('봄날꽃집'), times('사랑화원'), times('꽃마을플라워')]).toEqual([2, 2, 2]);

    const listingId = ids.get('봄날꽃집')!;
    const phoneId = Number((await t.db('phones').where({ listing_id: listingId }).first('id')).id);
    const beacon = (path: string, fields: Record<string, string | number>, ua = UA) =>
      request(t.app).post(path).set('User-Agent', ua).type('form').send(fields).expect(204);
    await beacon(`/listings/${listingId}/views`, { ad: placements[0] });
    await beacon(`/listings/${listingId}/views`, { ad: placements[0] }, BOT);
    await beacon(`/listings/${listingId}/views`, { ad: placements[1] }, `${UA} other`); // another listing's placement: not counted
    await beacon(`/listings/${listingId}/calls`, { phone: phoneId, ad: placements[0] });
    await t.services.stats.flush();
    const rows = await t.db('ad_placement_daily').whereIn('placement_id', placements).orderBy('placement_id');
    // Two real requests per minute shown (one rendered, one kept); the bot's never count.
    expect(rows.map((r) => [Number(r.placement_id), Number(r.impressions), Number(r.visits), Number(r.calls)])).toEqual([
      [placements[0], 4, 1, 1],
      [placements[1], 4, 0, 0],
      [placements[2], 4, 0, 0],
    ]);
    expect(await t.db('ad_placement_daily').whereIn('placement_id', placements).whereNot('day', '2026-11-24')).toHaveLength(0);

    const insights = await alice.get(`/my/listings/${listingId}/insights?days=7&lang=ko`).expect(200);
    expect(insights.text).toContain('광고 자리별 성과');
    expect(insights.text).toMatch(
      /<th scope="row">업종 &#34;flowers&#34; 상단 <span class="muted">2026-11-24 – 2026-12-01<\/span><\/th><td>4<\/td><td>1<\/td><td>1<\/td>/,
    );
  });

  it('a featured order needs one of the advertiser\'s listings and a page that exists; the form comes back filled in', async () => {
    const res = await post(alice, '/ads/orders', '/ads/orders/new', {
      product: await product('featured-category'),
      copy: '꽃 광고',
      customer_name: '김꽃집',
      listing: '',
      target: 'no-such-category',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('광고할 내 업체를 골라 주세요.');
    expect(res.text).toContain('광고가 보일 업종을 골라 주세요.');
    expect(res.text).toContain('꽃 광고</textarea>');
  });
});

describe.each(engines())('statement upload caps on %s', (engine) => {
  let t: TestApp;
  let desk: Agent;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { AD_STATEMENT_MAX_MB: '1', DESK_MAX_ROWS: '3' } });
    desk = await staffAgent(t, await createStaff(t, 'desk'));
  });
  afterAll(async () => t.close());

  async function upload(bytes: Buffer) {
    const page = await desk.get('/desk/ads/payments').expect(200);
    const csrf = /<form [^>]*action="\/desk\/ads\/statements"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(
      page.text,
    )![1]!;
    return desk.post('/desk/ads/statements').field('_csrf', csrf).attach('file', bytes, { filename: '거래내역.csv', contentType: 'text/csv' });
  }
  const header = '거래일시,기재내용,맡기신금액\r\n';

  it('a statement over AD_STATEMENT_MAX_MB → 413 naming the cap; over DESK_MAX_ROWS → 422 naming it; nothing stored', async () => {
    const big = Buffer.from(header + '2026.11.24,홍길동,1000\r\n'.repeat(50_000));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain('거래내역 파일이 너무 큽니다. 1MB까지 올릴 수 있습니다.');
    const long = await upload(Buffer.from(header + [1, 2, 3, 4, 5].map((n) => `2026.11.24,홍길동${n},1000\r\n`).join('')));
    expect(long.status).toBe(422);
    expect(long.text).toContain('거래내역이 3줄을 넘습니다.');
    expect(await t.db('ad_statement_lines')).toHaveLength(0);
  });
});
