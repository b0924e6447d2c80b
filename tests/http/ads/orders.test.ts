/**
 * Ad orders end to end through HTTP: the form and its server price, editions and deadlines, every state change with
 * its audit row and mail, proofs, payment instructions, cancel rules, a rate-card change that leaves a quoted order
 * alone, documents as PDF, IDOR and CSRF.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent, readOutbox } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

type Agent = Awaited<ReturnType<typeof loginAgent>>;

/** Text of a PDF (pdftotext from poppler-utils) and its page count. */
export function pdfText(pdf: Buffer): { text: string; pages: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-pdf-'));
  const file = path.join(dir, 'a.pdf');
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(engines())('ad orders on %s', (engine) => {
  let t: TestApp;
  let alice: Agent;
  let bob: Agent;
  let desk: Agent;
  let lineId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const a = await createUser(t, { email: 'alice@example.kr' });
    const b = await createUser(t, { email: 'bob@example.kr' });
    alice = await loginAgent(t, a.email);
    bob = await loginAgent(t, b.email);
    desk = await staffAgent(t, await createStaff(t, 'desk'));
    lineId = Number((await t.db('ad_products').where({ code: 'line' }).first('id')).id);
  });
  afterAll(async () => t.close());

  const state = async (id: number) => String((await t.db('ad_orders').where({ id }).first('state')).state);
  const token = async (agent: Agent, page = '/ads/orders/new') => csrfFrom((await agent.get(page).expect(200)).text);
  const orderForm = (extra: Record<string, string | string[]> = {}) => ({
    product: String(lineId),
    copy: '양림동 원룸 월세\n보증금 500 월 35\n010-2345-6789',
    runs: ['2026-11-26', '2026-11-27'],
    customer_name: '홍길동',
    ...extra,
  });
  async function placeOrder(agent: Agent, extra: Record<string, string | string[]> = {}): Promise<number> {
    const res = await agent.post('/ads/orders').type('form').send({ _csrf: await token(agent), ...orderForm(extra) });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    return Number(/\/ads\/orders\/(\d+)/.exec(res.headers.location)![1]);
  }
  const post = async (agent: Agent, url: string, fields: Record<string, string> = {}, page?: string) =>
    agent.post(url).type('form').send({ _csrf: await token(agent, page), ...fields });

  it('the form lists only editions still open, with the deadline and the time left', async () => {
    const page = await alice.get(`/ads/orders/new?product=${lineId}`).expect(200);
    // Tuesday 11:00: Wednesday's edition closed Monday 17:00; Thursday's closes today at 17:00.
    expect(page.text).not.toContain('value="2026-11-25"');
    expect(page.text).toContain('value="2026-11-26"');
    expect(page.text).toMatch(/\((5시간 59분|6시간 0분) 남음\)/);
    expect(page.text).not.toContain('value="2026-11-29"'); // Sunday
  });

  it('a posted price, state or owner is ignored: the server prices the two editions and stores a draft', async () => {
    const id = await placeOrder(alice, { total: '1', supply: '1', state: 'paid', advertiser_id: '999' } as Record<string, string>);
    const row = await t.db('ad_orders').where({ id }).first();
    // 3 lines (the minimum) × 3,000원 × 2 editions = 18,000원 + VAT 1,800원.
    expect([Number(row.supply), Number(row.vat), Number(row.total), row.state]).toEqual([18000, 1800, 19800, 'draft']);
    expect(row.depositor).toBe(`홍길동${id}`);
    expect((await t.db('ad_order_runs').where({ order_id: id }).orderBy('edition_date')).map((r) => r.edition_date)).toEqual([
      '2026-11-26',
      '2026-11-27',
    ]);
    const page = await alice.get(`/ads/orders/${id}`).expect(200);
    expect(page.text).toContain('18,000원');
    expect(page.text).toContain('1,800원');
    expect(page.text).toContain('19,800원');
  });

  it('copy over the line limit, a closed edition or a bad 사업자등록번호 → 422 with the form refilled, nothing stored', async () => {
    const before = Number((await t.db('ad_orders').count({ n: '*' }).first())!.n);
    const long = await alice
      .post('/ads/orders')
      .type('form')
      .send({ _csrf: await token(alice), ...orderForm({ copy: '가'.repeat(14 * 13) }) })
      .expect(422);
    expect(long.text).toContain('줄 수 한도를 넘었습니다');
    expect(long.text).toContain('가'.repeat(20));
    const past = await alice
      .post('/ads/orders')
      .type('form')
      .send({ _csrf: await token(alice), ...orderForm({ runs: ['2026-11-25'] }) })
      .expect(422);
    expect(past.text).toContain('마감이 지났거나');
    const tax = await alice
      .post('/ads/orders')
      .type('form')
      .send({ _csrf: await token(alice), ...orderForm({ tax_invoice: 'on', business_no: '123-45-67890' }) })
      .expect(422);
    expect(tax.text).toContain('사업자등록번호가 올바르지 않습니다');
    expect(Number((await t.db('ad_orders').count({ n: '*' }).first())!.n)).toBe(before);
  });

  it('the price button shows the server quote and the count without saving', async () => {
    const res = await alice
      .post('/ads/orders/quote')
      .type('form')
      .send({ _csrf: await token(alice), ...orderForm({ bold: 'on' }) })
      .expect(200);
    // (9,000 + bold 2,000) × 2 = 22,000원
    expect(res.text).toContain('22,000원');
    expect(res.text).toMatch(/\d+자 · 3줄 \/ 최대 12줄/);
  });

  it('draft → submitted → proof sent → approved → awaiting payment, each audited; mails where the advertiser acts', async () => {
    const id = await placeOrder(alice);
    await post(alice, `/ads/orders/${id}/submit`).then((r) => expect(r.status).toBe(303));
    expect(await state(id)).toBe('submitted');
    // The advertiser cannot send a proof: the desk's router refuses them.
    expect((await post(alice, `/desk/ads/orders/${id}/proof`)).status).toBe(403);
    await post(desk, `/desk/ads/orders/${id}/proof`, { copy: '양림동 원룸 월세 (교정)' }, `/desk/ads/orders/${id}`).then((r) =>
      expect(r.status).toBe(303),
    );
    expect(await state(id)).toBe('proof_sent');
    expect(readOutbox(t).some((m) => m.to === 'alice@example.kr' && m.subject.includes(`교정지를 확인해 주세요 (주문 ${id})`))).toBe(true);
    const proof = await alice.get(`/ads/orders/${id}/proofs/1.pdf`).buffer(true).parse(binary).expect(200);
    expect(proof.headers['content-type']).toContain('application/pdf');
    const { text, pages } = pdfText(proof.body as Buffer);
    expect(pages).toBe(1);
    expect(text.replace(/\s+/g, ' ')).toContain('양림동 원룸 월세 (교정)');
    await post(alice, `/ads/orders/${id}/decide`, { decision: 'approve' }, `/ads/orders/${id}`).then((r) => expect(r.status).toBe(303));
    expect(await state(id)).toBe('awaiting_payment');
    const page = await alice.get(`/ads/orders/${id}`).expect(200);
    expect(page.text).toContain('입금 안내');
    expect(page.text).toContain(t.config.ads.bank.account);
    expect(page.text).toContain(`홍길동${id}`);
    expect(readOutbox(t).some((m) => m.to === 'alice@example.kr' && m.text.includes(`입금자명: 홍길동${id}`))).toBe(true);
    const audit = (await t.db('audit_log').where({ subject_type: 'ad_order', subject_id: id }).orderBy('id')).map((r) => r.action);
    expect(audit).toEqual(['ad_order.create', 'ad_order.submit', 'ad_order.sendProof', 'ad_order.approveProof', 'ad_order.awaitPayment']);
  });

  it('a change request goes back to the desk, whose new proof is version 2', async () => {
    const id = await placeOrder(alice);
    await post(alice, `/ads/orders/${id}/submit`);
    await post(desk, `/desk/ads/orders/${id}/proof`, {}, `/desk/ads/orders/${id}`);
    await post(alice, `/ads/orders/${id}/decide`, { decision: 'change', note: '전화번호를 굵게' }, `/ads/orders/${id}`);
    expect(await state(id)).toBe('change_requested');
    await post(desk, `/desk/ads/orders/${id}/proof`, { copy: '새 문안' }, `/desk/ads/orders/${id}`);
    expect((await t.db('ad_proofs').where({ order_id: id }).orderBy('version')).map((p) => [p.version, p.copy])).toEqual([
      [1, orderForm().copy],
      [2, '새 문안'],
    ]);
  });

  it('another advertiser gets 404 on the order, its proofs and documents, and changes nothing', async () => {
    const id = await placeOrder(alice);
    await post(alice, `/ads/orders/${id}/submit`);
    await post(desk, `/desk/ads/orders/${id}/proof`, {}, `/desk/ads/orders/${id}`);
    for (const url of [`/ads/orders/${id}`, `/ads/orders/${id}/proofs/1.pdf`, `/ads/orders/${id}/quote.pdf`])
      await bob.get(url).expect(404);
    for (const url of [`/ads/orders/${id}/decide`, `/ads/orders/${id}/cancel`, `/ads/orders/${id}/submit`])
      expect((await post(bob, url, { decision: 'approve' })).status).toBe(404);
    expect(await state(id)).toBe('proof_sent');
    expect((await bob.get('/ads/orders').expect(200)).text).not.toContain(`광고 주문 ${id}<`);
  });

  it('a POST without a CSRF token is refused and changes nothing', async () => {
    const id = await placeOrder(alice);
    expect((await alice.post(`/ads/orders/${id}/submit`).type('form').send({})).status).toBe(403);
    expect(await state(id)).toBe('draft');
  });

  it('the advertiser may cancel before the first deadline only; after it the desk can', async () => {
    const early = await placeOrder(alice);
    await post(alice, `/ads/orders/${early}/cancel`).then((r) => expect(r.status).toBe(303));
    expect(await state(early)).toBe('cancelled');
    const late = await placeOrder(alice);
    t.clock.advance(7 * 3600_000); // 18:00 Seoul: Thursday's edition has closed
    try {
      expect((await post(alice, `/ads/orders/${late}/cancel`, {}, '/ads/orders')).status).toBe(409);
      expect(await state(late)).toBe('draft');
      await post(desk, `/desk/ads/orders/${late}/cancel`, {}, `/desk/ads/orders/${late}`).then((r) => expect(r.status).toBe(303));
      expect(await state(late)).toBe('cancelled');
    } finally {
      t.clock.advance(-7 * 3600_000);
    }
  });

  it('a rate-card change never changes an order already quoted', async () => {
    const id = await placeOrder(alice);
    const product = await t.db('ad_products').where({ id: lineId }).first();
    const rule = JSON.parse(product.rule_json);
    await t.db('ad_products').where({ id: lineId }).update({ rule_json: JSON.stringify({ ...rule, pricePerUnit: 9000 }) });
    try {
      const page = await alice.get(`/ads/orders/${id}`).expect(200);
      expect(page.text).toContain('19,800원');
      expect(Number((await t.db('ad_orders').where({ id }).first()).total)).toBe(19800);
      const fresh = await placeOrder(alice);
      expect(Number((await t.db('ad_orders').where({ id: fresh }).first()).total)).toBe(59400);
    } finally {
      await t.db('ad_products').where({ id: lineId }).update({ rule_json: product.rule_json });
    }
  });

  it('the 견적서 is a one-page PDF with Hangul text, the paper, the customer and 공급가액/부가세/합계', async () => {
    const id = await placeOrder(alice, { tax_invoice: 'on', business_no: '123-45-67891' });
    const res = await alice.get(`/ads/orders/${id}/quote.pdf`).buffer(true).parse(binary).expect(200);
    const { text, pages } = pdfText(res.body as Buffer);
    expect(pages).toBe(1);
    for (const s of ['견', '공급가액', '부가세', '합계', '19,800원', '홍길동', '123-45-67891', t.config.ads.paper.name, `주문번호 ${id}`])
      expect(text).toContain(s);
    // The statement exists once the order is paid.
    await alice.get(`/ads/orders/${id}/statement.pdf`).expect(404);
  });

  it('order creation is rate-limited per account', async () => {
    const limited = await createTestApp({ engine, env: { AD_ORDER_LIMIT_PER_HOUR: '2', RATE_LIMIT_SYNC_MS: '0' } });
    try {
      const u = await createUser(limited, { email: 'carol@example.kr' });
      const agent = await loginAgent(limited, u.email);
      const send = async () =>
        agent
          .post('/ads/orders')
          .type('form')
          .send({ _csrf: csrfFrom((await agent.get('/ads/orders/new').expect(200)).text), ...orderForm() });
      expect((await send()).status).toBe(303);
      expect((await send()).status).toBe(303);
      expect((await send()).status).toBe(429);
      expect(Number((await limited.db('ad_orders').count({ n: '*' }).first())!.n)).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it('an order can start from the advertiser\'s own listing; another account\'s listing is never linked', async () => {
    const aliceId = Number((await t.db('users').where({ email: 'alice@example.kr' }).first('id')).id);
    const listingId = await t.services.listings.createListing({
      kind: 'business',
      status: 'published',
      name: '양림꽃집',
      description: '축하화환 3단 배달',
      categoryIds: [],
      publishedAt: t.clock.now(),
      ownerId: aliceId,
      phones: [],
      branches: [],
      offers: [],
      paymentAccounts: [],
    });
    const form = await alice.get(`/ads/orders/new?product=${lineId}&from=${listingId}`).expect(200);
    expect(form.text).toContain('양림꽃집\n축하화환 3단 배달');
    expect(form.text).toContain(`name="listing" value="${listingId}"`);
    const id = await placeOrder(alice, { listing: String(listingId) });
    expect(Number((await t.db('ad_orders').where({ id }).first()).listing_id)).toBe(listingId);
    expect((await bob.get(`/ads/orders/new?product=${lineId}&from=${listingId}`).expect(200)).text).not.toContain('축하화환 3단 배달');
    const theirs = await placeOrder(bob, { listing: String(listingId) });
    expect((await t.db('ad_orders').where({ id: theirs }).first()).listing_id).toBeNull();
  });

  it('a visitor is sent to log in', async () => {
    const res = await request(t.app).get('/ads/orders/new').expect(303);
    expect(res.headers.location).toContain('/login?next=');
  });
});
