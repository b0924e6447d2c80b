/**
 * The desk enters an order for a phone customer (an existing account, by e-mail); a display ad is priced by size and
 * colour; the statement upload is size-limited; the order page reads in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

describe.each(engines())('desk order entry on %s', (engine) => {
  let t: TestApp;
  let desk: Awaited<ReturnType<typeof staffAgent>>;
  let customer: Awaited<ReturnType<typeof loginAgent>>;
  let displayId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { AD_STATEMENT_MAX_MB: '1' } });
    desk = await staffAgent(t, await createStaff(t, 'desk'));
    customer = await loginAgent(t, (await createUser(t, { email: 'phone@example.kr' })).email);
    displayId = Number((await t.db('ad_products').where({ code: 'display' }).first('id')).id);
  });
  afterAll(async () => t.close());

  const token = async (page: string) => csrfFrom((await desk.get(page).expect(200)).text);
  const display = (extra: Record<string, string>) => ({
    product: String(displayId),
    copy: '개업 축하 행사',
    runs: ['2026-11-27'],
    customer_name: '전화 손님',
    columns: '2',
    cm: '5',
    colour: 'on',
    ...extra,
  });

  it('an order entered for an existing account belongs to it; the desk is recorded as who entered it; 2단×5cm colour is priced', async () => {
    const res = await desk
      .post('/desk/ads/orders')
      .type('form')
      .send({ _csrf: await token('/desk/ads/orders/new'), ...display({ advertiser_email: 'PHONE@example.kr' }) });
    expect(res.status).toBe(303);
    const id = Number(/(\d+)/.exec(res.headers.location)![1]);
    const row = await t.db('ad_orders').where({ id }).first();
    const owner = await t.db('users').where({ email: 'phone@example.kr' }).first('id');
    expect(Number(row.advertiser_id)).toBe(Number(owner.id));
    expect(row.entered_by).not.toBeNull();
    // 2 × 5 × 15,000 = 150,000 + colour 30 % = 195,000; VAT 19,500.
    expect([Number(row.supply), Number(row.vat), Number(row.total)]).toEqual([195000, 19500, 214500]);
    expect((await customer.get(`/ads/orders/${id}`).expect(200)).text).toContain('214,500원');
    const en = await customer.get(`/ads/orders/${id}?lang=en`).expect(200);
    expect(en.text).toContain('₩214,500');
    expect(en.text).toContain('Supply amount');
  });

  it('an unknown account or a size over the limits → 422 with the form refilled', async () => {
    const unknown = await desk
      .post('/desk/ads/orders')
      .type('form')
      .send({ _csrf: await token('/desk/ads/orders/new'), ...display({ advertiser_email: 'nobody@example.kr' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('그 이메일의 광고주 계정이 없습니다.');
    expect(unknown.text).toContain('개업 축하 행사');
    const big = await desk
      .post('/desk/ads/orders')
      .type('form')
      .send({ _csrf: await token('/desk/ads/orders/new'), ...display({ advertiser_email: 'phone@example.kr', columns: '9' }) });
    expect(big.status).toBe(422);
    expect(big.text).toContain('크기가 상품의 한도를 벗어났습니다.');
  });

  it('a statement over AD_STATEMENT_MAX_MB is refused and nothing is stored', async () => {
    const page = await desk.get('/desk/ads/payments').expect(200);
    // The token is the upload form's first field (never in its action URL).
    expect(page.text).toContain('action="/desk/ads/statements"');
    const token = /<form [^>]*action="\/desk\/ads\/statements"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)">/.exec(
      page.text,
    )![1]!;
    const res = await desk
      .post('/desk/ads/statements')
      .field('_csrf', token)
      .attach('file', Buffer.alloc(1024 * 1024 + 10, 'a'), { filename: 'big.csv', contentType: 'text/csv' });
    expect(res.status).toBe(413);
    expect(Number((await t.db('ad_statement_lines').count({ n: '*' }).first())!.n)).toBe(0);
  });
});
