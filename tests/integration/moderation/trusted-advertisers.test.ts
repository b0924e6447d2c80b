/** Trusted advertisers (N approvals, no rejection) publish edits at once, and the edit waits in the queue for a look afterwards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';
import { draftOf, submitListing } from '../../helpers/drafts.js';

describe.each(engines())('trusted advertisers on %s', (engine) => {
  let t: TestApp;
  let mod: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { TRUSTED_AFTER_APPROVALS: '2' } });
    mod = (await createUser(t, { role: 'moderator' })).id;
  });
  afterAll(async () => t.close());

  async function approvedListing(owner: number, name: string): Promise<number> {
    const id = await submitListing(t, owner, { name });
    await t.services.moderation.decideListing(mod, id, { action: 'approve' });
    return id;
  }
  const edit = async (owner: number, id: number, name: string) =>
    t.services.submissions.updateListing(id, { userId: owner, role: 'advertiser' }, await draftOf(t, { name }), [], true);

  it('one approval: an edit waits as a revision; after two approvals the edit goes live and shows in the queue as post-review', async () => {
    const owner = (await createUser(t)).id;
    const first = await approvedListing(owner, '첫 가게');
    expect(await edit(owner, first, '첫 가게 수정')).toBe('revision');
    expect((await t.db('listings').where({ id: first }).first('name')).name).toBe('첫 가게');
    await approvedListing(owner, '둘째 가게');
    expect(await edit(owner, first, '첫 가게 바로 수정')).toBe('live');
    expect((await t.db('listings').where({ id: first }).first('name')).name).toBe('첫 가게 바로 수정');
    const queue = await t.services.moderation.queue({});
    expect(queue.filter((i) => i.type === 'post_review').map((i) => i.listingId)).toContain(first);
    await t.services.moderation.decideListing(mod, first, { action: 'mark_reviewed' });
    expect((await t.services.moderation.queue({})).filter((i) => i.type === 'post_review').map((i) => i.listingId)).not.toContain(first);
  });

  it('a rejection takes the trust away; a new account\'s first listing always waits for review', async () => {
    const owner = (await createUser(t)).id;
    const a = await approvedListing(owner, '가 가게');
    await approvedListing(owner, '나 가게');
    const rejected = await submitListing(t, owner, { name: '다 가게' });
    await t.services.moderation.decideListing(mod, rejected, { action: 'reject', reason: 'spam', note: '' });
    expect(await edit(owner, a, '가 가게 수정')).toBe('revision');
    const fresh = (await createUser(t)).id;
    const first = await submitListing(t, fresh, { name: '새 계정 첫 광고' });
    expect((await t.db('listings').where({ id: first }).first('status')).status).toBe('pending');
  });
});
