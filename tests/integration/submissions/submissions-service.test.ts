import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { formValuesFromBody, validateListingForm, type ListingDraft } from '../../../src/components/submissions/index.js';
import { findListingGraph } from '../../../src/components/listings/index.js';
import { smallPng } from '../../helpers/images.js';

const DAY = 86_400_000;
async function insertUser(t: TestApp, email: string, role = 'advertiser'): Promise<number> {
  const now = t.clock.now();
  const [row] = await t.db('users').insert({ email, password_hash: 'x', role, created_at: now, updated_at: now }).returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}
function draftOf(extra: Record<string, unknown> = {}): ListingDraft {
  const { draft, errors } = validateListingForm(formValuesFromBody({
    kind: 'business', name: '60플라워', categoryIds: ['5'], phones: [{ number: '010-9984-0151' }], ...extra,
  }), { submit: true, knownCategoryIds: new Set([5, 6]) });
  if (!draft) throw new Error(JSON.stringify(errors));
  return draft;
}
const statusOf = async (t: TestApp, id: number) => String((await t.db('listings').where({ id }).first('status')).status);

describe.each(engines())('submissions service on %s', (engine) => {
  let t: TestApp;
  let alice: number;
  let bob: number;
  let moderator: number;
  const A = () => ({ userId: alice, role: 'advertiser' as const });
  const B = () => ({ userId: bob, role: 'advertiser' as const });
  beforeAll(async () => {
    t = await createTestApp({ engine });
    alice = await insertUser(t, 'alice@example.kr');
    bob = await insertUser(t, 'bob@example.kr');
    moderator = await insertUser(t, 'mod@example.kr', 'moderator');
  });
  afterAll(async () => t.close());

  it('draft → edit → submit → pending, rewritten in place with its photo attached', async () => {
    const photo = await t.services.media.storeUpload(await smallPng(), { ownerId: alice, role: 'photo', altText: '가게 앞' });
    const id = await t.services.submissions.createListing(alice, draftOf(), [], false);
    expect(await statusOf(t, id)).toBe('draft');
    const outcome = await t.services.submissions.updateListing(
      id,
      A(),
      draftOf({ name: '60플라워 본점' }),
      [{ id: photo.id, role: 'photo', altText: '가게 앞' }],
      true,
    );
    expect(outcome).toBe('pending');
    const graph = await findListingGraph(t.db, id);
    expect(graph).toMatchObject({ name: '60플라워 본점', status: 'pending', ownerId: alice });
    expect(graph!.media.map((m) => m.altText)).toEqual(['가게 앞']);
  });

  it('editing a published listing → pending revision; the public keeps the old name and phone until applyRevision (C5)', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], true);
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    const outcome = await t.services.submissions.updateListing(
      id,
      A(),
      draftOf({ name: '새 이름', phones: [{ number: '062-522-2000' }] }),
      [],
      true,
    );
    expect(outcome).toBe('revision');
    let graph = await findListingGraph(t.db, id);
    expect([graph!.name, graph!.status, graph!.phones[0].e164]).toEqual(['60플라워', 'published', '+821099840151']);
    const rev = await t.services.submissions.pendingRevision(id);
    expect(rev).not.toBeNull();
    const diff = await t.services.submissions.revisionChanges(rev!.id);
    expect(diff!.changes).toEqual([
      { field: 'name', before: '60플라워', after: '새 이름' },
      { field: 'phones', before: '010-9984-0151', after: '062-522-2000' },
    ]);
    const applied = await t.db.transaction((trx) => t.services.submissions.applyRevision(trx, rev!.id, moderator));
    expect(applied).toBe(true);
    graph = await findListingGraph(t.db, id);
    expect([graph!.name, graph!.status, graph!.phones[0].e164]).toEqual(['새 이름', 'published', '+82625222000']);
    expect(await t.db.transaction((trx) => t.services.submissions.applyRevision(trx, rev!.id))).toBe(false);
  });

  it('a second edit supersedes the first pending revision', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], true);
    await t.db('listings').where({ id }).update({ status: 'published' });
    await t.services.submissions.updateListing(id, A(), draftOf({ name: '하나' }), [], true);
    await t.services.submissions.updateListing(id, A(), draftOf({ name: '둘' }), [], true);
    const rows = await t.db('listing_revisions').where({ listing_id: id }).orderBy('id');
    expect(rows.map((r) => r.status)).toEqual(['superseded', 'pending']);
  });

  it('renew a classified ad → expires CLASSIFIED_LIFETIME_DAYS from now and published again', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf({ kind: 'classified' }), [], true);
    await t.db('listings').where({ id }).update({ status: 'expired', expires_at: new Date(t.clock.now().getTime() - DAY) });
    await t.services.submissions.renew(id, A());
    const row = await t.db('listings').where({ id }).first();
    expect(row.status).toBe('published');
    expect(new Date(row.expires_at).getTime()).toBe(t.clock.now().getTime() + t.config.classifiedLifetimeDays * DAY);
  });

  it('close (폐업) → closed with closed_at; soft delete → removed; restore within 30 days → back to closed', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], true);
    await t.services.submissions.close(id, A());
    expect(await statusOf(t, id)).toBe('closed');
    await t.services.submissions.remove(id, A());
    const removed = await t.db('listings').where({ id }).first();
    expect([removed.status, removed.deleted_at !== null]).toEqual(['removed', true]);
    await expect(t.services.submissions.owned(id, A())).rejects.toMatchObject({ status: 404 });
    t.clock.advance(29 * DAY);
    expect(await t.db.transaction((trx) => t.services.submissions.restoreListing(trx, id))).toBe(true);
    expect(await statusOf(t, id)).toBe('closed');
    t.clock.set('2026-11-24T02:00:00Z');
  });

  it('restore after 30 days → refused, still removed', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], true);
    await t.services.submissions.remove(id, A());
    t.clock.advance(31 * DAY);
    expect(await t.db.transaction((trx) => t.services.submissions.restoreListing(trx, id))).toBe(false);
    expect(await statusOf(t, id)).toBe('removed');
    t.clock.set('2026-11-24T02:00:00Z');
  });

  it("another advertiser: edit, renew, reconfirm, close, delete on Alice's listing → 404 and nothing changes (C1)", async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], false);
    const before = await t.db('listings').where({ id }).first();
    const s = t.services.submissions;
    for (const attempt of [
      () => s.updateListing(id, B(), draftOf({ name: 'hacked' }), [], true), () => s.renew(id, B()), () => s.reconfirm(id, B()),
      () => s.close(id, B()), () => s.remove(id, B()), () => s.owned(id, B()), () => s.owned(id, { userId: null, role: 'visitor' }),
    ]) await expect(attempt()).rejects.toMatchObject({ status: 404 });
    expect(await t.db('listings').where({ id }).first()).toEqual(before);
  });

  it("another advertiser's photo ids → not attached to my listing", async () => {
    const bobsPhoto = await t.services.media.storeUpload(await smallPng(10, 10), { ownerId: bob, role: 'photo', altText: null });
    const id = await t.services.submissions.createListing(alice, draftOf(), [{ id: bobsPhoto.id, role: 'photo', altText: null }], false);
    expect((await findListingGraph(t.db, id))!.media).toEqual([]);
  });

  it('a business confirmed 7 months ago → asks to reconfirm; reconfirm → not anymore', async () => {
    const id = await t.services.submissions.createListing(alice, draftOf(), [], true);
    await t.db('listings').where({ id }).update({ status: 'published', last_confirmed_at: new Date(t.clock.now().getTime() - 210 * DAY) });
    const find = async () => (await t.services.submissions.myListings(alice)).find((l) => l.id === id)!;
    expect(t.services.submissions.needsReconfirm(await find())).toBe(true);
    await t.services.submissions.reconfirm(id, A());
    expect(t.services.submissions.needsReconfirm(await find())).toBe(false);
  });
});
