import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { jpegWithGpsAndRotation, smallPng } from '../../helpers/images.js';

const ads = JSON.parse(fs.readFileSync(new URL('../../../src/demo/print-ads.json', import.meta.url), 'utf8')).ads as Array<{
  printed_text: string;
}>;
const count = async (t: TestApp, table: string) => Number((await t.db(table).count({ n: '*' }).first())?.n);

describe.each(engines())('submitting and editing a listing on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let bob: TestUser;
  let flowersId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice@example.kr');
    bob = await createUserRow(t, 'bob@example.kr');
    flowersId = Number((await t.db('categories').where({ slug: 'flowers' }).first('id')).id);
  });
  afterAll(async () => t.close());

  async function formToken(user: TestUser, path = '/submissions/new') {
    return tokenFrom((await (await as(user)).get(path).expect(200)).text);
  }
  function post(agent: Awaited<ReturnType<typeof as>>, path: string, token: string) {
    return agent.post(`${path}?_csrf=${encodeURIComponent(token)}`).field('_csrf', token);
  }

  it('visitor → /submissions/new and /my/listings redirect 303 to login', async () => {
    const res = await (await as(null)).get('/submissions/new').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fsubmissions%2Fnew');
    await (await as(null)).get('/my/listings').expect(303);
  });

  it('the empty form → 200 with every section, labelled fields and the paste box, usable without JS', async () => {
    const res = await (await as(alice)).get('/submissions/new').expect(200);
    for (const name of [
      'name="name"',
      'name="nameLatin"',
      'name="legalName"',
      'name="categoryIds[0]"',
      'name="description"',
      'name="serviceArea"',
      'name="deliveryNote"',
      'name="website"',
      'name="businessRegNo"',
      'name="phones[0][number]"',
      'name="branches[0][address]"',
      'name="branches[0][hours][1][opens]"',
      'name="branches[0][phones][0][number]"',
      'name="offers[0][price]"',
      'name="accounts[0][bank]"',
      'name="photos"',
      'name="logo"',
      'name="adText"',
      'enctype="multipart/form-data"',
      'value="draft"',
      'value="submit"',
    ])
      expect(res.text).toContain(name);
    expect(res.text).toContain('<option>농협</option>');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('full submission with two branches and two photos → 303, pending, branches with their phones, photos attached without GPS', async () => {
    const token = await formToken(alice);
    const res = await post(await as(alice), '/submissions/new', token)
      .field('kind', 'business')
      .field('name', 'HDKorea')
      .field('legalName', '㈜에이치디코리아')
      .field('categoryIds', String(flowersId))
      .field('description', 'DJI 드론 전문')
      .field('website', 'https://hdkorea.example.kr')
      .field('branches[0][name]', '임동점')
      .field('branches[0][address]', '광주 북구 금남로 24')
      .field('branches[0][phones][0][number]', '062) 522-2000')
      .field('branches[0][hours][1][opens]', '10:00')
      .field('branches[0][hours][1][closes]', '20:00')
      .field('branches[0][hours][0][closed]', '1')
      .field('branches[1][name]', '금호월드점')
      .field('branches[1][address]', '광주 서구 군분2로 54')
      .field('branches[1][phones][0][number]', '062-350-8397')
      .field('offers[0][name]', '드론 체험')
      .field('offers[0][price]', '3만5천원')
      .field('accounts[0][bank]', '농협')
      .field('accounts[0][holder]', '박배성')
      .field('accounts[0][number]', '302-0316-649511')
      .field('newPhotoAlts[0]', '임동점 매장')
      .field('newPhotoAlts[1]', '드론')
      .attach('photos', await jpegWithGpsAndRotation(), 'IMG_0001.jpg')
      .attach('photos', await smallPng(), '../../golmok.sqlite')
      .field('action', 'submit')
      .expect(303);
    expect(res.headers.location).toBe('/my/listings?done=pending');
    const listing = await t.db('listings').where({ name: 'HDKorea' }).first();
    expect([listing.status, Number(listing.owner_id)]).toEqual(['pending', alice.id]);
    const branches = await t.db('branches').where({ listing_id: listing.id }).orderBy('sort_order');
    expect(branches.map((b) => [b.name, b.sido, b.sigungu, b.road_name, b.building_no])).toEqual([
      ['임동점', '광주광역시', '북구', '금남로', '24'],
      ['금호월드점', '광주광역시', '서구', '군분2로', '54'],
    ]);
    const phones = await t.db('phones').where({ listing_id: listing.id }).orderBy('id');
    expect(phones.map((p) => p.e164)).toEqual(['+82625222000', '+82623508397']);
    const media = await t.db('media').where({ listing_id: listing.id }).orderBy('sort_order');
    expect(media.map((m) => m.alt_text)).toEqual(['임동점 매장', '드론']);
    expect(media.every((m) => /^[a-f0-9]{64}$/.test(m.storage_key))).toBe(true);
    const mine = await (await as(alice)).get('/my/listings?done=pending').expect(200);
    expect(mine.text).toContain('HDKorea');
    expect(mine.text).toContain('검토 중');
    expect(mine.text).toContain('검토를 요청했습니다');
  });

  it('invalid phone, javascript: website and a bad registration number → 422, errors next to fields, everything typed and the uploaded photo kept; nothing saved', async () => {
    const before = await count(t, 'listings');
    const token = await formToken(alice);
    const res = await post(await as(alice), '/submissions/new', token)
      .field('kind', 'business')
      .field('name', '60플라워')
      .field('description', '축하화환 전문 </textarea><script>alert(1)</script>')
      .field('website', 'javascript:alert(1)')
      .field('businessRegNo', '000-00-00000')
      .field('phones[0][number]', '1234-5678')
      .field('offers[0][name]', '축하화환 3단')
      .field('offers[0][price]', '6만')
      .field('newPhotoAlts[0]', '화환 사진')
      .attach('photos', await smallPng(), 'wreath.png')
      .field('action', 'submit')
      .expect(422);
    expect(await count(t, 'listings')).toBe(before);
    expect(res.text).toContain('value="60플라워"');
    expect(res.text).toContain('value="축하화환 3단"');
    expect(res.text).toContain('value="6만"');
    expect(res.text).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('올바른 전화번호가 아닙니다.');
    expect(res.text).toContain('http:// 또는 https:// 로 시작하는 웹 주소만 쓸 수 있습니다.');
    expect(res.text).toContain('올바른 사업자등록번호가 아닙니다.');
    expect(res.text).toContain('aria-invalid="true"');
    const keptId = res.text.match(/name="media\[0\]\[id\]" value="(\d+)"/)?.[1];
    expect(keptId).toBeTruthy();
    expect(res.text).toMatch(/<img src="\/uploads\/[a-f0-9]{64}-480\.webp"[^>]*alt="화환 사진"/);
    // Fixing the fields and sending the kept photo id → saved with the photo, no second upload needed.
    const ok = await post(await as(alice), '/submissions/new', tokenFrom(res.text))
      .field('kind', 'business')
      .field('name', '60플라워')
      .field('categoryIds', String(flowersId))
      .field('phones[0][number]', '010-9984-0151')
      .field('media[0][id]', keptId!)
      .field('media[0][alt]', '화환 사진')
      .field('media[0][role]', 'photo')
      .field('action', 'submit')
      .expect(303);
    expect(ok.headers.location).toBe('/my/listings?done=pending');
    const saved = await t.db('listings').where({ name: '60플라워' }).first();
    expect((await t.db('media').where({ listing_id: saved.id })).map((m) => String(m.id))).toEqual([keptId]);
  });

  it('errors in English when the UI is English', async () => {
    const carol = await createUserRow(t, 'carol@example.kr');
    const agent = await as(carol);
    await agent.get('/?lang=en').expect(200);
    const token = tokenFrom((await agent.get('/submissions/new').expect(200)).text);
    const res = await post(agent, '/submissions/new', token).field('name', '').field('action', 'draft').expect(422);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('This is required.');
  });

  it('extra fields status, owner_id, featured_until, role, counters → ignored; the listing is a draft owned by me (C4)', async () => {
    const token = await formToken(alice);
    await post(await as(alice), '/submissions/new', token)
      .field('name', 'C4 테스트')
      .field('status', 'published')
      .field('owner_id', String(bob.id))
      .field('ownerId', String(bob.id))
      .field('featured_until', '2099-01-01')
      .field('featuredUntil', '2099-01-01')
      .field('role', 'admin')
      .field('views', '9999')
      .field('action', 'draft')
      .expect(303);
    const row = await t.db('listings').where({ name: 'C4 테스트' }).first();
    expect([row.status, Number(row.owner_id), row.featured_until]).toEqual(['draft', alice.id, null]);
  });

  it('pasting the 60플라워 ad with "fill from ad" → form filled (phone, account, offers at 60000), nothing saved', async () => {
    const before = await count(t, 'listings');
    const token = await formToken(alice);
    const res = await post(await as(alice), '/submissions/new', token)
      .field('adText', ads[0].printed_text)
      .field('action', 'parse')
      .expect(200);
    expect(await count(t, 'listings')).toBe(before);
    for (const s of [
      'value="60플라워"',
      'value="Flower"',
      'value="010-9984-0151"',
      'value="박배성"',
      'value="302-0316-649511"',
      'value="축하화환 3단"',
      'value="60000"',
      'value="전국 배송"',
    ])
      expect(res.text).toContain(s);
    expect(res.text).toContain('<option selected>농협</option>');
    const hd = await post(await as(alice), '/submissions/new', token)
      .field('adText', ads[1].printed_text)
      .field('action', 'parse')
      .expect(200);
    for (const s of [
      'value="임동점"',
      'value="광주 북구 금남로 24"',
      'value="062-522-2000"',
      'value="금호월드점"',
      'value="㈜에이치디코리아"',
    ])
      expect(hd.text).toContain(s);
  });

  it('X1 payload as a name → stored as typed, inert on my listings and on the preview', async () => {
    const token = await formToken(alice);
    const payload = '"><svg onload=alert(1)>';
    await post(await as(alice), '/submissions/new', token).field('name', payload).field('action', 'draft').expect(303);
    const mine = await (await as(alice)).get('/my/listings').expect(200);
    expect(mine.text).not.toContain('<svg onload');
    expect(mine.text).toContain('&lt;svg onload=alert(1)&gt;');
  });
});
