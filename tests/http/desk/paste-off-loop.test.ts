/**
 * A large paste never stops the site: the split and parse run in a worker thread, so /healthz and pages answer while a
 * job runs (asserted by order: they answer while the job is still running, not by a time bound); a job over its time
 * limit is stopped with a message naming the limit; pastes over a cap are refused with a message naming the cap.
 */
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

/** Three ads (the first a real print ad from the fixtures), split by rule lines. */
const AD_PAGE = [
  '60플라워\nFlower\n\n축하화환 3단\n\n근조화환 3단\n\n전국전지역6만배송 (기타낙후지역 배송비 추가요금발생)\nTel. 010-9984-0151 **농협 박배성 302-0316-649511**',
  '━━━━━━━━━━', '무등 세탁소\n운동화 세탁 5천원\nTel. 062-224-1234', '----------', '미정 상회\n문의는 방문',
].join('\n');

let t: TestApp;
afterEach(async () => t?.close());

async function deskAgent(env: Record<string, string>) {
  t = await createTestApp({ env });
  const agent = await staffAgent(t, await createStaff(t, 'desk', 'desk@example.kr'));
  const page = await agent.get('/desk').expect(200);
  const token = csrfFrom(page.text);
  return {
    agent,
    paste: (text: string, lang = 'ko') => agent.post(`/desk/paste?_csrf=${encodeURIComponent(token)}&lang=${lang}`).field('text', text),
  };
}

const waitFor = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};

describe('desk paste off the event loop', () => {
  it('while a long paste job runs, /healthz and the home page answer; past BULK_JOB_TIMEOUT_MS the job is stopped with a message', async () => {
    const { paste } = await deskAgent({
      BULK_JOB_TIMEOUT_MS: '8000',
      DESK_PASTE_MAX_LINES: '1000000',
      DESK_PASTE_MAX_KB: '16384',
      DESK_PASTE_MAX_ADS: '100000',
    });
    // 100,000 ads of one phone line each: seconds of parsing, far past the time limit.
    const job = paste('Tel. 010-9984-0151\n'.repeat(100_000)).then((res) => res);
    await waitFor(() => t.bulkPool.stats().busy === 1);
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/').expect(200);
    // Both answered while the job was still running.
    expect(t.bulkPool.stats().busy).toBe(1);
    const res = await job;
    expect(res.status).toBe(503);
    expect(res.text).toContain('글을 나누는 데 8초가 넘게 걸려 멈췄습니다');
    expect(await t.db('desk_drafts').count({ n: '*' }).first()).toEqual({ n: 0 });
    // The pool replaced the stopped thread: the next paste is parsed.
    expect((await paste(AD_PAGE)).status).toBe(303);
    // Shutdown stops the pool at once (SIGTERM does so before waiting for requests): the running job's request ends.
    const stopped = paste('Tel. 010-9984-0151\n'.repeat(100_000)).then((r) => r);
    await waitFor(() => t.bulkPool.stats().busy === 1);
    await t.bulkPool.close();
    const answer = await stopped;
    expect([answer.status, answer.text.includes('잠시 후 다시 시도해 주세요')]).toEqual([503, true]);
  });

  it('a paste over DESK_PASTE_MAX_KB, DESK_PASTE_MAX_LINES or DESK_PASTE_MAX_ADS → 413 naming the cap, in Korean and English; nothing staged', async () => {
    const { paste } = await deskAgent({ DESK_PASTE_MAX_KB: '4', DESK_PASTE_MAX_LINES: '50', DESK_PASTE_MAX_ADS: '2' });
    const tooManyAds = await paste(AD_PAGE);
    expect(tooManyAds.status).toBe(413);
    expect(tooManyAds.text).toContain('광고는 2개까지입니다');
    expect(tooManyAds.text).toContain('60플라워'); // the form keeps what was pasted
    const tooManyLines = await paste('축하화환\n'.repeat(60));
    expect([tooManyLines.status, tooManyLines.text.includes('50줄까지')]).toEqual([413, true]);
    const tooLarge = await paste('가'.repeat(2000));
    expect([tooLarge.status, tooLarge.text.includes('4 KB까지')]).toEqual([413, true]);
    expect((await paste('축하화환\n'.repeat(60), 'en')).text).toContain('One paste takes at most 50 lines');
    expect(await t.db('desk_drafts').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
