/**
 * The full review page: every fact the public will see, the advertiser, the checks explained, weighted decisions, confirm step, history in
 * words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { submitListing } from '../../helpers/drafts.js';

describe.each(engines())('the moderator review page on %s', (engine) => {
  let t: TestApp;
  let owner: { id: number; email: string };
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  beforeEach(async () => {
    t = await createTestApp({ engine });
    owner = await createUser(t, { email: 'flowers@example.kr' });
    agent = await staffAgent(t, await createStaff(t, 'moderator', 'mod@example.kr'));
  });
  afterEach(async () => t.close());

  const full = {
    name: '골목꽃집', description: '축하·근조 화환 당일 배송. 급하면 대출 상담도 합니다.', phones: [{ number: '062-123-4567' }],
    branches: [{ name: '본점', address: '광주 북구 금남로 24', phones: [] }],
    offers: [{ name: '축하화환 3단', price: '6만원' }], accounts: [{ bank: '농협', holder: '홍길동', number: '302-0316-649511' }],
  };

  it('shows the public rendering, every field, the advertiser, phone sharers and the checks with what triggered them', async () => {
    t.clock.advance(3 * 86_400_000);
    const other = await createUser(t, { email: 'other@example.kr' });
    const sharer = await submitListing(t, other.id, { name: '다른 꽃집', phones: [{ number: '062-123-4567' }] });
    const id = await submitListing(t, owner.id, full);
    const page = await agent.get(`/mod/listings/${id}`).expect(200);
    const html = page.text;
    // the listing page's own rendering inside the preview frame
    expect(html).toContain('공개 화면 미리보기');
    expect(html).toMatch(/class="preview-frame">\s*<article class="listing"/);
    for (const fact of [
      '꽃·화환',
      '광주광역시 북구 금남로 24',
      'map.kakao.com',
      '축하화환 3단',
      '6만원',
      '302-0316-649511',
      '홍길동',
      '062-123-4567',
    ])
      expect(html, fact).toContain(fact);
    // the advertiser: account, its age, earlier decisions; the other listing with the same phone, linked
    expect(html).toContain('flowers@example.kr');
    expect(html).toMatch(/가입 \d{4}-\d{2}-\d{2} \(4일째\)/);
    expect(html).toContain('지금까지 승인 0번 · 반려 0번');
    expect(html).toContain(`href="/mod/listings/${sharer}">다른 꽃집</a>`);
    // the checks say what triggered them
    expect(html).toContain('금칙어가 글에 있습니다: 대출');
    expect(html).toContain('다른 광고주의 광고에도 있는 번호입니다: 062-123-4567');
  });

  it('decisions are weighted (승인 primary, 반려 secondary, 삭제 danger) and removing needs the confirm box, without JavaScript', async () => {
    const id = await submitListing(t, owner.id, full);
    const html = (await agent.get(`/mod/listings/${id}`)).text;
    expect(html).toMatch(/<button type="submit" class="primary" data-decision="approve">승인<\/button>/);
    expect(html).toMatch(/<button type="submit" class="secondary" data-decision="reject">반려<\/button>/);
    expect(html).toMatch(/<button type="submit" class="danger" data-decision="remove">삭제<\/button>/);
    expect(html).toMatch(/<input type="checkbox" name="confirm" value="1" required>/);

    const token = csrfFrom(html);
    const refused = await agent.post(`/mod/listings/${id}/decide`).type('form').send({ _csrf: token, action: 'remove', note: '중복 광고' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('입력한 내용을 확인해 주세요');
    expect(refused.text).toContain('>중복 광고</textarea>');
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('pending');
    // a rejection without a chosen reason is refused too
    await agent.post(`/mod/listings/${id}/decide`).type('form').send({ _csrf: token, action: 'reject', reason: '', note: '' }).expect(422);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('pending');

    const ok = await agent
      .post(`/mod/listings/${id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'remove', note: '중복 광고', confirm: '1' });
    expect(ok.status).toBe(303);
    expect((await t.db('listings').where({ id }).first('status')).status).toBe('removed');
  });

  it('the history says who, when, what and why in Korean words (English on ?lang=en), never JSON or codes', async () => {
    const id = await submitListing(t, owner.id, full);
    let token = csrfFrom((await agent.get(`/mod/listings/${id}`)).text);
    await agent.post(`/mod/listings/${id}/decide`).type('form').send({ _csrf: token, action: 'approve' }).expect(303);
    token = csrfFrom((await agent.get(`/mod/listings/${id}`)).text);
    await agent
      .post(`/mod/listings/${id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'quick_edit', name: '골목 꽃집', tagline: '', description: full.description, note: '띄어쓰기' })
      .expect(303);
    const ko = (await agent.get(`/mod/listings/${id}`)).text;
    const history = ko.slice(ko.indexOf('<ol class="history">'));
    expect(history).toContain('mod@example.kr');
    expect(history).toContain('승인했습니다');
    expect(history).toContain('상태: 검토 중 → 게시 중');
    expect(history).toContain('바로 고쳤습니다');
    expect(history).toContain('사유: 띄어쓰기');
    expect(history).toContain('상호: 골목꽃집 → 골목 꽃집');
    expect(history).not.toMatch(/\{&#34;|\{"|quick_edit|approve\b|published/);
    const en = (await agent.get(`/mod/listings/${id}?lang=en`)).text;
    const enHistory = en.slice(en.indexOf('<ol class="history">'));
    expect(enHistory).toContain('approved');
    expect(enHistory).toContain('Status: Under review → Published');
    // the audit page reads the same way
    const audit = (await agent.get('/mod/audit?lang=ko')).text;
    expect(audit).toContain(`광고 #${id}`);
    expect(audit).not.toMatch(/<code>|\{&#34;/);
  });

  it('the queue shows how much waits in each part', async () => {
    await submitListing(t, owner.id, { name: '하나' });
    await submitListing(t, owner.id, { name: '둘' });
    const html = (await agent.get('/mod')).text;
    expect(html).toContain('검토 대기: 새 광고 2건 · 수정 0건 · 게시 후 확인 0건 · 신고 0건');
  });
});
