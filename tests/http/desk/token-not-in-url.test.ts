/**
 * The desk's upload forms (a pasted page, a CSV file, a bank statement) carry their CSRF token as the form's first
 * field, never in the URL: a token in a URL lands in the address bar, the history and access logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

describe.each(engines())('desk upload forms keep the token out of the URL on %s', (engine) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    agent = await staffAgent(t, await createStaff(t, 'desk', 'desk@example.kr'));
  });
  afterAll(async () => t.close());

  it('no form action or link on the desk pages names _csrf; the token is the first field of each upload form', async () => {
    for (const path of ['/desk', '/desk/ads/payments']) {
      const page = await agent.get(path);
      if (page.status === 404) continue;
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toMatch(/(action|href)="[^"]*_csrf=/);
      for (const form of page.text.match(/<form [^>]*enctype="multipart\/form-data"[^>]*>\s*<input[^>]*>/g) ?? []) {
        expect(form, path).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">$/);
      }
    }
  });

  it('a paste posted with the token as a body field is staged (303); without a token, or with another origin, 403 and nothing staged', async () => {
    const token = csrfFrom((await agent.get('/desk').expect(200)).text);
    const ok = await agent
      .post('/desk/paste')
      .field('_csrf', token)
      .field('text', '무등 세탁소\n운동화 세탁 5천원\n광주 동구 충장로 45\nTel. 062-224-1234');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).not.toContain('_csrf');
    const before = Number((await t.db('desk_drafts').count('* as n').first())!.n);
    expect((await agent.post('/desk/paste').field('text', '새 가게\nTel. 062-111-2222')).status).toBe(403);
    expect(
      (
        await agent
          .post('/desk/paste')
          .set('Origin', 'https://evil.example')
          .field('_csrf', token)
          .field('text', '새 가게\nTel. 062-111-2222')
      ).status,
    ).toBe(403);
    expect(Number((await t.db('desk_drafts').count('* as n').first())!.n)).toBe(before);
  });

  it('the review and ownership-claim forms (multipart) carry the token as their first field, not in the URL', async () => {
    const listing = await t.services.listings.createListing({
      kind: 'business', status: 'published', name: '토큰 검사 꽃집', description: '꽃 배달', categoryIds: [], publishedAt: t.clock.now(),
      phones: [], branches: [], offers: [], paymentAccounts: [],
    });
    const id = typeof listing === 'number' ? listing : (listing as { id: number }).id;
    const resident = await createUser(t, { email: 'resident@example.kr' });
    t.clock.advance(2 * 86_400_000); // a new account may not review for a day: the form would not be shown
    const user = await loginAgent(t, resident.email);
    for (const path of [`/listings/${id}/reviews/new`, `/listings/${id}/claim`]) {
      const page = await user.get(path).expect(200);
      expect(page.text, path).not.toMatch(/(action|href)="[^"]*_csrf=/);
      expect(page.text, path).toMatch(/<form [^>]*enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    }
  });
});
