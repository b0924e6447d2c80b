import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';

describe.each(engines())('home and demo listing pages on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  it('GET / → Korean home page listing the demo listings with links to their pages', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toContain('광주 동네 가게 찾기');
    const id = await listingIdByName(t, 'HDKorea');
    expect(res.text).toContain(`href="/listings/${id}-hdkorea"`);
    expect(res.text).toContain('꽃·화환 배달');
  });

  it('60플라워 page → 200 with its name, phone link, both offers at 60,000원 and the 농협 account', async () => {
    const id = await listingIdByName(t, '60플라워');
    const res = await request(t.app).get(`/listings/${id}-${encodeURIComponent('60플라워')}`).expect(200);
    expect(res.text).toContain('<h1>60플라워');
    expect(res.text).toContain('href="tel:+821099840151"');
    expect(res.text).toContain('010-9984-0151');
    expect(res.text.match(/60,000원/g)).toHaveLength(2);
    expect(res.text).toContain('302-0316-649511');
  });

  it('HDKorea page → both branches with their own addresses, phones and map links', async () => {
    const id = await listingIdByName(t, 'HDKorea');
    const res = await request(t.app).get(`/listings/${id}-hdkorea`).expect(200);
    expect(res.text).toContain('임동점');
    expect(res.text).toContain('광주광역시 북구 금남로 24');
    expect(res.text).toContain('href="tel:+82625222000"');
    expect(res.text).toContain('광주광역시 서구 군분2로 54');
    expect(res.text).toContain('href="tel:+82623508397"');
    expect(res.text).toContain(`https://map.kakao.com/link/search/${encodeURIComponent('광주광역시 북구 금남로 24')}`);
  });

  it('a wrong slug → 301 to the canonical URL', async () => {
    const id = await listingIdByName(t, 'HDKorea');
    const res = await request(t.app).get(`/listings/${id}-wrong`).expect(301);
    expect(res.headers.location).toBe(`/listings/${id}-hdkorea`);
    // A printed QR code's source marker survives the redirect.
    expect((await request(t.app).get(`/listings/${id}-old-name?src=card`).expect(301)).headers.location).toBe(
      `/listings/${id}-hdkorea?src=card`,
    );
  });

  it('a pending listing → 404 for a visitor, with no trace of its name', async () => {
    const id = await listingIdByName(t, 'HDKorea');
    await t.db('listings').where({ id }).update({ status: 'pending' });
    try {
      const res = await request(t.app).get(`/listings/${id}-hdkorea`).expect(404);
      expect(res.text).not.toContain('HDKorea');
    } finally {
      await t.db('listings').where({ id }).update({ status: 'published' });
    }
  });
});
