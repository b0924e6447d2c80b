/** html-validate (recommended rules) over every page type in both languages: zero errors. */
import request from 'supertest';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { createUser, PASSWORD } from '../../helpers/auth.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Korean UI text uses typographic quotes and ·; EJS output is not formatted for humans.
    'no-trailing-whitespace': 'off',
    // Inline SVG icons are decorative (aria-hidden) next to their text label.
    'svg-focusable': 'off',
    // The ALTCHA custom element is defined by its script.
    'no-unknown-elements': 'off',
    // Phone numbers stay on one line through CSS (white-space: nowrap); U+2011 hyphens would break copying and dialling them.
    'tel-non-breaking': 'off',
    // The search suggestions are the ARIA combobox pattern (a listbox of links), not a <select>.
    'prefer-native-element': ['error', { exclude: ['listbox'] }],
    // A group of checkboxes shares one name (categoryIds), as radios do.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

describe('html-validate', () => {
  let t: TestApp;
  let cookie: string[] = [];
  let reviewId = 0;
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const user = await createUser(t, { email: 'html@shop.kr' });
    // An account old enough to see the review form, and a review with keywords and the owner's reply on HDKorea.
    await t.db('users').where({ id: user.id }).update({ created_at: new Date(t.clock.now().getTime() - 2 * 86_400_000) });
    const hd = await listingIdByName(t, 'HDKorea');
    const reviewer = await createUser(t);
    const [row] = await t
      .db('reviews')
      .insert({
        listing_id: hd,
        user_id: reviewer.id,
        body: '친절하고 빨라요',
        status: 'visible',
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .returning('id');
    reviewId = Number(typeof row === 'object' ? row.id : row);
    const kw = await t.db('review_keywords').whereNull('category_slug').limit(2).pluck('id');
    await t.db('review_keyword_picks').insert(kw.map((k: number) => ({ review_id: reviewId, keyword_id: k, listing_id: hd })));
    await t
      .db('review_replies')
      .insert({
        review_id: reviewId,
        listing_id: hd,
        body: '감사합니다',
        status: 'visible',
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      });
    const agent = request.agent(t.app);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/login')).text)![1];
    cookie =
      ((await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: PASSWORD })).headers[
        'set-cookie'
      ] as unknown as string[]) ?? [];
  });
  afterAll(async () => t.close());

  it('every page type, Korean and English: no errors', async () => {
    const hd = await listingIdByName(t, 'HDKorea');
    const q = encodeURIComponent('화환');
    const pages: Array<[string, boolean]> = [
      ['/', false],
      [`/listings/${hd}-hdkorea`, false],
      ['/categories/flowers', false],
      [`/districts/${encodeURIComponent('서구')}?category=drones-cameras`, false],
      [`/search?q=${q}`, false],
      [`/search?q=${q}&open=now&district=${encodeURIComponent('광산구')}`, false],
      [`/search?q=${q}&page=99`, false],
      [`/search?q=${encodeURIComponent('없는가게')}`, false],
      ['/login', false],
      ['/signup', false],
      ['/password-reset', false],
      [`/listings/${hd}/report`, false],
      ['/no-such-page', false],
      ['/account', true],
      ['/submissions/new', true],
      ['/my/listings', true],
      [`/listings/${hd}/save`, true],
      ['/saved', false],
      ['/saved', true],
      [`/listings/${hd}/reviews/new`, true],
      [`/reviews/${reviewId}/report`, false],
      [`/listings/${hd}/reviews`, false],
      [`/listings/${hd}/reviews`, true],
    ];
    const problems: string[] = [];
    for (const lang of ['ko', 'en']) {
      for (const [path, signedIn] of pages) {
        const res = await request(t.app).get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`).set('Cookie', signedIn ? cookie : []);
        const report = await validator.validateString(res.text);
        for (const r of report.results)
          for (const m of r.messages)
            if (m.severity === 2)
              problems.push(
                `${lang} ${path}: ${m.ruleId} ${m.message} (line ${m.line}: ${res.text.split('\n')[m.line - 1]?.slice(Math.max(0, m.column - 40), m.column + 60)})`,
              );
      }
    }
    expect(problems).toEqual([]);
  });
});
