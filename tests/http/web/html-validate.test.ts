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
  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const user = await createUser(t, { email: 'html@shop.kr' });
    const agent = request.agent(t.app);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/login')).text)![1];
    cookie = ((await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: PASSWORD })).headers['set-cookie'] as unknown as string[]) ?? [];
  });
  afterAll(async () => t.close());

  it('every page type, Korean and English: no errors', async () => {
    const hd = await listingIdByName(t, 'HDKorea');
    const q = encodeURIComponent('화환');
    const pages: Array<[string, boolean]> = [
      ['/', false], [`/listings/${hd}-hdkorea`, false], ['/categories/flowers', false], [`/districts/${encodeURIComponent('서구')}?category=drones-cameras`, false],
      [`/search?q=${q}`, false], [`/search?q=${q}&open=now&district=${encodeURIComponent('광산구')}`, false], [`/search?q=${q}&page=99`, false],
      [`/search?q=${encodeURIComponent('없는가게')}`, false], ['/login', false], ['/signup', false], ['/password-reset', false], [`/listings/${hd}/report`, false],
      ['/no-such-page', false], ['/account', true], ['/submissions/new', true], ['/my/listings', true], [`/listings/${hd}/save`, true], ['/saved', false], ['/saved', true],
    ];
    const problems: string[] = [];
    for (const lang of ['ko', 'en']) {
      for (const [path, signedIn] of pages) {
        const res = await request(t.app).get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`).set('Cookie', signedIn ? cookie : []);
        const report = await validator.validateString(res.text);
        for (const r of report.results) for (const m of r.messages) if (m.severity === 2) problems.push(`${lang} ${path}: ${m.ruleId} ${m.message} (line ${m.line}: ${res.text.split('\n')[m.line - 1]?.slice(Math.max(0, m.column - 40), m.column + 60)})`);
      }
    }
    expect(problems).toEqual([]);
  });
});
