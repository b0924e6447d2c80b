/** Each moderator decision: the state change, its audit entry (before/after), the owner's mail, and what the public sees. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent, readOutbox } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { draftOf, submitListing } from '../../helpers/drafts.js';
import { toDate } from '../../../src/db/index.js';

const DAY = 86_400_000;

describe.each(engines())('moderation decisions on %s', (engine) => {
  let t: TestApp;
  let owner: { id: number; email: string };
  let mod: Awaited<ReturnType<typeof createStaff>>;
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  // A fresh app per test: each builds its own listings; one moves the clock past a month.
  beforeEach(async () => {
    t = await createTestApp({ engine });
    owner = await createUser(t, { email: 'owner@example.kr' });
    mod = await createStaff(t, 'moderator', 'mod@example.kr');
    agent = await staffAgent(t, mod);
  });
  afterEach(async () => t.close());

  const status = async (id: number) => (await t.db('listings').where({ id }).first()) as Record<string, unknown>;
  const lastAudit = async (id: number) =>
    (await t.db('audit_log').where({ subject_type: 'listing', subject_id: id }).orderBy('id', 'desc').first()) as Record<string, unknown>;
  // Encoded-word subjects decode with spaces at the word joins: compare without whitespace.
  const mailsTo = (to: string) =>
    readOutbox(t)
      .filter((m) => m.to.includes(to))
      .map((m) => ({ ...m, subject: m.subject.replace(/\s+/g, '') }));
  const squash = (s: string) => s.replace(/\s+/g, '');
  async function decide(id: number, body: Record<string, string>, path = `/mod/listings/${id}/decide`) {
    const token = csrfFrom((await agent.get(`/mod/listings/${id}`)).text);
    return agent.post(path).type('form').send({ _csrf: token, ...body });
  }
  const searchFinds = async (q: string, name: string) =>
    (await request(t.app).get(`/api/search?q=${encodeURIComponent(q)}`)).body.results.some((r: { name: string }) => r.name === name);

  it('the queue lists pending listings oldest first, with filters by kind and flag', async () => {
    const a = await submitListing(t, owner.id, { name: '첫째 꽃집' });
    t.clock.advance(60_000);
    const b = await submitListing(t, owner.id, { name: '둘째 중고', kind: 'classified', description: '대출 상담 환영' });
    const page = await agent.get('/mod').expect(200);
    expect(page.text.indexOf('첫째 꽃집')).toBeLessThan(page.text.indexOf('둘째 중고'));
    const classified = await agent.get('/mod?kind=classified').expect(200);
    expect(classified.text).toContain('둘째 중고');
    expect(classified.text).not.toContain('첫째 꽃집');
    const flagged = await agent.get('/mod?flagged=1').expect(200);
    expect(flagged.text).toContain('둘째 중고');
    expect(flagged.text).toContain('금칙어');
    expect(flagged.text).not.toContain('첫째 꽃집');
    const c = await submitListing(t, owner.id, { name: '서구 드론', 'branches': [{ address: '광주 서구 군분2로 54' }] });
    const west = await agent.get(`/mod?district=${encodeURIComponent('서구')}`).expect(200);
    expect(west.text).toContain('서구 드론');
    expect(west.text).not.toContain('첫째 꽃집');
    const other = (await t.db('categories').whereNotNull('parent_id').whereNot({ slug: 'flowers' }).first('id')).id;
    expect((await agent.get(`/mod?category=${other}`).expect(200)).text).not.toContain('첫째 꽃집');
    await agent.get('/mod?category=1%20OR%201=1&kind=x&district=%3Cscript%3E').expect(200);
    await t.db('listings').whereIn('id', [a, b, c]).update({ status: 'draft' });
  });

  it('approve → published and searchable, flags cleared, audit before/after, owner mailed', async () => {
    const id = await submitListing(t, owner.id, { name: '승인될 꽃집' });
    expect(await searchFinds('승인될', '승인될 꽃집')).toBe(false);
    await decide(id, { action: 'approve' }).then((r) => expect([r.status, r.headers.location]).toEqual([303, '/mod?done=approve']));
    expect((await status(id)).status).toBe('published');
    expect(await searchFinds('승인될', '승인될 꽃집')).toBe(true);
    const audit = await lastAudit(id);
    expect(audit).toMatchObject({ action: 'approve', actor_id: mod.id });
    expect(JSON.parse(String(audit.before_json)).status).toBe('pending');
    expect(JSON.parse(String(audit.after_json)).status).toBe('published');
    expect(mailsTo(owner.email).pop()?.subject).toContain(squash('"승인될 꽃집" 광고가 게시되었습니다'));
  });

  it('reject with a reason → the owner sees the reason on my listings and in a mail, and can resubmit', async () => {
    const id = await submitListing(t, owner.id, { name: '반려될 꽃집' });
    await decide(id, { action: 'reject', reason: 'incomplete', note: '영업시간을 적어 주세요' }).then((r) => expect(r.status).toBe(303));
    expect((await status(id)).status).toBe('rejected');
    expect((await lastAudit(id)).reason).toBe('정보가 부족합니다 — 영업시간을 적어 주세요');
    expect(mailsTo(owner.email).pop()?.text).toContain('영업시간을 적어 주세요');
    const ownerAgent = await loginAgent(t, owner.email);
    expect((await ownerAgent.get('/my/listings')).text).toContain('영업시간을 적어 주세요');
    await t.services.submissions.updateListing(
      id,
      { userId: owner.id, role: 'advertiser' },
      await draftOf(t, { name: '반려될 꽃집' }),
      [],
      true,
    );
    expect((await status(id)).status).toBe('pending');
  });

  it('request changes needs a note; the listing goes back to draft with it', async () => {
    const id = await submitListing(t, owner.id, { name: '고칠 꽃집' });
    await decide(id, { action: 'request_changes', note: '' }).then((r) => {
      expect(r.status).toBe(422);
      expect(r.text).toContain('입력한 내용을 확인해 주세요');
    });
    expect((await status(id)).status).toBe('pending');
    await decide(id, { action: 'request_changes', note: '사진을 올려 주세요' }).then((r) => expect(r.status).toBe(303));
    expect(await status(id)).toMatchObject({ status: 'draft', moderation_note: '사진을 올려 주세요' });
    expect(mailsTo(owner.email).pop()?.subject).toContain(squash('수정이 필요합니다'));
  });

  it('feature until a date, close, remove and restore — each audited and mailed', async () => {
    const id = await submitListing(t, owner.id, { name: '여러 처리 꽃집' });
    await decide(id, { action: 'approve' });
    await decide(id, { action: 'feature', until: '2026-12-31' }).then((r) => expect(r.status).toBe(303));
    expect(toDate((await status(id)).featured_until)?.toISOString()).toBe('2026-12-31T14:59:59.000Z');
    expect((await request(t.app).get('/')).text).toContain('여러 처리 꽃집');
    await decide(id, { action: 'close', note: '폐업 확인', confirm: '1' }).then((r) => expect(r.status).toBe(303));
    expect((await status(id)).status).toBe('closed');
    await request(t.app).get(`/listings/${id}`).expect(404);
    await decide(id, { action: 'remove', note: '중복', confirm: '1' }).then((r) => expect(r.status).toBe(303));
    expect((await status(id)).status).toBe('removed');
    await decide(id, { action: 'restore' }).then((r) => expect(r.status).toBe(303));
    expect((await status(id)).status).toBe('closed');
    const actions = (await t.db('audit_log').where({ subject_type: 'listing', subject_id: id }).orderBy('id').pluck('action')) as string[];
    expect(actions).toEqual(['approve', 'feature', 'close', 'remove', 'restore']);
    const subjects = mailsTo(owner.email).slice(-5).map((m) => m.subject);
    expect(subjects.some((s) => s.includes('추천'))).toBe(true);
    expect(subjects.some((s) => s.includes('폐업'))).toBe(true);
    expect(subjects.some((s) => s.includes('복구'))).toBe(true);
  });

  it('a decision the state does not allow (approve twice) → 409 and no second audit entry', async () => {
    const id = await submitListing(t, owner.id, { name: '두 번 승인' });
    await decide(id, { action: 'approve' });
    await decide(id, { action: 'approve' }).then((r) => expect(r.status).toBe(409));
    expect(Number((await t.db('audit_log').where({ subject_id: id, action: 'approve' }).count({ n: '*' }).first())?.n)).toBe(1);
  });

  it('a refused quick edit (empty name) comes back on the review page with what was typed; nothing changes', async () => {
    const id = await submitListing(t, owner.id, { name: '그대로 꽃집' });
    const res = await decide(id, { action: 'quick_edit', name: '', tagline: '', description: '새로 쓴 설명 <b>굵게</b>', note: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('새로 쓴 설명 &lt;b&gt;굵게&lt;/b&gt;');
    expect(res.text).toContain('role="alert"');
    expect(await status(id)).toMatchObject({ name: '그대로 꽃집', status: 'pending' });
  });

  it('quick edit fixes a typo in place, audited with before and after', async () => {
    const id = await submitListing(t, owner.id, { name: '오타 꽃짐' });
    await decide(id, { action: 'quick_edit', name: '오타 꽃집', tagline: '', description: '고친 설명입니다', note: '상호 오타' }).then(
      (r) => expect(r.status).toBe(303),
    );
    expect(await status(id)).toMatchObject({ name: '오타 꽃집', description: '고친 설명입니다', status: 'pending' });
    const audit = await lastAudit(id);
    expect(JSON.parse(String(audit.before_json)).name).toBe('오타 꽃짐');
    expect(JSON.parse(String(audit.after_json)).name).toBe('오타 꽃집');
  });

  it('an edit of a published listing: the review page shows the change side by side; approve applies it, reject keeps the live version', async () => {
    const id = await submitListing(t, owner.id, { name: '수정 전 꽃집', phones: [{ number: '062-522-2000' }] });
    await decide(id, { action: 'approve' });
    const viewer = { userId: owner.id, role: 'advertiser' as const };
    await t.services.submissions.updateListing(
      id,
      viewer,
      await draftOf(t, { name: '수정 후 꽃집', phones: [{ number: '062-350-8397' }] }),
      [],
      true,
    );
    const page = await agent.get(`/mod/listings/${id}`).expect(200);
    expect(page.text).toContain('<del>수정 전 꽃집</del>');
    expect(page.text).toContain('<ins>수정 후 꽃집</ins>');
    expect(page.text).toContain('062-350-8397');
    expect((await request(t.app).get(`/listings/${id}`).redirects(1)).text).toContain('수정 전 꽃집');
    const revisionId = Number((await t.db('listing_revisions').where({ listing_id: id, status: 'pending' }).first('id')).id);
    await decide(id, { action: 'approve_edit' }, `/mod/revisions/${revisionId}/decide`).then((r) => expect(r.status).toBe(303));
    expect((await status(id)).name).toBe('수정 후 꽃집');
    expect(await searchFinds('3508397', '수정 후 꽃집')).toBe(true);
    expect((await lastAudit(id)).action).toBe('approve_edit');
    expect(mailsTo(owner.email).pop()?.subject).toContain(squash('수정이 반영되었습니다'));

    await t.services.submissions.updateListing(id, viewer, await draftOf(t, { name: '거절될 수정' }), [], true);
    const second = Number((await t.db('listing_revisions').where({ listing_id: id, status: 'pending' }).first('id')).id);
    await decide(id, { action: 'reject_edit', reason: 'unverifiable', note: '' }, `/mod/revisions/${second}/decide`).then((r) =>
      expect(r.status).toBe(303),
    );
    expect((await status(id)).name).toBe('수정 후 꽃집');
    expect((await t.db('listing_revisions').where({ id: second }).first('status')).status).toBe('rejected');
  });

  it('the audit log cannot be edited or deleted, even directly in the database', async () => {
    await decide(await submitListing(t, owner.id, { name: '감사 기록 꽃집' }), { action: 'approve' });
    const row = await t.db('audit_log').first('id');
    await expect(t.db('audit_log').where({ id: row.id }).update({ reason: 'x' })).rejects.toThrow(/append-only/);
    await expect(t.db('audit_log').where({ id: row.id }).del()).rejects.toThrow(/append-only/);
    await agent.get('/mod/audit').expect(200);
  });

  it('X1: markup in a listing is inert text in the queue and on the review page', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const id = await submitListing(t, owner.id, { name: `꽃${payload}`, description: `"><svg onload=alert(1)> 설명입니다 충분히 긴 설명` });
    const queue = await agent.get('/mod').expect(200);
    const review = await agent.get(`/mod/listings/${id}`).expect(200);
    for (const html of [queue.text, review.text]) {
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<svg onload');
    }
    expect(review.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('restore after 30 days → 409, nothing changes', async () => {
    const id = await submitListing(t, owner.id, { name: '오래된 삭제' });
    await decide(id, { action: 'remove', note: '', confirm: '1' });
    t.clock.advance(31 * DAY);
    agent = await staffAgent(t, mod); // the old session has passed its absolute lifetime
    await decide(id, { action: 'restore' }).then((r) => expect(r.status).toBe(409));
    expect((await status(id)).status).toBe('removed');
  });
});
