import fs from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

const ads = JSON.parse(fs.readFileSync(new URL('../../../src/demo/print-ads.json', import.meta.url), 'utf8')).ads as Array<{
  printed_text: string;
}>;

describe.each(engines())('POST /api/ad-text/parse on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
  });
  afterAll(async () => t.close());

  it('the 60플라워 ad as JSON → 200 with its phone, account, offers at 60000 and the flower category; nothing saved', async () => {
    const res = await request(t.app).post('/api/ad-text/parse').send({ text: ads[0].printed_text }).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.ad).toMatchObject({
      name: '60플라워',
      phones: [{ e164: '+821099840151' }],
      paymentAccounts: [{ bank: '농협', holder: '박배성', number: '302-0316-649511' }],
      offers: [{ priceKrw: 60000 }, { priceKrw: 60000 }],
      categories: [{ name: '꽃·화환 배달' }],
    });
    expect(Number((await t.db('listings').count({ n: '*' }).first())?.n)).toBe(0);
  });

  it.each([
    ['no text', {}],
    ['text as an array', { text: ['a', 'b'] }],
    ['text as an object', { text: { $gt: '' } }],
    ['6,000 characters', { text: '가'.repeat(6000) }],
  ])('%s → 422 with a field error, never 500', async (_n, body) => {
    const res = await request(t.app).post('/api/ad-text/parse').send(body).expect(422);
    expect(res.body.error.fields.text).toBeTruthy();
  });

  it('malformed JSON → 400 JSON error', async () => {
    const res = await request(t.app).post('/api/ad-text/parse').set('content-type', 'application/json').send('{"text":').expect(400);
    expect(res.body.error.status).toBe(400);
  });

  it('a body over 200 KB → 413', async () => {
    await request(t.app).post('/api/ad-text/parse').send({ text: 'x'.repeat(250_000) }).expect(413);
  });
});
