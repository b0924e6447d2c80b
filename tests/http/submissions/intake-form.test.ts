import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type Agent, type TestUser } from '../../helpers/as-user.js';

const FLOWERS = (
  JSON.parse(fs.readFileSync(new URL('../../../src/demo/print-ads.json', import.meta.url), 'utf8')).ads as Array<{ printed_text: string }>
)[0].printed_text;
const UNSURE_NAME_AD = '카페 온도\n아메리카노 3천5백원 / 라떼 4천원\n광주 동구 동명로 20\n062-224-1234';

/** Every URL a page sends the browser to: form actions, links, and the redirect's Location. */
function urlsOf(html: string): string[] {
  return [...html.matchAll(/\s(?:action|href|formaction)="([^"]*)"/g)].map((m) => m[1]);
}
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe.each(engines())('the advertiser paste-and-form flow on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let agent: Agent;
  let token: string;
  let flowersId: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    as = agentsFor(t);
    alice = await createUserRow(t, 'intake@example.kr');
    agent = await as(alice);
    token = tokenFrom((await agent.get('/submissions/new').expect(200)).text);
    flowersId = Number((await t.db('categories').where({ slug: 'flowers' }).first('id')).id);
  });
  afterAll(async () => t.close());

  /** A POST of the form with the token as its first field, the way the page sends it. */
  const form = (fields: Record<string, string>) => {
    let req = agent.post('/submissions/new').field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  };

  it('a paste → 200 with a summary of every fact read, each with 고치기 to a field that exists', async () => {
    const res = await form({ action: 'parse', adText: FLOWERS }).expect(200);
    const summary = res.text.slice(
      res.text.indexOf('class="read-summary"'),
      res.text.indexOf('</section>', res.text.indexOf('class="read-summary"')),
    );
    for (const fact of ['60플라워', '업체', '꽃·화환 배달', '010-9984-0151', '축하화환 3단 · 60,000원', '근조화환 3단 · 60,000원', '농협 · 302-0316-649511 · 박배성',
      '전국 배송 · 기타 낙후지역은 배송비 추가요금 발생']) expect(summary).toContain(fact);
    const fixes = [...summary.matchAll(/<a href="#([^"]+)" data-fix>고치기/g)].map((m) => m[1]);
    expect(fixes).toEqual([
      'f-name',
      'f-kind-0',
      'f-categoryIds',
      'f-phones-0-number',
      'f-branches-0-address',
      'f-offers-0-name',
      'f-accounts-0-number',
      'f-serviceArea',
    ]);
    for (const id of fixes) expect(res.text).toContain(`id="${id}"`);
    expect(summary).not.toContain('unsure');
  });

  it('no token or personal data in any URL of the flow: form actions, links and redirects', async () => {
    const pages = [
      (await agent.get('/submissions/new').expect(200)).text,
      (await form({ action: 'parse', adText: FLOWERS }).expect(200)).text,
      (await form({ action: 'add-phones', name: '가게', 'phones[0][number]': '010-9984-0151' }).expect(200)).text,
      (await form({ action: 'submit', name: '' }).expect(422)).text,
    ];
    const saved = await form({
      action: 'draft',
      name: '토큰없는가게',
      'categoryIds[0]': String(flowersId),
      'phones[0][number]': '010-9984-0151',
    }).expect(303);
    pages.push((await agent.get(saved.headers.location).expect(200)).text);
    const urls = [...pages.flatMap(urlsOf), saved.headers.location];
    expect(urls.filter((u) => /_csrf|token=|010-?9984|%EB%86%8D/i.test(u))).toEqual([]);
    expect(pages[0]).toMatch(/<form method="post" action="\/submissions\/new"/);
  });

  it('no empty repeated blocks: after a paste only the rows read; "add" without JavaScript is a POST that adds one blank row', async () => {
    const res = await form({ action: 'parse', adText: FLOWERS }).expect(200);
    expect(count(res.text, /name="phones\[\d+\]\[number\]"/g)).toBe(1);
    expect(count(res.text, /name="offers\[\d+\]\[name\]"/g)).toBe(2);
    expect(count(res.text, /name="accounts\[\d+\]\[number\]"/g)).toBe(1);
    for (const list of ['phones', 'branches', 'offers', 'accounts']) expect(res.text).toContain(`name="action" value="add-${list}"`);
    const added = await form({ action: 'add-offers', 'offers[0][name]': '축하화환 3단', 'offers[0][price]': '60000' }).expect(200);
    expect(count(added.text, /name="offers\[\d+\]\[name\]"/g)).toBe(2);
    expect(added.text).toMatch(/id="part-offers" open/);
    expect(added.text).toContain('value="축하화환 3단"');
  });

  it('categories are one picker with the suggestion chosen, not a checkbox each', async () => {
    const res = await form({ action: 'parse', adText: FLOWERS }).expect(200);
    expect(count(res.text, /type="checkbox" name="categoryIds"/g)).toBe(0);
    expect(res.text).toMatch(
      new RegExp(
        `<select id="f-categoryIds" name="categoryIds\\[0\\]"[^>]*>[\\s\\S]*?<option value="${flowersId}" selected>꽃·화환 배달</option>`,
      ),
    );
  });

  it('coordinates are an advanced option, folded; the map position comes from a tap (no geocoder key)', async () => {
    const res = await agent.get('/submissions/new').expect(200);
    expect(res.text).toMatch(/<details class="advanced"><summary>좌표 직접 입력 \(고급\)<\/summary>[\s\S]*?name="branches\[0\]\[lat\]"/);
    expect(res.text).toContain('지도를 열어 가게 위치를 눌러 주세요.');
  });

  it('an unsure name is highlighted and must be confirmed: saving without it → 422 and nothing stored', async () => {
    const read = await form({ action: 'parse', adText: UNSURE_NAME_AD }).expect(200);
    expect(read.text).toMatch(/class="read-fact unsure" data-fact="name"/);
    expect(read.text).toContain('id="f-nameConfirmed"');
    const carried = {
      readFrom: 'ad',
      readName: '카페 온도',
      readNameUnsure: '1',
      name: '카페 온도',
      'phones[0][number]': '062-224-1234',
      'categoryIds[0]': String(flowersId),
    };
    const refused = await form({ ...carried, action: 'draft' }).expect(422);
    expect(refused.text).toContain('상호가 맞는지 확인하거나 고쳐 주세요.');
    expect(refused.text).toMatch(/id="part-basics" open/);
    expect(await t.db('listings').where({ name: '카페 온도' }).first()).toBeUndefined();
    await form({ ...carried, action: 'draft', nameConfirmed: '1' }).expect(303);
    expect(await t.db('listings').where({ name: '카페 온도' }).first()).toBeDefined();
    // A name the advertiser changed is theirs: no confirmation needed.
    await form({ ...carried, name: '카페 온도 동명점', action: 'draft' }).expect(303);
  });

  it('a sure name needs no confirmation and shows no check box', async () => {
    const read = await form({ action: 'parse', adText: FLOWERS }).expect(200);
    expect(read.text).not.toContain('id="f-nameConfirmed"');
  });

  it('English: the paste example and placeholders are English on ?lang=en', async () => {
    const res = await agent.get('/submissions/new?lang=en').expect(200);
    const placeholders = [...res.text.matchAll(/placeholder="([^"]*)"/g)].map((m) => m[1]);
    expect(placeholders.length).toBeGreaterThan(1);
    for (const p of placeholders) expect(p).toMatch(/^e\.g\./);
    expect(placeholders.find((p) => p.includes('Haneul Flowers'))).toBeDefined();
    await agent.get('/submissions/new?lang=ko').expect(200);
  });
});
