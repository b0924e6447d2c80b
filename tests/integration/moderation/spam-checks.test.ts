/** Each automatic check flags the right listing on submit (and flags, never drops: it stays in the queue). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';
import { draftOf, submitListing } from '../../helpers/drafts.js';

const DAY = 86_400_000;

describe.each(engines())('spam checks on %s', (engine) => {
  let t: TestApp;
  let alice: number;
  let bob: number;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { NEW_ACCOUNT_BURST: '3' } });
    alice = (await createUser(t)).id;
    bob = (await createUser(t)).id;
    // Old enough accounts, so the new-account check stays out of the other tests.
    await t.db('users').whereIn('id', [alice, bob]).update({ created_at: new Date(t.clock.now().getTime() - 30 * DAY) });
  });
  afterAll(async () => t.close());

  const flagsOf = async (id: number) =>
    (await t.db('listing_flags').where({ listing_id: id }).whereNull('cleared_at').pluck('check')) as string[];
  let n = 0;
  const uniquePhone = () => `010-7${String(100 + (n += 1)).padStart(3, '0')}-${String(1000 + n)}`;

  it('a clean listing gets no flag', async () => {
    expect(await flagsOf(await submitListing(t, alice, { name: '깨끗한 꽃집', phones: [{ number: uniquePhone() }] }))).toEqual([]);
  });

  it('a banned word, even spaced out (대 출), flags the listing and it stays pending in the queue', async () => {
    const id = await submitListing(t, alice, { name: '급한 돈', description: '당일 대 출 가능, 상담 환영합니다', phones: [{ number: uniquePhone() }] });
    expect(await flagsOf(id)).toEqual(['banned_word']);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('pending');
    expect((await t.services.moderation.queue({ flaggedOnly: true })).map((i) => i.listingId)).toContain(id);
  });

  it('a phone already used by another owner flags the newcomer; the same owner reusing it is not flagged', async () => {
    const shared = uniquePhone();
    const first = await submitListing(t, alice, { name: '원래 가게', phones: [{ number: shared }] });
    const again = await submitListing(t, alice, { name: '원래 가게 2호점', phones: [{ number: shared }] });
    const copy = await submitListing(t, bob, { name: '베낀 가게', phones: [{ number: shared }] });
    expect(await flagsOf(first)).toEqual([]);
    expect(await flagsOf(again)).toEqual([]);
    expect(await flagsOf(copy)).toEqual(['shared_phone']);
    const detail = (await t.db('listing_flags').where({ listing_id: copy }).first('detail')).detail;
    expect(detail).toContain(`#${first}`);
  });

  it('a banned phone (added by an admin) flags the listing', async () => {
    const phone = uniquePhone();
    await t.services.admin.addBannedTerm(alice, 'phone', `+82${phone.replace(/-/g, '').slice(1)}`);
    expect(await flagsOf(await submitListing(t, bob, { name: '차단 번호 가게', phones: [{ number: phone }] }))).toContain('banned_phone');
  });

  it('the same text as another listing flags the copy', async () => {
    const text = '광주 전 지역 당일 배달, 축하화환 근조화환 모두 준비되어 있습니다.';
    await submitListing(t, alice, { name: '원본 글', description: text, phones: [{ number: uniquePhone() }] });
    expect(
      await flagsOf(await submitListing(t, bob, { name: '복사한 글', description: text, phones: [{ number: uniquePhone() }] })),
    ).toEqual(['duplicate_text']);
  });

  it('too many links flag the listing', async () => {
    const id = await submitListing(t, bob, {
      name: '링크 가게',
      description: 'http://a.example http://b.example www.c.com d.xyz 방문하세요',
      phones: [{ number: uniquePhone() }],
    });
    expect(await flagsOf(id)).toEqual(['many_links']);
  });

  it('a brand-new account submitting many listings in a day gets its later ones flagged', async () => {
    const fresh = (await createUser(t)).id;
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push(
        await submitListing(t, fresh, {
          name: `새 계정 ${i}`,
          description: `서로 다른 설명 ${i}번 가게입니다`,
          phones: [{ number: uniquePhone() }],
        }),
      );
    expect(await flagsOf(ids[0])).toEqual([]);
    expect(await flagsOf(ids[4])).toEqual(['new_account_burst']);
  });

  it('an edit of a published listing is checked too, and approval clears the flags', async () => {
    const id = await submitListing(t, alice, { name: '멀쩡한 가게', phones: [{ number: uniquePhone() }] });
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    await t.services.submissions.updateListing(
      id,
      { userId: alice, role: 'advertiser' },
      await draftOf(t, { name: '멀쩡한 가게', description: '카지노 이벤트 진행 중!', phones: [{ number: uniquePhone() }] }),
      [],
      true,
    );
    expect(await flagsOf(id)).toEqual(['banned_word']);
    const mod = await createUser(t, { role: 'moderator' });
    const revision = Number((await t.db('listing_revisions').where({ listing_id: id, status: 'pending' }).first('id')).id);
    await t.services.moderation.decideRevision(mod.id, revision, { action: 'approve_edit' });
    expect(await flagsOf(id)).toEqual([]);
  });
});
