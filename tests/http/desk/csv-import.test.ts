/** CSV import: encodings, row/column errors, duplicates skipped or merged, one transaction, undo; export round trip; template. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

const HEADER = 'name,kind,category,phones,branches,offers,account,description,website,business_number';
const VALID_ROWS = [
  '가람 꽃집,business,flowers,010-2345-6789,본점|광주 북구 금남로 24|062-522-3000,축하화환 3단|6만원;꽃바구니|35000,농협|김가람|302-0316-649512,"축하, 근조 화환",https://garam.example.com,',
  '빛고을 이사,업체,이사·청소,062-973-5555,,포장이사|협의,,,,',
  '중고 자전거,classified,moving-cleaning,010-3456-7890,,자전거|5만원,,거의 새것,,',
];

describe.each(engines())('desk CSV import and export on %s', (engine) => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof staffAgent>>;
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  // A fresh app per test: each imports the rows it needs first (importRows).
  beforeEach(async () => {
    t = await createTestApp({ engine, env: { DESK_CSV_MAX_MB: '1' } });
    agent = await staffAgent(t, await createStaff(t, 'desk', 'desk@example.kr'));
    admin = await staffAgent(t, await createStaff(t, 'admin', 'admin@example.kr'));
  });
  afterEach(async () => t.close());

  const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);
  async function upload(bytes: Buffer, as = agent) {
    const page = await as.get('/desk').expect(200);
    return as
      .post(`/desk/csv?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', bytes, { filename: 'ads.csv', contentType: 'text/csv' });
  }
  async function importDraft(location: string, extra: Record<string, string> = {}, as = agent) {
    const url = location.split('?')[0];
    const page = await as.get(url).expect(200);
    return as
      .post(url)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), rows: page.text.match(/name="rows" value="([^"]*)"/)![1], action: 'import', ...extra });
  }

  /** Uploads a UTF-8 CSV of these rows (under the header) and imports every row of it. */
  async function importRows(lines: string[]) {
    const res = await upload(Buffer.from([HEADER, ...lines].join('\n'), 'utf8'));
    expect((await importDraft(res.headers.location)).status).toBe(303);
  }
  const NEW_SHOP = '새 가게,business,cafes,062-600-1234,,아메리카노|3000,,,,';

  it('the template downloads as CSV with the documented columns', async () => {
    const res = await agent.get('/desk/template.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
  });

  it('the example file in src/demo/ previews without an error', async () => {
    const res = await upload(fs.readFileSync(path.resolve('src/demo/desk-import-example.csv')));
    const preview = await agent.get(res.headers.location).expect(200);
    expect(preview.text).toContain('모두 3행 · 올릴 수 있음 3 · 오류 0');
    await t.db('desk_drafts').del();
  });

  it('CP949 (Korean Excel) with errors: preview lists each error with row and column; importing is refused; nothing written', async () => {
    const csv = [
      HEADER,
      ...VALID_ROWS,
      ',business,flowers,010-1111,,,,,javascript:alert(1),123-45-67890',
      '나쁜 분류,business,없는분류,062-111-2222,,,,,,',
    ].join('\r\n');
    const res = await upload(iconv.encode(csv, 'cp949'));
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('encoding=cp949');
    const preview = await agent.get(res.headers.location).expect(200);
    expect(preview.text).toContain('파일 인코딩: cp949');
    expect(preview.text).toContain('value="가람 꽃집"');
    expect(preview.text).toContain('모두 5행 · 올릴 수 있음 3 · 오류 2');
    // row 5 (line 5 of the file): name required, phone invalid, website refused, business number checksum
    const row5 = preview.text.slice(preview.text.indexOf('data-row="3"'), preview.text.indexOf('data-row="4"'));
    for (const id of ['r3-name-e', 'r3-phones-e', 'r3-website-e', 'r3-business_number-e']) expect(row5).toContain(`id="${id}"`);
    expect(preview.text).toContain('‘없는분류’에 맞는 분류가 없습니다');
    const refused = await importDraft(res.headers.location);
    expect(refused.status).toBe(422);
    expect(await count('listings')).toBe(0);
    expect(await count('import_batches')).toBe(0);
    // drop the bad rows → import
    const done = await importDraft(res.headers.location, { rows: '3,4', r3_drop: '1', r4_drop: '1' });
    expect(done.status).toBe(303);
    const rows = await t.db('listings').orderBy('id');
    expect(rows.map((r) => r.name)).toEqual(['가람 꽃집', '빛고을 이사', '중고 자전거']);
    expect(rows[2].kind).toBe('classified');
    expect(rows[2].expires_at).not.toBeNull();
    const offers = await t.db('offers').where({ listing_id: rows[0].id }).orderBy('sort_order');
    expect(offers.map((o) => [o.name, Number(o.price_krw), o.price_style])).toEqual([['축하화환 3단', 60000, 'man'], ['꽃바구니', 35000, 'full']]);
    const branch = await t.db('branches').where({ listing_id: rows[0].id }).first();
    expect([branch.sido, branch.sigungu, branch.road_name]).toEqual(['광주광역시', '북구', '금남로']);
  });

  it('UTF-8 with BOM; duplicates by phone or business number are shown with a link and skipped by default, merged by choice', async () => {
    await importRows(VALID_ROWS);
    const garam = await t.db('listings').where({ name: '가람 꽃집' }).first();
    const csv = `\uFEFF${[HEADER,
      '가람꽃집 2호,business,flowers,010-2345-6789,,리본 추가|5000,,,,',
      '빛고을 이사 본사,business,moving-cleaning,062-973-5555,,입주청소|20만원,,,https://bitgoeul.example.com,',
      NEW_SHOP,
    ].join('\n')}\n`;
    const res = await upload(Buffer.from(csv, 'utf8'));
    expect(res.headers.location).toContain('encoding=utf-8');
    const preview = await agent.get(res.headers.location).expect(200);
    expect(preview.text).toContain('이미 골목에 있음');
    expect(preview.text).toContain(`href="/listings/${garam.id}-`);
    expect(preview.text).toContain('올릴 수 있음 1 · 오류 0 · 이미 골목에 있음 2');
    const done = await importDraft(res.headers.location, { rows: '0,1,2', r1_dup: 'merge' });
    expect(done.status).toBe(303);
    expect(await t.db('listings').where({ name: '가람꽃집 2호' }).first()).toBeUndefined();
    expect(await t.db('listings').where({ name: '빛고을 이사 본사' }).first()).toBeUndefined();
    const moving = await t.db('listings').where({ name: '빛고을 이사' }).first();
    expect(moving.website).toBe('https://bitgoeul.example.com/');
    expect((await t.db('offers').where({ listing_id: moving.id })).map((o) => o.name).sort()).toEqual(['입주청소', '포장이사']);
    const batch = await t.db('import_batches').orderBy('id', 'desc').first();
    expect([batch.created_count, batch.merged_count, batch.skipped_count].map(Number)).toEqual([1, 1, 1]);
  });

  it('undo within 24 h removes the untouched listings of the batch and lists the edited ones; a second undo → 409', async () => {
    await importRows(VALID_ROWS);
    const first = await t.db('import_batches').orderBy('id').first();
    const items = await t.db('import_batch_listings').where({ batch_id: first.id }).orderBy('sort_order');
    t.clock.advance(60_000);
    await t.db('listings').where({ id: items[1].listing_id }).update({ updated_at: t.clock.now() }); // someone edited 빛고을 이사
    const page = await agent.get(`/desk/batches/${first.id}`).expect(200);
    const res = await agent.post(`/desk/batches/${first.id}/undo`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('되돌리지 않은 광고');
    expect(res.text).toContain('빛고을 이사');
    const statuses = await t.db('listings').whereIn('id', items.map((i) => i.listing_id)).orderBy('id').select('name', 'status');
    expect(statuses).toEqual([
      { name: '가람 꽃집', status: 'removed' },
      { name: '빛고을 이사', status: 'published' },
      { name: '중고 자전거', status: 'removed' },
    ]);
    expect((await request(t.app).get(`/api/search?q=${encodeURIComponent('가람')}`)).body.results).toEqual([]);
    expect(await t.db('audit_log').where({ action: 'desk_undo', subject_id: first.id }).first()).toBeTruthy();
    const again = await agent.post(`/desk/batches/${first.id}/undo`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(again.status).toBe(409);
  });

  it('undo after the window → 409, nothing changes', async () => {
    await importRows([NEW_SHOP]);
    const last = await t.db('import_batches').orderBy('id', 'desc').first();
    t.clock.advance(25 * 3_600_000);
    const page = await agent.get(`/desk/batches/${last.id}`).expect(200);
    expect(page.text).not.toContain('이 묶음 되돌리기');
    const res = await agent.post(`/desk/batches/${last.id}/undo`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(409);
    expect((await t.db('listings').where({ name: '새 가게' }).first()).status).toBe('published');
  });

  it('an upload over DESK_CSV_MAX_MB → 413; a CSV without a name column → 422; nothing staged', async () => {
    const before = await count('desk_drafts');
    expect((await upload(Buffer.alloc(1_200_000, 'a'))).status).toBe(413);
    const res = await upload(Buffer.from('foo,bar\n1,2\n'));
    expect(res.status).toBe(422);
    expect(res.text).toContain('name(상호) 열이 없습니다');
    expect(await count('desk_drafts')).toBe(before);
  });

  it('export is for admins only (desk → 403); CSV and JSON with filters', async () => {
    await importRows(VALID_ROWS);
    await importRows([NEW_SHOP]);
    await t.db('listings').whereIn('name', ['가람 꽃집', '중고 자전거']).update({ status: 'removed' });
    expect((await agent.get('/desk/export')).status).toBe(403);
    const csv = await admin.get('/desk/export?format=csv').expect(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="?golmok-listings-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBe(3); // 빛고을 이사, 새 가게 (removed ones are left out)
    const json = await admin.get(`/desk/export?format=json&status=published&district=${encodeURIComponent('북구')}`).expect(200);
    expect(JSON.parse(json.text)).toEqual([]);
    const cafes = await t.db('categories').where({ slug: 'cafes' }).first();
    const byCategory = JSON.parse((await admin.get(`/desk/export?format=json&category=${cafes.id}`).expect(200)).text);
    expect(byCategory.map((r: { name: string }) => r.name)).toEqual(['새 가게']);
    expect(byCategory[0]).toMatchObject({ category: 'cafes', phones: '062-600-1234', offers: '아메리카노|3000', origin: 'print_ad' });
  });
});
