/** The rate card (admins): a product's rule is edited as checked JSON; a bad rule or a taken code is refused with the form refilled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

describe.each(engines())('rate card on %s', (engine) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    admin = await staffAgent(t, await createStaff(t, 'admin'));
  });
  afterAll(async () => t.close());

  const form = (extra: Record<string, string>) => ({
    code: 'web-7',
    name_ko: '인터넷 게재 7일',
    name_en: 'Web listing, 7 days',
    rule: '{"kind":"featured","placement":"district","days":7,"price":40000}',
    discounts: '[]',
    active_from: '2026-11-01',
    active_to: '',
    sort: '9',
    ...extra,
  });
  const send = async (url: string, fields: Record<string, string>) =>
    admin
      .post(url)
      .type('form')
      .send({ _csrf: csrfFrom((await admin.get('/admin/ads/products').expect(200)).text), ...fields });

  it('adds a product and edits its price; it is offered in the order form', async () => {
    expect((await send('/admin/ads/products', form({}))).status).toBe(303);
    const row = await t.db('ad_products').where({ code: 'web-7' }).first();
    expect(JSON.parse(row.rule_json)).toMatchObject({ kind: 'featured', price: 40000 });
    expect(
      (await send(`/admin/ads/products/${row.id}`, form({ rule: '{"kind":"featured","placement":"district","days":7,"price":45000}' })))
        .status,
    ).toBe(303);
    expect(JSON.parse((await t.db('ad_products').where({ id: row.id }).first()).rule_json).price).toBe(45000);
    expect((await admin.get('/ads/orders/new').expect(200)).text).toContain('인터넷 게재 7일');
  });

  it('a fractional price, an unknown field or a taken code → 422 with the typed rule kept; nothing changes', async () => {
    const before = await t.db('ad_products').orderBy('id');
    const bad = await send('/admin/ads/products', form({ code: 'web-8', rule: '{"kind":"web_listing","days":30,"price":10.5}' }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('가격 규칙(JSON)이 올바르지 않습니다.');
    expect(bad.text).toContain('10.5');
    expect((await send('/admin/ads/products', form({ code: 'line' }))).status).toBe(422);
    expect(await t.db('ad_products').orderBy('id')).toEqual(before);
  });
});
