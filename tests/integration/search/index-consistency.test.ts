import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDb, engines } from '../../helpers/test-db.js';
import { deleteListingChildren, insertListingChildren, type ListingGraphInput } from '../../../src/components/listings/index.js';
import { reindexAllListings } from '../../../src/components/search/index.js';
import { seedDemo } from '../../../src/demo/demo.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/core/logger.js';
import { fixedClock } from '../../../src/lib/clock.js';

const base = (name: string, now: Date): ListingGraphInput => ({
  kind: 'business', status: 'published', name, description: '광주 최고의 떡볶이', categoryIds: [], publishedAt: now,
  phones: [{ type: 'landline', e164: '+82629991234', display: '062-999-1234', nationalDigits: '0629991234' }],
  offers: [{ name: '즉석떡볶이', priceKrw: 12000 }], paymentAccounts: [], branches: [],
});

describe.each(engines())('the search index follows every write (%s)', (engine) => {
  let t: TestApp;
  const find = async (q: string) =>
    (await t.services.search.search({ q, sort: 'relevance', page: 1, pageSize: 50 }))?.results.map((r) => r.name) ?? [];
  // A fresh app per test: each creates the listing it changes.
  beforeEach(async () => {
    t = await createTestApp({ engine });
  });
  afterEach(async () => t.close());

  it('create → found at once by name, offer and phone', async () => {
    await t.services.listings.createListing(base('골목분식', t.clock.now()));
    expect(await find('분식')).toEqual(['골목분식']);
    expect(await find('떡볶이')).toEqual(['골목분식']);
    expect(await find('062-999-1234')).toEqual(['골목분식']);
  });

  it('edit in one transaction → the new name is found, the old one is not', async () => {
    const id = await t.services.listings.createListing(base('골목분식', t.clock.now()));
    expect(await find('골목분식')).toEqual(['골목분식']);
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ name: '양림분식' });
      await deleteListingChildren(trx, id);
      await insertListingChildren(trx, id, { ...base('양림분식', t.clock.now()), offers: [{ name: '순대', priceKrw: 5000 }] }, t.clock.now());
      await t.services.listings.listingChanged(trx, id);
    });
    expect(await find('양림')).toEqual(['양림분식']);
    expect(await find('골목분식')).toEqual([]);
    expect(await find('떡볶이 순대')).toEqual(['양림분식']);
  });

  it('back to pending, or expired, or deleted → gone from results', async () => {
    const id = await t.services.listings.createListing(base('양림분식', t.clock.now()));
    expect(await find('양림')).toEqual(['양림분식']);
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ status: 'pending' });
      await t.services.listings.listingChanged(trx, id);
    });
    expect(await find('양림')).toEqual([]);
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ status: 'published', expires_at: new Date(t.clock.now().getTime() + 3600_000) });
      await t.services.listings.listingChanged(trx, id);
    });
    expect(await find('양림')).toEqual(['양림분식']);
    t.clock.advance(2 * 3600_000);
    expect(await find('양림')).toEqual([]);
    t.clock.set('2026-11-24T02:00:00Z');
    await t.db('listings').where({ id }).del();
    expect(await find('양림')).toEqual([]);
  });

  it('suggestions (the names index) follow create, rename and delete', async () => {
    const suggest = async (q: string) => (await t.services.search.suggest(q)).listings.map((l) => l.name);
    const id = await t.services.listings.createListing(base('충장꽈배기', t.clock.now()));
    expect(await suggest('꽈배기')).toEqual(['충장꽈배기']);
    await t.db.transaction(async (trx) => {
      await trx('listings').where({ id }).update({ name: '충장도넛' });
      await t.services.listings.listingChanged(trx, id);
    });
    expect(await suggest('꽈배기')).toEqual([]);
    expect(await suggest('도넛')).toEqual(['충장도넛']);
    await t.db('listings').where({ id }).del();
    expect(await suggest('도넛')).toEqual([]);
  });

  it('a failed write leaves the index as it was (same transaction)', async () => {
    await expect(t.db.transaction(async (trx) => {
      await t.services.listings.createListing(base('롤백분식', t.clock.now()), trx);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await find('롤백')).toEqual([]);
  });
});

describe('SQLite and PostgreSQL return the same results for a fixed query set', () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('same ids for every query', async () => {
    const now = new Date('2026-11-24T02:00:00Z');
    const engineResults: Array<Map<string, number[]>> = [];
    for (const engine of ['sqlite', 'pg'] as const) {
      const d = await createTestDb(engine);
      const clock = fixedClock(now);
      const { services } = createApp({ config: d.config, db: d.db, logger: createLogger('silent'), clock });
      await seedDemo({ db: d.db, createListing: services.listings.createListing, now });
      expect(await reindexAllListings(d.db, now)).toBe(202);
      const out = new Map<string, number[]>();
      for (const q of [
        '꽃',
        '화환',
        '드론',
        '축하 화환',
        '근조화환 3단',
        '금남로 24',
        '북구',
        '서구 드론',
        'dji',
        'hdkorea',
        'wreath',
        'ㅎㅎ',
        'ㄱㄴㄹ',
        '522-2000',
        '010 9984 0151',
        '에이치디코라아',
        '카페',
        '헤어',
      ]) {
        const r = await services.search.search({ q, sort: 'relevance', page: 1, pageSize: 1000 });
        out.set(
          q,
          (r?.results.map((x) => x.id) ?? []).sort((a, b) => a - b),
        );
      }
      engineResults.push(out);
      await d.destroy();
    }
    expect(Object.fromEntries(engineResults[1])).toEqual(Object.fromEntries(engineResults[0]));
  });
});
