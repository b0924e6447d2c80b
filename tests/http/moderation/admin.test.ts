/** Admin: disabling a user takes their listings offline (nothing deleted), re-enabling restores them; roles; categories; banned lists. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { submitListing } from '../../helpers/drafts.js';

describe.each(engines())('admin pages on %s', (engine) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    admin = await staffAgent(t, await createStaff(t, 'admin'));
  });
  afterAll(async () => t.close());

  const post = async (path: string, body: Record<string, string>) =>
    admin
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom((await admin.get('/admin/users')).text), ...body });
  const found = async (q: string) =>
    (await request(t.app).get(`/api/search?q=${encodeURIComponent(q)}`)).body.results.map((r: { name: string }) => r.name) as string[];

  it('disable → every listing offline and out of search, sessions ended, nothing deleted; enable → all back as they were', async () => {
    const owner = await createUser(t);
    const live = await submitListing(t, owner.id, { name: '정지될 꽃집' });
    const waiting = await submitListing(t, owner.id, { name: '검토 중 꽃집' });
    const mod = await createUser(t, { role: 'moderator' });
    await t.services.moderation.decideListing(mod.id, live, { action: 'approve' });
    const ownerAgent = await loginAgent(t, owner.email);
    const phonesBefore = await t.db('phones').whereIn('listing_id', [live, waiting]).count({ n: '*' }).first();
    expect(await found('정지될')).toContain('정지될 꽃집');

    await post(`/admin/users/${owner.id}/disable`, { reason: '' }).then((r) => expect(r.status).toBe(422));
    await post(`/admin/users/${owner.id}/disable`, { reason: '사기 신고 확인' }).then((r) => expect(r.status).toBe(303));
    expect((await t.db('listings').whereIn('id', [live, waiting]).orderBy('id').pluck('status'))).toEqual(['suspended', 'suspended']);
    await request(t.app).get(`/listings/${live}`).expect(404);
    expect(await found('정지될')).not.toContain('정지될 꽃집');
    await ownerAgent.get('/my/listings').expect(303);
    await loginAgent(t, owner.email).then(() => { throw new Error('a disabled user logged in'); }, () => undefined);

    await post(`/admin/users/${owner.id}/enable`, {}).then((r) => expect(r.status).toBe(303));
    expect(await t.db('listings').where({ id: live }).first('status')).toMatchObject({ status: 'published' });
    expect(await t.db('listings').where({ id: waiting }).first('status')).toMatchObject({ status: 'pending' });
    expect(await t.db('phones').whereIn('listing_id', [live, waiting]).count({ n: '*' }).first()).toEqual(phonesBefore);
    expect(await found('정지될')).toContain('정지될 꽃집');
    const actions = await t.db('audit_log').where({ subject_type: 'user', subject_id: owner.id }).orderBy('id').pluck('action');
    expect(actions).toEqual(['disable_user', 'enable_user']);
  });

  it('user search is case-insensitive and treats % and _ as text, the same on both engines', async () => {
    await createUser(t, { email: 'mixed_case@shop.kr' });
    await createUser(t, { email: 'mixedxcase@shop.kr' });
    const page = (q: string) => admin.get(`/admin/users?q=${encodeURIComponent(q)}`).then((r) => r.text);
    expect(await page('MIXED_CASE')).toContain('mixed_case@shop.kr');
    expect(await page('MIXED_CASE')).not.toContain('mixedxcase@shop.kr');
    expect(await page('%')).not.toContain('mixed_case@shop.kr');
  });

  it('role change is audited and ends the user\'s sessions; an admin cannot change their own role', async () => {
    const u = await createUser(t);
    const agent = await loginAgent(t, u.email);
    await post(`/admin/users/${u.id}/role`, { role: 'moderator' }).then((r) => expect(r.status).toBe(303));
    expect((await t.db('users').where({ id: u.id }).first('role')).role).toBe('moderator');
    await agent.get('/my/listings').expect(303);
    await post(`/admin/users/${u.id}/role`, { role: 'owner' }).then((r) => expect(r.status).toBe(422));
  });

  it('a new category synonym is searchable at once; merging moves listings; a banned word flags the next submission', async () => {
    const owner = await createUser(t);
    const id = await submitListing(t, owner.id, { name: '동의어 꽃집' });
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    const cat = (await t.db('categories').where({ slug: 'flowers' }).first()) as {
      id: number;
      parent_id: number;
      name_ko: string;
      name_en: string;
      synonyms: string;
    };
    await post(`/admin/categories/${cat.id}`, {
      parentId: String(cat.parent_id),
      nameKo: cat.name_ko,
      nameEn: cat.name_en,
      synonyms: `${cat.synonyms} 부케전문`,
    }).then((r) => expect(r.status).toBe(303));
    expect(await found('부케전문')).toContain('동의어 꽃집');
    await post('/admin/categories', {
      parentId: String(cat.parent_id),
      nameKo: '꽃바구니',
      nameEn: 'Flower baskets',
      synonyms: 'basket',
    }).then((r) => expect(r.status).toBe(303));
    const basket = Number((await t.db('categories').where({ name_en: 'Flower baskets' }).first('id')).id);
    await post(`/admin/categories/${cat.id}/merge`, { intoId: String(basket) }).then((r) => expect(r.status).toBe(303));
    expect(await t.db('categories').where({ id: cat.id }).first()).toBeUndefined();
    expect(await t.db('listing_categories').where({ listing_id: id }).pluck('category_id')).toEqual([basket]);

    await post('/admin/banned', { kind: 'word', value: '보장수익' }).then((r) => expect(r.status).toBe(303));
    await post('/admin/banned', { kind: 'phone', value: '전화 아님' }).then((r) => expect(r.status).toBe(422));
    const spam = await submitListing(t, owner.id, { name: '수익 가게', description: '월 보장수익 200%' });
    expect(await t.db('listing_flags').where({ listing_id: spam }).pluck('check')).toContain('banned_word');
    const term = await t.db('banned_terms').where({ value: '보장수익' }).first('id');
    await post(`/admin/banned/${term.id}/delete`, {}).then((r) => expect(r.status).toBe(303));
    expect(await t.db('banned_terms').where({ value: '보장수익' }).first()).toBeUndefined();
  });
});
