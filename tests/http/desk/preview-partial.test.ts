/** The import preview: structured sub-rows, the category choice and its reading, the parser's kind, and importing only the ready rows. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

const HEADER = 'name,kind,category,phones,branches,offers,account,description,website,business_number';
const GOOD = [
  '가람 꽃집,business,꽃집,010-2345-6789,본점|광주 북구 금남로 24|062-522-3000,축하화환 3단|6만원;꽃바구니|35000,농협|김가람|302-0316-649512,,,',
  '무등 약국,business,병원약국,062-224-7000,,,,,,',
];
const BAD = '별빛 세탁,business,세탁,062-111-2222,,,,,,';

describe.each(engines())('desk import preview on %s', (engine) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  beforeEach(async () => {
    t = await createTestApp({ engine });
    agent = await staffAgent(t, await createStaff(t, 'desk', 'desk@example.kr'));
  });
  afterEach(async () => t.close());

  const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);
  async function stage(lines: string[]): Promise<string> {
    const page = await agent.get('/desk').expect(200);
    const res = await agent
      .post(`/desk/csv?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from([HEADER, ...lines].join('\n')), { filename: 'ads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(303);
    return String(res.headers.location).split('?')[0];
  }
  async function send(url: string, body: Record<string, string>) {
    const page = await agent.get(url).expect(200);
    return agent
      .post(url)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), rows: page.text.match(/name="rows" value="([^"]*)"/)![1], ...body });
  }

  it('branches, offers and accounts are sub-rows (no import syntax on screen); the category is a select with the match chosen', async () => {
    const url = await stage(GOOD);
    const html = (await agent.get(url).expect(200)).text;
    expect(html).toContain('모두 2행 · 올릴 수 있음 2 · 오류 0');
    for (const [name, value] of [
      ['r0_b0_name', '본점'],
      ['r0_b0_address', '광주 북구 금남로 24'],
      ['r0_b0_phones', '062-522-3000'],
      ['r0_o0_name', '축하화환 3단'],
      ['r0_o0_price', '6만원'],
      ['r0_o1_price', '35000'],
      ['r0_a0_holder', '김가람'],
    ]) {
      expect(html, name).toContain(`name="${name}" value="${value}"`);
    }
    // every input value is free of the import separators
    for (const m of html.matchAll(/<input[^>]*type="text"[^>]*value="([^"]*)"/g)) expect(m[1]).not.toMatch(/[|;]/);
    expect(html).toMatch(/<select id="r0-category" name="r0_category">[\s\S]*?<option value="flowers" selected>꽃·화환 배달<\/option>/);
    expect(html).toMatch(/<option value="clinics-pharmacies" selected>병원·약국<\/option>/);
  });

  it('editing sub-rows and adding one in the blank row is stored as cells and imported as such', async () => {
    const url = await stage([GOOD[0]]);
    const res = await send(url, {
      action: 'save',
      r0_category: 'flowers',
      r0_branches_n: '2',
      r0_b0_name: '본점',
      r0_b0_address: '광주 북구 금남로 30',
      r0_b0_phones: '062-522-3000, 062-522-3001',
      r0_b1_name: '',
      r0_b1_address: '',
      r0_b1_phones: '',
      r0_offers_n: '3',
      r0_o0_name: '축하화환 3단',
      r0_o0_price: '6만원',
      r0_o1_name: '꽃바구니',
      r0_o1_price: '35000',
      r0_o2_name: '근조화환 | 3단',
      r0_o2_price: '7만원',
    });
    expect(res.status).toBe(303);
    const draft = await t.db('desk_drafts').first();
    const cells = JSON.parse(String(draft.rows_json))[0].cells;
    expect(cells.branches).toBe('본점|광주 북구 금남로 30|062-522-3000,062-522-3001');
    expect(cells.offers).toBe('축하화환 3단|6만원;꽃바구니|35000;근조화환 \\\\| 3단|7만원');
    expect((await send(url, { action: 'import' })).status).toBe(303);
    const listing = await t.db('listings').first();
    expect((await t.db('offers').where({ listing_id: listing.id }).orderBy('sort_order')).map((o) => o.name)).toEqual([
      '축하화환 3단',
      '꽃바구니',
      '근조화환 | 3단',
    ]);
    expect((await t.db('branches').where({ listing_id: listing.id }).first()).building_no).toBe('30');
  });

  it('CSV categories: spacing, punctuation and synonyms match outright; a near miss is matched and shown to confirm; only no match is an error with suggestions', async () => {
    const url = await stage([GOOD[1], '미용 하우스,business,미용식,062-333-4444,,,,,,', BAD]);
    const html = (await agent.get(url).expect(200)).text;
    expect(html).toContain('모두 3행 · 올릴 수 있음 2 · 오류 1');
    expect(html).toContain('‘미용식’을(를) ‘미용실’(으)로 맞췄습니다. 맞는지 확인해 주세요.');
    expect(html).toMatch(/<option value="hair" selected>미용실<\/option>/);
    expect(html).toMatch(/‘세탁’에 맞는 분류가 없습니다\. 비슷한 분류: [^<]*정비·세차[^<]*\. 목록에서 골라 주세요\./);
    expect(html).toContain('<option value="세탁" selected>‘세탁’ (맞는 분류 없음)</option>');
    const en = (await agent.get(`${url}?lang=en`)).text;
    expect(en).toMatch(/No category matches “세탁”\. Close ones: [^<]*Repair &amp; car wash/);
  });

  it('a bad row never blocks the good ones: 준비된 행만 가져오기 imports them and keeps the bad row in the batch to fix, then import it', async () => {
    const url = await stage([...GOOD, BAD]);
    const html = (await agent.get(url)).text;
    expect(html).toContain(
      '<button type="submit" name="action" value="import_ready" aria-describedby="import-help">준비된 행만 가져오기</button>',
    );
    expect(html).toContain('올릴 수 있는 2행을 가져오고, 오류가 있는 1행은 이 묶음에 남겨 두어');
    const res = await send(url, { action: 'import_ready' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/desk\/batches\/\d+\?done=imported&draft=\d+&kept=1$/);
    expect((await t.db('listings').orderBy('id')).map((l) => l.name)).toEqual(['가람 꽃집', '무등 약국']);
    const batch = (await agent.get(res.headers.location).expect(200)).text;
    expect(batch).toContain('오류가 있는 1행은 가져오지 않고 남겨 두었습니다.');
    expect(batch).toContain(`href="${url}?show=problems"`);
    // the kept row, fixed in place, imports on its own
    const kept = (await agent.get(url).expect(200)).text;
    expect(kept).toContain('모두 1행 · 올릴 수 있음 0 · 오류 1');
    expect(kept).toContain('value="별빛 세탁"');
    expect((await send(url, { action: 'save', r0_category: 'moving-cleaning' })).status).toBe(303);
    const last = await send(url, { action: 'import' });
    expect(last.status).toBe(303);
    expect(last.headers.location).toMatch(/^\/desk\/batches\/\d+\?done=imported$/);
    expect(await count('listings')).toBe(3);
    expect(await count('desk_drafts')).toBe(0);
    expect(await count('import_batches')).toBe(2);
  });

  it('one import action is one transaction: a failure part-way writes nothing and keeps the batch as it was', async () => {
    const url = await stage([...GOOD, BAD]);
    const before = (await t.db('desk_drafts').first()).rows_json;
    const real = t.services.listings.createListing;
    let calls = 0;
    const spy = vi.spyOn(t.services.listings, 'createListing').mockImplementation(async (...args: Parameters<typeof real>) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return real(...args);
    });
    try {
      expect((await send(url, { action: 'import_ready' })).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2);
    expect(await count('listings')).toBe(0);
    expect(await count('import_batches')).toBe(0);
    expect((await t.db('desk_drafts').first()).rows_json).toBe(before);
  });

  it('the parser\'s kind is carried through: a classified ad it recognises arrives as 생활광고 and is imported as a classified', async () => {
    const page = await agent.get('/desk').expect(200);
    const res = await agent
      .post(`/desk/paste?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .field(
        'text',
        '중고 세탁기 팝니다 30만원 010-4567-8901\n\n-----\n\n무등 세탁소\n운동화 세탁 5천원\n광주 동구 충장로 45\nTel. 062-224-1234',
      );
    const url = String(res.headers.location);
    const html = (await agent.get(url).expect(200)).text;
    expect(html).toMatch(/<select id="r0-kind" name="r0_kind">[\s\S]*?<option value="classified" selected>생활광고<\/option>/);
    expect(html).toMatch(/<select id="r1-kind" name="r1_kind">[\s\S]*?<option value="business" selected>업체<\/option>/);
    expect(JSON.parse(String((await t.db('desk_drafts').first()).rows_json))[0].cells.kind).toBe('classified');
  });
});
