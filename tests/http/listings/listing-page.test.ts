import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { giveShopHours } from '../../helpers/hours.js';

function jsonLd(html: string): Record<string, any> {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  if (!m) throw new Error('no JSON-LD');
  return JSON.parse(m[1]);
}

describe.each(engines())('the listing page (%s)', (engine) => {
  let t: TestApp;
  let flower: number;
  let hd: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true }); // Tuesday 11:00 in Seoul
    flower = await listingIdByName(t, '60플라워');
    hd = await listingIdByName(t, 'HDKorea');
  });
  afterAll(async () => t.close());

  it('60플라워: both offers at 60,000원, the phone as tel:+821099840151, the 농협 account with holder', async () => {
    const res = await request(t.app).get(`/listings/${flower}-${encodeURIComponent('60플라워')}`).expect(200);
    expect(res.text.match(/<span class="price">60,000원<\/span>/g)).toHaveLength(2);
    expect(res.text).toContain('href="tel:+821099840151"');
    expect(res.text).toMatch(/농협 <strong>302-0316-649511<\/strong><br>예금주: 박배성/);
    expect(res.text).toContain('전국 배송');
    expect(res.text).toContain(`href="/listings/${flower}/report"`);
  });

  it('the 6만원 style is shown where the advertiser chose it, and prices in English as ₩60,000', async () => {
    await t.db('offers').where({ listing_id: flower, name: '축하화환 3단' }).update({ price_style: 'man' });
    const ko = await request(t.app).get(`/listings/${flower}-${encodeURIComponent('60플라워')}`);
    expect(ko.text).toContain('6만원');
    const en = await request(t.app).get(`/listings/${flower}-${encodeURIComponent('60플라워')}?lang=en`);
    expect(en.text).toContain('₩60,000');
    await t.db('offers').where({ listing_id: flower }).update({ price_style: 'full' });
  });

  it('HDKorea: both branches, each with its address, its own tel: link, Kakao and Naver links and an open-now line', async () => {
    // As the print ad states it: no hours (another test of this file gives the shop some).
    await t.db('branch_hours').whereIn('branch_id', t.db('branches').where({ listing_id: hd }).select('id')).del();
    const res = await request(t.app).get(`/listings/${hd}-hdkorea`).expect(200);
    for (const [addr, tel] of [['광주광역시 북구 금남로 24', 'tel:+82625222000'], ['광주광역시 서구 군분2로 54', 'tel:+82623508397']]) {
      expect(res.text).toContain(`<p class="address">${addr}</p>`);
      expect(res.text).toContain(`href="${tel}"`);
      expect(res.text).toContain(`https://map.kakao.com/link/search/${encodeURIComponent(addr)}`);
      expect(res.text).toContain(`https://map.naver.com/p/search/${encodeURIComponent(addr)}`);
    }
    expect(res.text).toContain('062-522-2000');
    // The print ad states no opening hours: each branch says they are unknown, none are made up.
    expect(res.text.match(/영업시간 정보 없음/g)).toHaveLength(2);
    expect(res.text).not.toContain('영업 중 ·');
  });

  it('with hours given by the owner, each branch has its open-now line and a week table', async () => {
    await giveShopHours(t.db, hd);
    const res = await request(t.app).get(`/listings/${hd}-hdkorea`).expect(200);
    expect(res.text.match(/영업 중 · 20:00에 닫음/g)).toHaveLength(2);
    expect(res.text).toContain('<th scope="row">일</th><td>휴무</td>');
  });

  it('open-now follows the clock: Sunday → closed today; Tuesday 21:00 → closed for today', async () => {
    await giveShopHours(t.db, hd);
    t.clock.set('2026-11-29T03:00:00Z');
    expect((await request(t.app).get(`/listings/${hd}-hdkorea`)).text).toContain('오늘 휴무');
    t.clock.set('2026-11-24T12:00:00Z');
    expect((await request(t.app).get(`/listings/${hd}-hdkorea`)).text).toContain('영업 종료');
    t.clock.set('2026-11-24T02:00:00Z');
  });

  it('JSON-LD: ElectronicsStore with one department per branch (PostalAddress, E.164, hours)', async () => {
    await giveShopHours(t.db, hd);
    const ld = jsonLd((await request(t.app).get(`/listings/${hd}-hdkorea`)).text);
    expect(ld['@type']).toBe('ElectronicsStore');
    expect(ld.department).toHaveLength(2);
    expect(ld.department[0]).toMatchObject({
      telephone: '+82625222000',
      address: { '@type': 'PostalAddress', addressRegion: '광주광역시', addressLocality: '북구', streetAddress: '금남로 24', addressCountry: 'KR' },
    });
    expect(ld.department[0].openingHoursSpecification[0]).toMatchObject({
      '@type': 'OpeningHoursSpecification',
      opens: '10:00',
      closes: '20:00',
    });
  });

  it('JSON-LD: Florist with makesOffer in KRW', async () => {
    const ld = jsonLd((await request(t.app).get(`/listings/${flower}-${encodeURIComponent('60플라워')}`)).text);
    expect(ld['@type']).toBe('Florist');
    expect(ld.telephone).toBe('+821099840151');
    expect(ld.makesOffer).toEqual([
      { '@type': 'Offer', name: '축하화환 3단', price: 60000, priceCurrency: 'KRW' },
      { '@type': 'Offer', name: '근조화환 3단', price: 60000, priceCurrency: 'KRW' },
    ]);
  });

  it('Open Graph, Twitter card, canonical, meta description, lang', async () => {
    const res = await request(t.app).get(`/listings/${hd}-hdkorea`);
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toMatch(/<meta property="og:title" content="HDKorea">/);
    expect(res.text).toMatch(/<meta property="og:url" content="http:\/\/127\.0\.0\.1:\d+\/listings\/\d+-hdkorea">/);
    expect(res.text).toMatch(/<link rel="canonical" href="[^"]+\/listings\/\d+-hdkorea">/);
    expect(res.text).toMatch(/<meta name="description" content="[^"]*DJI/);
    expect(res.text).toContain('<meta name="twitter:card"');
  });

  it('QR code → an SVG of the page URL; vCard → name, E.164 phones and both addresses', async () => {
    const qr = await request(t.app).get(`/listings/${hd}/qr.svg`).buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c));
      res.on('end', () => cb(null, data));
    }).expect(200);
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(String(qr.body)).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(String(qr.body)).not.toMatch(/<script|onload/i);
    const vcf = await request(t.app).get(`/listings/${hd}/contact.vcf`).expect(200);
    expect(vcf.headers['content-type']).toMatch(/text\/vcard/);
    expect(vcf.text).toContain('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:HDKorea\r\nORG:㈜에이치디코리아');
    expect(vcf.text).toContain('TEL;TYPE=WORK,VOICE:+82625222000');
    expect(vcf.text).toContain(';;금남로 24;북구;광주광역시;;KR');
    expect(vcf.text).toMatch(/URL:http:\/\/127\.0\.0\.1:\d+\/listings\/\d+-hdkorea\r\nEND:VCARD/);
  });

  it('a removed listing → 410; a draft → 404 for the QR code and vCard too', async () => {
    await t.db('listings').where({ id: flower }).update({ status: 'removed' });
    await request(t.app).get(`/listings/${flower}-x`).expect(410);
    await t.db('listings').where({ id: flower }).update({ status: 'draft' });
    await request(t.app).get(`/listings/${flower}/qr.svg`).expect(404);
    await request(t.app).get(`/listings/${flower}/contact.vcf`).expect(404);
    await t.db('listings').where({ id: flower }).update({ status: 'published' });
  });
});
