/**
 * Bank-transfer payments through HTTP: a CP949 statement export is matched (exact → paid and scheduled, the same
 * statement again changes nothing, a partial payment and a shared name wait for the desk), the desk applies a line,
 * 후불, refunds, the run list and CSV exports with formula injection neutralised, and the run states over time.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

type Agent = Awaited<ReturnType<typeof loginAgent>>;

describe.each(engines())('ad payments on %s', (engine) => {
  let t: TestApp;
  let alice: Agent;
  let bob: Agent;
  let desk: Agent;
  let lineId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    alice = await loginAgent(t, (await createUser(t, { email: 'alice@example.kr' })).email);
    bob = await loginAgent(t, (await createUser(t, { email: 'bob@example.kr' })).email);
    desk = await staffAgent(t, await createStaff(t, 'desk'));
    lineId = Number((await t.db('ad_products').where({ code: 'line' }).first('id')).id);
  });
  afterAll(async () => t.close());

  const state = async (id: number) => String((await t.db('ad_orders').where({ id }).first('state')).state);
  const token = async (agent: Agent, page: string) => csrfFrom((await agent.get(page).expect(200)).text);
  const post = async (agent: Agent, url: string, page: string, fields: Record<string, string> = {}) =>
    agent
      .post(url)
      .type('form')
      .send({ _csrf: await token(agent, page), ...fields });

  /** An order taken to awaiting payment: placed, submitted, proofed by the desk, approved. */
  async function awaitingPayment(
    agent: Agent,
    customer: string,
    copy = '양림동 원룸 월세',
  ): Promise<{ id: number; depositor: string; total: number }> {
    const res = await agent
      .post('/ads/orders')
      .type('form')
      .send({
        _csrf: await token(agent, '/ads/orders/new'),
        product: String(lineId),
        copy,
        runs: ['2026-11-26', '2026-11-27'],
        customer_name: customer,
        classification: '부동산',
      });
    expect(res.status, res.text.slice(0, 200)).toBe(303);
    const id = Number(/(\d+)/.exec(res.headers.location)![1]);
    await post(agent, `/ads/orders/${id}/submit`, `/ads/orders/${id}`);
    await post(desk, `/desk/ads/orders/${id}/proof`, `/desk/ads/orders/${id}`);
    await post(agent, `/ads/orders/${id}/decide`, `/ads/orders/${id}`, { decision: 'approve' });
    const row = await t.db('ad_orders').where({ id }).first();
    expect(row.state).toBe('awaiting_payment');
    return { id, depositor: String(row.depositor), total: Number(row.total) };
  }

  const statement = (rows: string[]) => iconv.encode(['거래내역조회', '거래일시,적요,기재내용,찾으신금액,맡기신금액,거래후잔액,메모', ...rows].join('\r\n'), 'cp949');
  async function upload(bytes: Buffer) {
    const page = await desk.get('/desk/ads/payments').expect(200);
    // The token is the upload form's first field (never in its action URL).
    expect(page.text).toContain('action="/desk/ads/statements"');
    const token = /<form [^>]*action="\/desk\/ads\/statements"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(
      page.text,
    )![1]!;
    const res = await desk
      .post('/desk/ads/statements')
      .field('_csrf', token)
      .attach('file', bytes, { filename: '거래내역.csv', contentType: 'text/csv' });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    return res;
  }

  it('exact deposit → paid and scheduled; the same statement again changes nothing; partial and ambiguous wait for the desk', async () => {
    const exact = await awaitingPayment(alice, '홍길동');
    const partial = await awaitingPayment(alice, '김영희');
    const twinA = await awaitingPayment(bob, '이순신');
    const twinB = await awaitingPayment(bob, '이순신');
    const file = statement([
      `2026.11.24 13:00:01,타행이체,${exact.depositor},,"${exact.total.toLocaleString('en-US')}","1,000,000",`,
      `2026.11.24 13:05:00,타행이체,${partial.depositor},,10000,"1,010,000",`,
      `2026.11.24 13:06:00,타행이체,이순신,,${twinA.total},"1,029,800",`,
      '2026.11.24 13:07:00,타행이체,모르는사람,,777,"1,030,577",',
    ]);
    const first = await upload(file);
    expect(first.text).toContain('4줄 읽음: 새 내역 4건 (자동 입금 처리 1건, 확인 필요 2건, 미확인 1건), 이미 올린 내역 0건.');
    expect(await state(exact.id)).toBe('scheduled');
    expect(await state(partial.id)).toBe('awaiting_payment');
    expect((await t.db('ad_payments').where({ order_id: exact.id })).map((p) => [p.method, Number(p.amount)])).toEqual([
      ['bank_transfer', exact.total],
    ]);
    const audit = (await t.db('audit_log').where({ subject_type: 'ad_order', subject_id: exact.id }).orderBy('id'))
      .map((r) => r.action)
      .slice(-3);
    expect(audit).toEqual(['ad_order.payment', 'ad_order.markPaid', 'ad_order.schedule']);

    const counts = async () => [
      Number((await t.db('ad_statement_lines').count({ n: '*' }).first())!.n),
      Number((await t.db('ad_payments').count({ n: '*' }).first())!.n),
    ];
    const before = await counts();
    const again = await upload(file);
    expect(again.text).toContain('새 내역 0건');
    expect(again.text).toContain('이미 올린 내역 4건');
    expect(await counts()).toEqual(before);

    // The waiting lines list their candidates; applying the partial line leaves the order awaiting the rest.
    const page = await desk.get('/desk/ads/payments').expect(200);
    expect(page.text).toContain(`주문 ${twinA.id}에 입금 처리`);
    expect(page.text).toContain(`주문 ${twinB.id}에 입금 처리`);
    const partialLine = await t.db('ad_statement_lines').where({ depositor: partial.depositor }).first();
    expect(partialLine.status).toBe('ambiguous');
    await post(desk, `/desk/ads/lines/${partialLine.id}/apply`, '/desk/ads/payments', { order: String(partial.id) }).then((r) =>
      expect(r.status).toBe(303),
    );
    expect(await state(partial.id)).toBe('awaiting_payment');
    const shown = await alice.get(`/ads/orders/${partial.id}`).expect(200);
    expect(shown.text).toContain(`부분 입금: ${(partial.total - 10000).toLocaleString('en-US')}원 더 입금해 주세요.`);
    // A line applied once cannot be applied again.
    expect((await post(desk, `/desk/ads/lines/${partialLine.id}/apply`, '/desk/ads/payments', { order: String(partial.id) })).status).toBe(
      409,
    );
  });

  it('an advertiser cannot reach the statement upload or the payment lines', async () => {
    await alice.get('/desk/ads/payments').expect(403);
    await alice.get('/desk/ads').expect(403);
  });

  it('후불: an account customer is scheduled on approval without payment', async () => {
    const res = await alice
      .post('/ads/orders')
      .type('form')
      .send({
        _csrf: await token(alice, '/ads/orders/new'),
        product: String(lineId),
        copy: '후불 광고',
        runs: ['2026-11-28'],
        customer_name: '거래처',
      });
    const id = Number(/(\d+)/.exec(res.headers.location)![1]);
    await post(desk, `/desk/ads/orders/${id}/postpay`, `/desk/ads/orders/${id}`);
    await post(alice, `/ads/orders/${id}/submit`, `/ads/orders/${id}`);
    await post(desk, `/desk/ads/orders/${id}/proof`, `/desk/ads/orders/${id}`);
    await post(alice, `/ads/orders/${id}/decide`, `/ads/orders/${id}`, { decision: 'approve' });
    expect(await state(id)).toBe('scheduled');
    expect((await alice.get(`/ads/orders/${id}`).expect(200)).text).toContain('후불 거래처');
  });

  it('scheduled orders run from their first edition and complete after their last; the desk can refund a paid one', async () => {
    const o = await awaitingPayment(alice, '박지성');
    await upload(statement([`2026.11.24 16:00:00,타행이체,${o.depositor},,${o.total},"2,000,000",`]));
    expect(await state(o.id)).toBe('scheduled');
    t.clock.set('2026-11-26T00:30:00Z'); // Thursday 09:30 Seoul
    try {
      await post(desk, '/desk/ads/advance', '/desk/ads');
      expect(await state(o.id)).toBe('running');
      t.clock.set('2026-11-28T00:30:00Z');
      await post(desk, '/desk/ads/advance', '/desk/ads');
      expect(await state(o.id)).toBe('completed');
    } finally {
      t.clock.set('2026-11-24T02:00:00Z');
    }
    const paid = await awaitingPayment(alice, '차범근');
    await upload(statement([`2026.11.24 16:30:00,타행이체,${paid.depositor},,${paid.total},"3,000,000",`]));
    await post(desk, `/desk/ads/orders/${paid.id}/refund`, `/desk/ads/orders/${paid.id}`).then((r) => expect(r.status).toBe(303));
    expect(await state(paid.id)).toBe('refunded');
  });

  it('the run list has one row per print order of the edition; its CSV neutralises formulas', async () => {
    const evil = await awaitingPayment(alice, '=HYPERLINK("http://evil.example")', '=cmd|calc');
    const list = await desk.get('/desk/ads/runs/2026-11-26').expect(200);
    expect(list.text).toContain(`/desk/ads/orders/${evil.id}`);
    expect(list.text).toContain('부동산');
    const csv = await desk.get('/desk/ads/runs/2026-11-26.csv').expect(200);
    expect(csv.text).toContain(`${evil.id},2026-11-26,awaiting_payment,줄광고 (생활정보),부동산`);
    expect(csv.text).toContain("'=cmd|calc");
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.text).not.toMatch(/(^|,)=/m);
    const revenue = await desk.get('/desk/ads/revenue.csv').expect(200);
    expect(revenue.text).toContain('월,2026-11,');
  });

  it('the dashboard shows editions with what lacks approval or payment', async () => {
    const page = await desk.get('/desk/ads').expect(200);
    expect(page.text).toContain('2026-11-26 호');
    expect(page.text).toMatch(/주문 \d+건 · 교정 미승인 \d+건 · 미입금 [1-9]\d*건/);
  });

  it('the tax invoice CSV lists the month\'s requests with checked numbers', async () => {
    await alice
      .post('/ads/orders')
      .type('form')
      .send({
        _csrf: await token(alice, '/ads/orders/new'),
        product: String(lineId),
        copy: '세금계산서 광고',
        runs: ['2026-11-28'],
        customer_name: '@SUM(A1)',
        tax_invoice: 'on',
        business_no: '1234567891',
      })
      .expect(303);
    const csv = await desk.get('/desk/ads/tax-invoices.csv?month=2026-11').expect(200);
    // A draft is not a request yet; submitted it is.
    expect(csv.text).not.toContain('123-45-67891');
    const id = Number((await t.db('ad_orders').where({ customer_name: '@SUM(A1)' }).first('id')).id);
    await post(alice, `/ads/orders/${id}/submit`, `/ads/orders/${id}`);
    const after = await desk.get('/desk/ads/tax-invoices.csv?month=2026-11').expect(200);
    expect(after.text).toContain(`${id},2026-11-24,'@SUM(A1),123-45-67891,alice@example.kr`);
  });
});
