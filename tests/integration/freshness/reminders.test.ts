/**
 * Reminders and the classified-ad lifecycle through the job runner, on both engines: two runners racing send each
 * reminder once; without the lease the claims alone still do; a reminder claimed by a runner that died is not sent again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../../src/components/jobs/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUserRow } from '../../helpers/as-user.js';
import { readOutbox } from '../../helpers/auth.js';
import { submitListing } from '../../helpers/drafts.js';

const DAY = 86_400_000;

describe.each(engines())('reminders and expiry by the job runner (%s)', (engine) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);
  const mailsAbout = (name: string) => readOutbox(t).filter((m) => m.subject.includes(name));
  async function listing(name: string, ownerId: number, fields: Record<string, unknown>, kind = 'business'): Promise<number> {
    const id = await submitListing(t, ownerId, { name, kind });
    await t.db('listings').where({ id }).update({ status: 'published', published_at: ago(400), ...fields });
    return id;
  }

  // A fresh app and set of listings per test; the later steps first send what is already due.
  beforeEach(async () => {
    t = await createTestApp({ engine });
    const owner = await createUserRow(t, 'owner@example.kr');
    const disabled = await createUserRow(t, 'gone@example.kr');
    await t.db('users').where({ id: disabled.id }).update({ is_disabled: true });
    ids.due = await listing('확인할꽃집', owner.id, { last_confirmed_at: ago(200) });
    ids.recent = await listing('최근확인꽃집', owner.id, { last_confirmed_at: ago(100) });
    ids.disabledOwner = await listing('정지된가게', disabled.id, { last_confirmed_at: ago(300) });
    ids.ending = await listing('곧끝나는광고', owner.id, { expires_at: new Date(t.clock.now().getTime() + 2 * DAY) }, 'classified');
    ids.later = await listing('한참남은광고', owner.id, { expires_at: new Date(t.clock.now().getTime() + 10 * DAY) }, 'classified');
    ids.ended = await listing('어제끝난광고', owner.id, { expires_at: ago(1) }, 'classified');
    ids.old = await listing('오래끝난광고', owner.id, { status: 'expired', expires_at: ago(91) }, 'classified');
    ids.recentlyEnded = await listing('얼마전끝난광고', owner.id, { status: 'expired', expires_at: ago(30) }, 'classified');
  });
  afterEach(async () => t.close());

  it('two runners racing: one takes the lease; each due reminder is mailed once; statuses move on', async () => {
    const runners = ['a', 'b'].map((holder) => createJobRunner({ db: t.db, clock: t.clock, jobs: t.services.freshness.jobs(), holder }));
    const results = await Promise.all(runners.map((r) => r.runOnce()));
    expect(results.filter((r) => r !== null).length).toBeGreaterThanOrEqual(1);
    await Promise.all(runners.map((r) => r.runOnce()));
    expect(mailsAbout('확인할꽃집')).toHaveLength(1);
    expect(mailsAbout('곧끝나는광고')).toHaveLength(1);
    for (const name of ['최근확인꽃집', '정지된가게', '한참남은광고']) expect(mailsAbout(name)).toHaveLength(0);
    const mail = mailsAbout('확인할꽃집')[0];
    expect(mail.to).toContain('owner@example.kr');
    expect(mail.text).toMatch(/\/reminders\/\d+\.\d+\.[A-Za-z0-9_-]{43}/);
    expect(mail.text).toContain('Hello.');
    const status = async (id: number) => String((await t.db('listings').where({ id }).first('status')).status);
    expect(await status(ids.ended)).toBe('expired');
    expect(await status(ids.old)).toBe('archived');
    expect(await status(ids.recentlyEnded)).toBe('expired');
    expect(await status(ids.ending)).toBe('published');
    expect(await t.db('listings').where({ id: ids.old }).first()).toBeTruthy(); // archived, not deleted
  });

  it('without the lease, racing jobs still send a reminder once (the claim is unique); a claim left by a dead runner is not resent', async () => {
    await t.services.freshness.sendConfirmReminders(); // the set-up's due listing
    const owner = await createUserRow(t, 'racer@example.kr');
    await listing('경주하는꽃집', owner.id, { last_confirmed_at: ago(190) });
    const dead = await listing('멈춘러너꽃집', owner.id, { last_confirmed_at: ago(190) });
    const cycle = ago(190).getTime();
    await t.db('listing_reminders').insert({ listing_id: dead, kind: 'confirm', cycle, status: 'sending', claimed_at: ago(1) });
    const sent = await Promise.all([1, 2, 3].map(() => t.services.freshness.sendConfirmReminders()));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(mailsAbout('경주하는꽃집')).toHaveLength(1);
    expect(mailsAbout('멈춘러너꽃집')).toHaveLength(0);
    expect(await t.services.freshness.sendConfirmReminders()).toBe(0);
  });

  it('after the owner confirms, the next reminder comes 6 months later (a new cycle), once', async () => {
    await t.services.jobs.runOnce();
    expect(mailsAbout('확인할꽃집')).toHaveLength(1);
    await t.db('listings').where({ id: ids.due }).update({ last_confirmed_at: t.clock.now() });
    expect(await t.services.freshness.sendConfirmReminders()).toBe(0);
    t.clock.advance(183 * DAY);
    await t.services.jobs.runOnce();
    await t.services.jobs.runOnce();
    expect(mailsAbout('확인할꽃집')).toHaveLength(2);
  });
});
