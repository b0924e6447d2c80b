/** Every UI string in both languages: no key missing in either catalog, and no raw key printed on any page type. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { createUser, PASSWORD } from '../../helpers/auth.js';
import { messageKeys, missingEnglish, missingKorean } from '../../../src/core/i18n.js';

/** Text a reader sees (tags, scripts and JSON-LD removed), plus the attributes people hear or see (alt, aria-label, placeholder, title). */
function readable(html: string): string {
  const attrs = [...html.matchAll(/\s(?:alt|aria-label|placeholder|title|data-copied)="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ');
  return `${text} ${attrs.join(' ')}`;
}

/** Words shaped like a message key whose first part is one of the catalog's namespaces (home.title, listing.action.call, …). */
function rawKeys(html: string, namespaces: Set<string>): string[] {
  return [...readable(html).matchAll(/(?<![\w./:@-])([a-z][a-zA-Z]*)((?:\.[a-zA-Z0-9]+)+)(?![\w/@-])/g)]
    .filter((m) => namespaces.has(m[1])).map((m) => m[0]);
}

describe('i18n completeness', () => {
  let t: TestApp;
  let cookie: string[] = [];
  const namespaces = new Set(messageKeys().map((k) => k.split('.')[0]));
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const user = await createUser(t, { email: 'i18n@shop.kr' });
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: PASSWORD });
    cookie = (res.headers['set-cookie'] as unknown as string[]) ?? [];
  });
  afterAll(async () => t.close());

  it('every Korean key has an English string and every English key a Korean one', () => {
    expect(missingEnglish()).toEqual([]);
    expect(missingKorean()).toEqual([]);
  });

  it('no page type prints a raw message key, in Korean or in English', async () => {
    expect(rawKeys('<p>listing.action.nope</p><img alt="home.gone"> <a href="https://map.kakao.com/x">x</a>', namespaces)).toEqual([
      'listing.action.nope',
      'home.gone',
    ]);
    const hd = await listingIdByName(t, 'HDKorea');
    const flower = await listingIdByName(t, '60플라워');
    const publicPaths = [
      '/',
      `/listings/${hd}-hdkorea`,
      `/listings/${flower}-${encodeURIComponent('60플라워')}`,
      '/categories/flowers',
      `/districts/${encodeURIComponent('북구')}`,
      `/search?q=${encodeURIComponent('화환')}`,
      `/search?q=${encodeURIComponent('화환')}&open=now&district=${encodeURIComponent('광산구')}`,
      `/search?q=${encodeURIComponent('화환')}&page=99`,
      `/search?q=${encodeURIComponent('없는가게')}`,
      '/login',
      '/signup',
      '/password-reset',
      `/listings/${hd}/report`,
      '/no-such-page',
      '/saved',
    ];
    const signedIn = ['/account', '/submissions/new', '/my/listings', `/listings/${hd}/save`, '/saved?signed-in'];
    const found: string[] = [];
    for (const lang of ['ko', 'en']) {
      for (const path of [...publicPaths, ...signedIn]) {
        const res = await request(t.app)
          .get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`)
          .set('Cookie', signedIn.includes(path) ? cookie : []);
        expect([200, 404], `${path}: ${res.status}`).toContain(res.status);
        for (const key of rawKeys(res.text, namespaces)) found.push(`${lang} ${path}: ${key}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('English pages name districts in English with the Hangul beside', async () => {
    const res = await request(t.app).get('/?lang=en').expect(200);
    for (const [en, ko] of [['Dong-gu', '동구'], ['Seo-gu', '서구'], ['Nam-gu', '남구'], ['Buk-gu', '북구'], ['Gwangsan-gu', '광산구']]) {
      expect(res.text).toMatch(new RegExp(`<span>${en}</span> <span class="native" lang="ko">${ko}</span>`));
    }
  });
});
