/**
 * How equal matches are ordered (README "How results are ordered"), on fixed data and on every engine:
 * the shop that is the thing (name, own category, brand) above shops that mention it; then quality — completeness,
 * a print-ad or verified origin, recent calls and views (damped) — and featured only as the last tie-break.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createSearchFixtures, SEARCH_FIXTURES, type FixtureListing } from '../../helpers/search-fixtures.js';
import { seoulParts } from '../../../src/lib/clock.js';

// Four laundries that all hold 세탁 in their names: only quality tells them apart.
const LAUNDRIES: FixtureListing[] = [
  { name: '한빛세탁', category: 'moving-cleaning', road: '용봉로', description: '와이셔츠 세탁.' }, // address only: 1
  { name: '맑은세탁', category: 'moving-cleaning', road: '서하로', phones: ['062-511-0001'], hours: true, offers: [['이불 세탁', 15000]] }, // 4
  { name: '푸른세탁', category: 'moving-cleaning', road: '우치로', phones: ['062-511-0002'] }, // 2, +2 print ad = 4
  { name: '새봄세탁', category: 'moving-cleaning', road: '설죽로', phones: ['062-511-0003'] }, // 2, + recent use
];

// 초성 ㄱㅂ: at the end of 고향국밥 (a trade word ends the name), inside 한국밥상 (by accident), which tells more.
const GUKBAP: FixtureListing[] = [
  { name: '고향국밥', category: 'restaurants', road: '경열로', phones: ['062-512-0001'] },
  { name: '한국밥상', category: 'restaurants', road: '남문로', phones: ['062-512-0002'], hours: true, offers: [['백반', 9000]] },
];

describe.each(engines())('ranking among equal matches (%s)', (engine) => {
  let t: TestApp;
  let ids: Map<string, number>;
  const names = async (q: string) =>
    ((await t.services.search.search({ q, sort: 'relevance', page: 1, pageSize: 50 }))?.results ?? []).map((r) => r.name);

  // The fixtures afresh for each test: several tests change a laundry's facts.
  beforeEach(async () => {
    t = await createTestApp({ engine });
    ids = await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now(), [...SEARCH_FIXTURES, ...LAUNDRIES, ...GUKBAP]);
  });
  afterEach(async () => t.close());

  const reindex = (id: number) => t.db.transaction((trx) => t.services.indexBatch(trx, [id]));
  const use = async (name: string, daysAgo: number, views: number, calls: number) => {
    const day = seoulParts(new Date(t.clock.now().getTime() - daysAgo * 86_400_000)).day;
    await t.db('listing_daily_stats').insert({ listing_id: ids.get(name), day, views, calls });
  };

  it('a trade word: the shops that are the trade (name, category) come before one whose description mentions it', async () => {
    const found = await names('드론');
    expect(found.slice(0, 2).sort()).toEqual(['스카이영상', '하늘드론']);
    expect(found[2]).toBe('무등사진관');
  });

  it('a parent category only describes: 카페 ranks the cafés above restaurants filed under 음식·카페', async () => {
    const found = await names('카페');
    expect(found.slice(0, 2).sort()).toEqual(['빵굽는집', '카페 봄']);
    expect(found).toContain('수완한정식');
  });

  it('English trade words go through category synonyms, in both directions of the category tree', async () => {
    expect(await names('pharmacy')).toEqual(['온누리약국']);
    expect(await names('florists')).toEqual(expect.arrayContaining(['봄날꽃집', '사랑화원']));
    expect(await names('barber')).toEqual(['헤어살롱 민']);
    expect((await names('Cafés')).slice(0, 2).sort()).toEqual(['빵굽는집', '카페 봄']);
  });

  it('completeness first: phone, address, hours and offers put 맑은세탁 above the bare 한빛세탁', async () => {
    const found = await names('세탁');
    expect(found.indexOf('맑은세탁')).toBeLessThan(found.indexOf('한빛세탁'));
    expect(found[0]).toBe('맑은세탁'); // 4 points
    expect(found.at(-1)).toBe('한빛세탁'); // 1 point, below the 2-point ones
  });

  it('a print-ad origin is worth two points: 푸른세탁 (2 + 2) ties 맑은세탁 (4) and beats 새봄세탁 (2)', async () => {
    await t.db('listings').where({ id: ids.get('푸른세탁') }).update({ origin: 'print_ad' });
    await reindex(ids.get('푸른세탁')!);
    const found = await names('세탁');
    expect(found.indexOf('푸른세탁')).toBeLessThan(found.indexOf('새봄세탁'));
    expect(found.indexOf('푸른세탁')).toBeLessThan(found.indexOf('한빛세탁'));
  });

  it('recent use is damped: 40 views lift 새봄세탁 by 3 points, to the top; use older than 28 days counts for nothing', async () => {
    await use('한빛세탁', 40, 500, 100);
    let found = await names('세탁');
    expect(found.indexOf('한빛세탁')).toBeGreaterThan(found.indexOf('새봄세탁'));
    await use('새봄세탁', 1, 25, 1); // 25 + 5 × 1 = 30 → 3 points: 2 + 3 = 5
    found = await names('세탁');
    expect(found[0]).toBe('새봄세탁');
  });

  it('featured is the last tie-break: it orders equals, never lifts a listing above a fuller one', async () => {
    const later = new Date(t.clock.now().getTime() + 7 * 86_400_000);
    await t.db('listings').where({ id: ids.get('한빛세탁') }).update({ featured_until: later });
    await reindex(ids.get('한빛세탁')!);
    let found = await names('세탁');
    expect(found.indexOf('한빛세탁')).toBeGreaterThan(found.indexOf('맑은세탁'));
    // With a print-ad origin, 푸른세탁 equals 맑은세탁 (4 points each): featuring one puts it first of the two.
    await t.db('listings').where({ id: ids.get('푸른세탁') }).update({ origin: 'print_ad', featured_until: later });
    await reindex(ids.get('푸른세탁')!);
    found = await names('세탁');
    expect(found.indexOf('푸른세탁')).toBeLessThan(found.indexOf('맑은세탁'));
  });

  it('a business listing unconfirmed for a year loses 3 points: 맑은세탁 (4) drops below 새봄세탁; confirmed again, it is back', async () => {
    const id = ids.get('맑은세탁')!;
    const before = await names('세탁');
    expect(before.indexOf('맑은세탁')).toBeLessThan(before.indexOf('한빛세탁'));
    const longAgo = new Date(t.clock.now().getTime() - 400 * 86_400_000);
    await t.db('listings').where({ id }).update({ last_confirmed_at: longAgo, created_at: longAgo });
    const stale = await names('세탁');
    expect(stale.indexOf('맑은세탁')).toBeGreaterThan(stale.indexOf('새봄세탁'));
    expect(stale.indexOf('맑은세탁')).toBeGreaterThan(stale.indexOf('푸른세탁'));
    await t.db('listings').where({ id }).update({ last_confirmed_at: t.clock.now() });
    expect(await names('세탁')).toEqual(before);
  });

  it('초성 ㄷㄹ: a whole word of a name or category (드론) first, then a word starting with it (동래식당), then inside a word (모두랑분식)', async () => {
    const found = await names('ㄷㄹ');
    expect(found.slice(0, 2).sort()).toEqual(['스카이영상', '하늘드론']);
    expect(found.indexOf('동래식당')).toBeLessThan(found.indexOf('모두랑분식'));
  });

  it('초성 ㄱㅂ: the end of a name\'s word (고향국밥) counts as its start does, above initials inside a word (한국밥상) that tells more', async () => {
    const found = await names('ㄱㅂ');
    expect(found.indexOf('고향국밥')).toBeGreaterThanOrEqual(0);
    expect(found.indexOf('고향국밥')).toBeLessThan(found.indexOf('한국밥상'));
  });

  it('a whole phone number ranks its listing first among those sharing its first digits', async () => {
    expect((await names('010-9984-3000'))[0]).toBe('헤어살롱 민');
    expect((await names('010-9984')).sort()).toEqual(['사랑화원', '헤어살롱 민']);
  });
});
