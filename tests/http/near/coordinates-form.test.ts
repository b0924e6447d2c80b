/**
 * A branch's coordinates on the listing form: two plain fields (the map only fills them), both or neither, inside
 * Korea — else 422 with the form refilled and the message in the user's language. The optional geocoder fills a
 * branch that has an address and no pin (a fake here: tests never call Kakao), and its failure never blocks saving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { createKakaoGeocoder } from '../../../src/components/submissions/index.js';

describe.each(engines())('branch coordinates on the listing form on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  const asked: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      engine,
      geocode: async (address) => {
        asked.push(address);
        if (address.includes('실패로')) throw new Error('geocoder down');
        return { lat: 35.174, lng: 126.912 };
      },
    });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice@example.kr');
  });
  afterAll(async () => t.close());

  async function saveDraft(fields: Record<string, string>, status: number, lang?: 'en') {
    const agent = await as(alice);
    if (lang) await agent.get('/?lang=en');
    const token = tokenFrom((await agent.get('/submissions/new').expect(200)).text);
    let req = agent
      .post(`/submissions/new?_csrf=${encodeURIComponent(token)}`)
      .field('_csrf', token)
      .field('kind', 'business')
      .field('action', 'draft');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.expect(status);
  }
  const branchOf = async (name: string) =>
    t.db('branches as b').join('listings as l', 'l.id', 'b.listing_id').where('l.name', name).first('b.lat', 'b.lng');

  it('the form has two labelled number fields per branch and the map button (hidden without JS)', async () => {
    const res = await (await as(alice)).get('/submissions/new').expect(200);
    expect(res.text).toContain('name="branches[0][lat]"');
    expect(res.text).toContain('name="branches[0][lng]"');
    expect(res.text).toMatch(/<label for="f-branches-0-lat">위도<\/label>/);
    expect(res.text).toMatch(/data-map-open hidden/);
    expect(res.text).toMatch(/data-leaflet-js="\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.js"/);
  });

  it('typed coordinates inside Korea are stored with the branch', async () => {
    await saveDraft(
      {
        name: '핀꽃집',
        'branches[0][address]': '광주 서구 상무대로 1',
        'branches[0][lat]': '35.1521234',
        'branches[0][lng]': '126.8523456',
      },
      303,
    );
    const b = await branchOf('핀꽃집');
    expect([Number(b.lat), Number(b.lng)]).toEqual([35.152123, 126.852346]);
  });

  it.each([
    ['one of the two', '35.15', ''],
    ['outside Korea', '48.85', '2.35'],
    ['not a number', '35.1abc', '126.85'],
    ['swapped', '126.85', '35.15'],
  ])('%s → 422, the typed values back in the form, a Korean message, nothing stored', async (_label, lat, lng) => {
    const before = Number((await t.db('listings').count({ n: '*' }).first())?.n);
    const res = await saveDraft(
      { name: '잘못된핀', 'branches[0][address]': '광주 서구 상무대로 1', 'branches[0][lat]': lat, 'branches[0][lng]': lng },
      422,
    );
    expect(res.text).toContain('국내 위치의 위도');
    expect(res.text).toContain(`value="${lat}"`);
    expect(res.text).toMatch(/id="f-branches-0-lat"[^>]*aria-invalid="true"/);
    expect(Number((await t.db('listings').count({ n: '*' }).first())?.n)).toBe(before);
  });

  it('in English the message is English', async () => {
    const res = await saveDraft(
      { name: 'Bad pin', 'branches[0][address]': '광주 서구 상무대로 1', 'branches[0][lat]': '99', 'branches[0][lng]': '126.8' },
      422,
      'en',
    );
    expect(res.text).toContain('Enter both a latitude');
  });

  it('no pin and an address: the geocoder fills the branch; a failing geocoder leaves it empty and the save goes through', async () => {
    await saveDraft({ name: '주소만꽃집', 'branches[0][address]': '광주 북구 금남로 24' }, 303);
    expect(asked).toContain('광주광역시 북구 금남로 24');
    const b = await branchOf('주소만꽃집');
    expect([Number(b.lat), Number(b.lng)]).toEqual([35.174, 126.912]);
    await saveDraft({ name: '실패꽃집', 'branches[0][address]': '광주 북구 실패로 1' }, 303);
    expect(await branchOf('실패꽃집')).toMatchObject({ lat: null, lng: null });
  });

  it('editing keeps the stored coordinates in the form', async () => {
    const id = Number((await t.db('listings').where({ name: '핀꽃집' }).first('id')).id);
    const res = await (await as(alice)).get(`/submissions/${id}/edit`).expect(200);
    expect(res.text).toContain('value="35.152123"');
    expect(res.text).toContain('value="126.852346"');
  });
});

describe('the Kakao geocoder (fetch injected: no network)', () => {
  it('asks with the KakaoAK header and the address; reads y/x; refuses an answer outside Korea or an error', async () => {
    const calls: Array<{ url: string; auth: string }> = [];
    const answers = [
      { ok: true, body: { documents: [{ x: '126.9115', y: '35.1741' }] } },
      { ok: true, body: { documents: [{ x: '2.35', y: '48.85' }] } },
      { ok: true, body: { documents: [] } },
      { ok: false, body: {} },
    ];
    const geocode = createKakaoGeocoder({
      apiKey: 'abcdef0123456789abcdef0123456789',
      fetch: async (url, init) => {
        calls.push({ url, auth: init.headers.Authorization });
        const a = answers.shift()!;
        return { ok: a.ok, json: async () => a.body };
      },
    });
    expect(await geocode('광주광역시 북구 금남로 24')).toEqual({ lat: 35.1741, lng: 126.9115 });
    expect(calls[0].url).toBe(
      `https://dapi.kakao.com/v2/local/search/address.json?query=${encodeURIComponent('광주광역시 북구 금남로 24').replace(/%20/g, '+')}&size=1`,
    );
    expect(calls[0].auth).toBe('KakaoAK abcdef0123456789abcdef0123456789');
    expect(await geocode('somewhere')).toBeNull();
    expect(await geocode('nowhere')).toBeNull();
    expect(await geocode('error')).toBeNull();
  });
});
