/**
 * The edition's classified pages through HTTP on both engines: the PDF holds every scheduled ad's phone once, on
 * the page the layout put it, under its group's heading; the desk places a display ad, reorders, holds an ad back
 * (run moved, audited, the edition re-flows), locks a page and downloads the tagged text; an advertiser downloads
 * the tear sheet of an edition that ran, and nobody else can.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { insertPrintOrder } from '../../helpers/print-orders.js';
import { binary, pdfPageTexts as pageTexts, pdfWords } from '../../helpers/pdf-pages.js';
import { metrics } from '../../../src/components/ads/print-layout/layout.js';

type Agent = Awaited<ReturnType<typeof loginAgent>>;
const EDITION = '2026-11-26';
const GROUPS: Array<[string, string]> = [['구인', '구인'], ['부동산', '부동산 매매'], ['월세', '임대'], ['중고', '중고'], ['', '기타']];


describe.each(engines())('classified pages on %s', (engine) => {
  let t: TestApp;
  let desk: Agent;
  let alice: Agent;
  let bob: Agent;
  let aliceId: number;
  const phones = new Map<number, { phone: string; group: string }>();
  let displayId: number;

  beforeAll(async () => {
    // A small page (B5, 4 columns) so that 90 ads take several pages.
    t = await createTestApp({ engine, env: { AD_PRINT_PAGE_MM: '182x257', AD_PRINT_COLUMNS: '4' } });
    const a = await createUser(t, { email: 'alice-print@example.kr' });
    const b = await createUser(t, { email: 'bob-print@example.kr' });
    aliceId = a.id;
    alice = await loginAgent(t, a.email);
    bob = await loginAgent(t, b.email);
    desk = await staffAgent(t, await createStaff(t, 'desk'));
    for (let i = 0; i < 90; i += 1) {
      const [typed, group] = GROUPS[i % GROUPS.length];
      const phone = `010-5${String(100 + i).padStart(3, '0')}-${String(2000 + i)}`;
      const id = await insertPrintOrder(t, {
        advertiserId: i % 2 ? a.id : b.id,
        classification: typed || undefined,
        runs: [EDITION],
        box: i % 7 === 0,
        bold: i % 11 === 0,
        copy: `${group} 광고 ${i}번 양림동 깨끗한 방 보증금 500 월 35 즉시 입주 가능\n문의 ${phone}`,
        createdAt: new Date(Date.parse('2026-11-20T00:00:00Z') + i * 60_000),
      });
      phones.set(id, { phone, group });
    }
    displayId = await insertPrintOrder(t, {
      advertiserId: a.id,
      runs: [EDITION],
      display: { columns: 2, cm: 6 },
      copy: '광주 최고 치킨\n062-973-5555',
    });
    // Not confirmed yet: not on the pages.
    await insertPrintOrder(t, { advertiserId: a.id, runs: [EDITION], state: 'awaiting_payment', copy: '미입금 광고 010-9999-0000' });
  }, 60_000);
  afterAll(async () => t.close());

  const token = async (agent: Agent, page = `/desk/ads/print/${EDITION}`) => csrfFrom((await agent.get(page).expect(200)).text);
  const post = async (url: string, fields: Record<string, string>) =>
    desk
      .post(url)
      .type('form')
      .send({ _csrf: await token(desk), ...fields });
  const layout = async () => (await t.services.print.preview(EDITION)).layout;
  const idsOnPage = async (n: number) => (await layout()).pages[n - 1].boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId!);

  it("the PDF holds every scheduled ad's phone exactly once, on its page, under its group's heading; Hangul extractable, fonts embedded", async () => {
    const res = await desk.get(`/desk/ads/print/${EDITION}.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const texts = pageTexts(res.body as Buffer);
    const l = await layout();
    expect(texts.length).toBe(l.pages.length);
    expect(texts.length).toBeGreaterThan(1);
    const all = texts.join('\n');
    expect(all).not.toContain('010-9999-0000');
    // Reading order: page, then column (from the words' x), then top; a heading is set larger than the copy.
    const m = metrics(t.services.print.geometry);
    const words = pdfWords(res.body as Buffer)
      .map((w) => ({ ...w, column: Math.floor((w.x - m.margin + m.gutter / 2) / (m.colW + m.gutter)) }))
      .sort((a, b) => a.page - b.page || a.column - b.column || a.y - b.y || a.x - b.x);
    const bodyHeight = Math.min(...words.filter((w) => w.text.startsWith('010-')).map((w) => w.h));
    for (const [id, { phone, group }] of phones) {
      expect(all.split(phone).length - 1, phone).toBe(1);
      const page = l.pages.find((p) => p.boxes.some((b) => b.orderId === id))!;
      expect(texts[page.number - 1], `${phone} on page ${page.number}`).toContain(phone);
      const at = words.findIndex((w) => w.text === phone);
      expect(words[at].page).toBe(page.number);
      const heading = words
        .slice(0, at)
        .reverse()
        .find((w) => w.h > bodyHeight * 1.2 && w.y > m.margin);
      const line = words
        .filter((w) => heading && w.page === heading.page && w.column === heading.column && Math.abs(w.y - heading.y) < 0.5)
        .map((w) => w.text)
        .join(' ');
      expect(line, phone).toBe(group);
    }
    const fonts = execFileSync('pdffonts', ['-'], { input: res.body as Buffer, encoding: 'utf8' });
    expect(fonts).toMatch(/NanumGothic\s/);
    expect(
      fonts
        .split('\n')
        .filter((line) => /Nanum/.test(line))
        .every((line) => /yes\s+yes\s+yes/.test(line)),
    ).toBe(true);
  });

  it('the desk places a display ad; one over another place of the page is refused with the form refilled', async () => {
    const page = await desk.get(`/desk/ads/print/${EDITION}`).expect(200);
    expect(page.text).toContain('배치할 박스광고');
    expect(page.text).toContain(`#${displayId}`);
    const ok = await post(`/desk/ads/print/${EDITION}/place`, { order: String(displayId), page: '1', column: '1', top: '0' });
    expect(ok.status).toBe(303);
    const row = await t.db('ad_print_items').where({ order_id: displayId, edition_date: EDITION }).first();
    expect([Number(row.page), Number(row.column_no), Number(row.top_mm)]).toEqual([1, 1, 0]);
    const bad = await post(`/desk/ads/print/${EDITION}/place`, { order: String(displayId), page: '1', column: '6', top: '0' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('단이 면을 벗어납니다');
    expect(bad.text).toMatch(/name="column"[^>]*value="6"/);
    const l = await layout();
    const d = l.pages[0].boxes.find((b) => b.orderId === displayId)!;
    for (const b of l.pages[0].boxes.filter((x) => x.kind !== 'display' && x.column <= 2))
      expect(b.y + b.h <= d.y || b.y >= d.y + d.h).toBe(true);
    const pdf = await desk.get(`/desk/ads/print/${EDITION}.pdf`).buffer(true).parse(binary).expect(200);
    expect(pageTexts(pdf.body as Buffer)[0]).toContain('062-973-5555');
  });

  it('reorder moves an ad within its group; the whole group order is kept as the desk\'s', async () => {
    const first = (await layout()).pages[0].boxes
      .filter((b) => b.kind === 'ad' && b.classification === 'jobs')
      .sort((a, b) => a.column - b.column || a.y - b.y);
    const [a, b] = [first[0].orderId!, first[1].orderId!];
    expect((await post(`/desk/ads/print/${EDITION}/reorder`, { order: String(b), direction: 'up' })).status).toBe(303);
    const after = (await layout()).pages[0].boxes
      .filter((x) => x.kind === 'ad' && x.classification === 'jobs')
      .sort((x, y) => x.column - y.column || x.y - y.y);
    expect([after[0].orderId, after[1].orderId]).toEqual([b, a]);
    const jobs = [...phones.values()].filter((p) => p.group === '구인').length;
    expect(
      await t
        .db('ad_print_items')
        .where({ edition_date: EDITION })
        .whereNotNull('position')
        .count({ n: '*' })
        .first()
        .then((r) => Number(r!.n)),
    ).toBe(jobs);
  });

  it('a locked page keeps its ads when an ad is held back to the next edition (run moved, audited, re-flowed)', async () => {
    const page2 = await idsOnPage(2);
    expect((await post(`/desk/ads/print/${EDITION}/lock`, { page: '2' })).status).toBe(303);
    const held = (await idsOnPage(1))[0];
    const res = await post(`/desk/ads/print/${EDITION}/hold`, { order: String(held) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('to=2026-11-27');
    expect((await t.db('ad_order_runs').where({ order_id: held })).map((r) => r.edition_date)).toEqual(['2026-11-27']);
    const audit = await t.db('audit_log').where({ subject_type: 'ad_order', subject_id: held, action: 'ad_order.holdBack' }).first();
    expect(audit.reason).toBe(`${EDITION} → 2026-11-27`);
    expect(await idsOnPage(2)).toEqual(page2);
    expect((await layout()).pages.flatMap((p) => p.boxes).some((b) => b.orderId === held)).toBe(false);
    const view = await desk.get(`/desk/ads/print/${EDITION}?done=held&to=2026-11-27`).expect(200);
    expect(view.text).toContain('2026-11-27 호로 미뤘습니다');
    expect(view.text).toContain('2면 (고정됨)');
    expect((await post(`/desk/ads/print/${EDITION}/unlock`, { page: '2' })).status).toBe(303);
    expect(await t.db('ad_print_locks').where({ edition_date: EDITION }).count({ n: '*' }).first().then((r) => Number(r!.n))).toBe(0);
  });

  it('the tagged text lists every ad of the pages with its order, classification and copy', async () => {
    const res = await desk.get(`/desk/ads/print/${EDITION}.xml`).expect(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const l = await layout();
    for (const b of l.pages.flatMap((p) => p.boxes).filter((x) => x.orderId)) expect(res.text).toContain(`order="${b.orderId}"`);
    expect(res.text).toContain('<heading classification="property-sale">부동산 매매</heading>');
    expect(res.text).toMatch(/<display order="\d+" column="1" columns="2"/);
  });

  it('without a CSRF token, or as an advertiser, nothing changes', async () => {
    const before = await t.db('ad_print_items').count({ n: '*' }).first().then((r) => Number(r!.n));
    expect((await desk.post(`/desk/ads/print/${EDITION}/lock`).type('form').send({ page: '1' })).status).toBe(403);
    expect((await alice.get(`/desk/ads/print/${EDITION}`)).status).toBe(403);
    expect((await alice.get(`/desk/ads/print/${EDITION}.pdf`)).status).toBe(403);
    expect(
      (
        await alice
          .post(`/desk/ads/print/${EDITION}/hold`)
          .type('form')
          .send({ _csrf: await token(alice, '/ads/orders'), order: String(displayId) })
      ).status,
    ).toBe(403);
    expect(await t.db('ad_print_items').count({ n: '*' }).first().then((r) => Number(r!.n))).toBe(before);
    expect(await t.db('ad_print_locks').count({ n: '*' }).first().then((r) => Number(r!.n))).toBe(0);
  });

  it('a bad date or page is refused, never a 500', async () => {
    expect((await desk.get('/desk/ads/print/2026-13-45')).status).toBe(422);
    expect((await desk.get('/desk/ads/print/nope.pdf')).status).toBe(400);
    expect((await post(`/desk/ads/print/${EDITION}/lock`, { page: '0' })).status).toBe(400);
    expect((await post(`/desk/ads/print/${EDITION}/reorder`, { order: '1', direction: 'sideways' })).status).toBe(400);
  });

  it('tear sheets: the advertiser downloads the page their ad ran on, outlined, from 내 광고 and the order; others get 404', async () => {
    const ran = '2026-11-23';
    const mine = await insertPrintOrder(t, {
      advertiserId: aliceId,
      runs: [ran, EDITION],
      state: 'running',
      classification: '구인',
      copy: '지난 호 광고 문의 010-4321-8765',
    });
    const list = await alice.get('/ads/orders').expect(200);
    expect(list.text).toContain(`/ads/orders/${mine}/tearsheets/${ran}.pdf`);
    expect(list.text).not.toContain(`/ads/orders/${mine}/tearsheets/${EDITION}.pdf`);
    const order = await alice.get(`/ads/orders/${mine}`).expect(200);
    expect(order.text).toContain(`/ads/orders/${mine}/tearsheets/${ran}.pdf`);
    const res = await alice.get(`/ads/orders/${mine}/tearsheets/${ran}.pdf`).buffer(true).parse(binary).expect(200);
    const sheet = pageTexts(res.body as Buffer);
    expect(sheet.length).toBe(1);
    expect(sheet[0]).toContain('010-4321-8765');
    expect((await bob.get(`/ads/orders/${mine}/tearsheets/${ran}.pdf`)).status).toBe(404);
    expect((await alice.get(`/ads/orders/${mine}/tearsheets/${EDITION}.pdf`)).status).toBe(404);
    expect((await alice.get(`/ads/orders/${mine}/tearsheets/2026-11-21.pdf`)).status).toBe(404);
    const visitor = await (await import('supertest')).default(t.app).get(`/ads/orders/${mine}/tearsheets/${ran}.pdf`);
    expect([302, 303, 401]).toContain(visitor.status);
  });
});
