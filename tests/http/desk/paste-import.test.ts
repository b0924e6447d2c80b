/** The ad desk's paste flow: split a page → preview with unsure cells → correct in place → import → public page, search, audit, undo. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

export const AD_PAGE = [
  '60플라워\nFlower\n\n축하화환 3단\n\n근조화환 3단\n\n전국전지역6만배송 (기타낙후지역 배송비 추가요금발생)\nTel. 010-9984-0151 **농협 박배성 302-0316-649511**',
  '━━━━━━━━━━',
  '무등 세탁소\n운동화 세탁 5천원\n광주 동구 충장로 45\nTel. 062-224-1234',
  '----------',
  '미정 상회\n전화 없음 문의는 방문',
].join('\n');

describe.each(engines())('desk paste import on %s', (engine) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  let deskUser: Awaited<ReturnType<typeof createStaff>>;
  // A fresh app per test: the import step pastes its own page first.
  beforeEach(async () => {
    t = await createTestApp({ engine });
    deskUser = await createStaff(t, 'desk', 'desk@example.kr');
    agent = await staffAgent(t, deskUser);
  });
  afterEach(async () => t.close());

  async function paste(text: string) {
    const page = await agent.get('/desk').expect(200);
    return agent.post(`/desk/paste?_csrf=${encodeURIComponent(csrfFrom(page.text))}`).field('text', text);
  }

  it('visitors go to login, advertisers get 403, a desk user without the second factor goes to /account/2fa', async () => {
    expect((await request(t.app).get('/desk')).headers.location).toBe('/login?next=%2Fdesk');
    const adv = await createUser(t);
    expect((await (await loginAgent(t, adv.email)).get('/desk')).status).toBe(403);
    const other = await createStaff(t, 'desk');
    expect((await (await loginAgent(t, other.email)).get('/desk')).headers.location).toBe('/account/2fa?next=%2Fdesk');
  });

  it('an empty paste → 422 with a message, nothing staged', async () => {
    const res = await paste('   ');
    expect(res.status).toBe(422);
    expect(res.text).toContain('광고 글을 붙여 넣거나');
    expect(await t.db('desk_drafts').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('paste → preview splits three ads, marks unsure cells and errors; nothing is written before import', async () => {
    const res = await paste(AD_PAGE);
    expect(res.status).toBe(303);
    const preview = await agent.get(res.headers.location).expect(200);
    expect(preview.text).toContain('모두 3행');
    expect(preview.text).toContain('value="60플라워"');
    expect(preview.text).toContain('value="무등 세탁소"');
    expect(preview.text).toMatch(/cell-unsure/);
    expect(preview.text).toContain('확인 필요');
    expect(preview.text).toContain('cell-error');
    expect(await t.db('listings').count({ n: '*' }).first()).toEqual({ n: 0 });
    // importing with an invalid row left → 422, still nothing written
    const token = csrfFrom(preview.text);
    const rows = preview.text.match(/name="rows" value="([^"]*)"/)![1];
    const refused = await agent.post(res.headers.location).type('form').send({ _csrf: token, rows, action: 'import' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('오류가 있는 행이 남아 있습니다');
    expect(await t.db('listings').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('corrections in place (category, dropping a row) → import → published under the desk account, 신문 광고 marker, searchable, audited', async () => {
    expect((await paste(AD_PAGE)).status).toBe(303);
    const draft = await t.db('desk_drafts').orderBy('id', 'desc').first();
    const url = `/desk/imports/${draft.id}`;
    const preview = await agent.get(url).expect(200);
    const token = csrfFrom(preview.text);
    const saved = await agent.post(url).type('form').send({
      _csrf: token,
      rows: '0,1,2',
      action: 'save',
      r0_name: '60플라워',
      r0_category: 'flowers',
      r1_category: '이사·청소',
      r2_drop: '1',
      r1_name: '무등 세탁소',
    });
    expect(saved.status).toBe(303);
    const after = await agent.get(saved.headers.location).expect(200);
    expect(after.text).toContain('고친 내용을 저장했습니다');
    expect(after.text).not.toContain('class="field-error"');
    const done = await agent.post(url).type('form').send({ _csrf: token, rows: '', action: 'import' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toMatch(/^\/desk\/batches\/\d+\?done=imported$/);
    const listings = await t.db('listings').orderBy('id');
    expect(listings.map((l) => l.name)).toEqual(['60플라워', '무등 세탁소']);
    for (const l of listings) {
      expect(l.status).toBe('published');
      expect(Number(l.owner_id)).toBe(deskUser.id);
      expect(l.origin).toBe('print_ad');
    }
    const pageRes = await request(t.app).get(`/listings/${listings[0].id}-${listings[0].slug}`).expect(200);
    expect(pageRes.text).toContain('신문 광고');
    const found = await request(t.app)
      .get(`/api/search?q=${encodeURIComponent('세탁소')}`)
      .expect(200);
    expect(found.body.results.map((r: { name: string }) => r.name)).toContain('무등 세탁소');
    const audit = await t.db('audit_log').where({ action: 'desk_import' }).first();
    expect(Number(audit.actor_id)).toBe(deskUser.id);
    expect(JSON.parse(audit.after_json)).toMatchObject({ source: 'paste', created: 2, merged: 0, skipped: 0 });
    expect(JSON.parse(audit.after_json).sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.db('desk_drafts').count({ n: '*' }).first()).toEqual({ n: 0 });
    const batch = await agent.get(done.headers.location).expect(200);
    expect(batch.text).toContain('가져왔습니다');
    expect(batch.text).toContain('이 묶음 되돌리기');
  });
});
