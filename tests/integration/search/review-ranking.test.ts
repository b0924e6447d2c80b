/**
 * Reviews feed ranking lightly and only from a minimum (README "How results are ordered"): +1 quality point once
 * visible reviews come from at least 3 different accounts — held, hidden, deleted reviews and a second review by the
 * same account do not count, and more reviews add nothing. Fixed data, every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';
import { createSearchFixtures, type FixtureListing } from '../../helpers/search-fixtures.js';

// Equal in everything (2 points: a phone and an address); 다온수선 is the newest, so it wins the tie until reviews count.
const SHOPS: FixtureListing[] = [
  { name: '가람수선', category: 'moving-cleaning', road: '용봉로', phones: ['062-511-1001'], age: 40 },
  { name: '다온수선', category: 'moving-cleaning', road: '서하로', phones: ['062-511-1002'], age: 20 },
  // 4 points: reviews never lift a listing over one with more quality.
  { name: '바른수선', category: 'moving-cleaning', road: '우치로', phones: ['062-511-1003'], hours: true, offers: [['바지 단', 5000]], age: 60 },
];

describe.each(engines())('reviews in the ranking (%s)', (engine) => {
  let t: TestApp;
  let ids: Map<string, number>;
  const users: number[] = [];
  const names = async () =>
    ((await t.services.search.search({ q: '수선', sort: 'relevance', page: 1, pageSize: 50 }))?.results ?? []).map((r) => r.name);
  const review = async (shop: string, user: number, status = 'visible') => {
    const now = t.clock.now();
    await t.db('reviews').insert({ listing_id: ids.get(shop), user_id: users[user], body: null, status, created_at: now, updated_at: now });
  };

  beforeAll(async () => {
    t = await createTestApp({ engine });
    ids = await createSearchFixtures(t.db, t.services.listings.createListing, t.clock.now(), SHOPS);
    for (let i = 0; i < 5; i++) users.push((await createUser(t)).id);
  });
  afterAll(async () => t.close());

  it('without reviews the newest of two equal shops comes first', async () => {
    expect(await names()).toEqual(['바른수선', '다온수선', '가람수선']);
  });

  it('two accounts, a second review by one of them, and held, hidden or deleted reviews do not count', async () => {
    await review('가람수선', 0);
    await review('가람수선', 1);
    await review('가람수선', 1);
    await review('가람수선', 2, 'held');
    await review('가람수선', 3, 'hidden');
    await review('가람수선', 4, 'deleted');
    expect(await names()).toEqual(['바른수선', '다온수선', '가람수선']);
  });

  it('a third account\'s visible review adds one point: above its equal, still below a shop with more quality', async () => {
    await review('가람수선', 2);
    expect(await names()).toEqual(['바른수선', '가람수선', '다온수선']);
    await review('가람수선', 3);
    await review('가람수선', 4);
    expect(await names()).toEqual(['바른수선', '가람수선', '다온수선']);
  });

  it('the same rule for the other shop: equal points again, and the newest wins the tie', async () => {
    for (const u of [0, 1, 2]) await review('다온수선', u);
    expect(await names()).toEqual(['바른수선', '다온수선', '가람수선']);
  });
});
