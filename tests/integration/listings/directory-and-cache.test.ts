/**
 * The browse shelves and counts are kept on write, and cached listing pages are never stale: after an edit
 * (even one that skips every hook), a removal, a moderation decision, a category rename or an ad's expiry, on one
 * instance and on a second one with its own cache and connections. Both engines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Knex } from 'knex';
import { createApp } from '../../../src/app.js';
import { createKnex, drainPool } from '../../../src/db/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';

const GWANGJU = '광주광역시';

/** The shelves every public listing should stand on, computed from the base tables alone. */
async function expectedShelves(db: Knex, now: Date): Promise<Map<string, number>> {
  const listings = (await db('listings').select('id', 'status', 'expires_at')) as Array<{
    id: number;
    status: string;
    expires_at: unknown;
  }>;
  const cats = (await db('listing_categories as lc')
    .join('categories as c', 'c.id', 'lc.category_id')
    .select('lc.listing_id', 'lc.category_id', 'c.parent_id')) as Array<Record<string, unknown>>;
  const dists = (await db('branches').where('sido', GWANGJU).select('listing_id', 'sigungu')) as Array<Record<string, unknown>>;
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const l of listings) {
    const expires =
      l.expires_at === null
        ? null
        : new Date(typeof l.expires_at === 'string' && /^\d+$/.test(l.expires_at) ? Number(l.expires_at) : (l.expires_at as string));
    if (l.status !== 'published' || (expires && expires <= now)) continue;
    const c = new Set<number>();
    for (const r of cats.filter((r) => Number(r.listing_id) === Number(l.id))) {
      c.add(Number(r.category_id));
      if (r.parent_id !== null) c.add(Number(r.parent_id));
    }
    const d = new Set(dists.filter((r) => Number(r.listing_id) === Number(l.id) && r.sigungu).map((r) => String(r.sigungu)));
    add('all');
    for (const x of c) add(`c${x}`);
    for (const y of d) add(`d${y}`);
    for (const x of c) for (const y of d) add(`c${x}d${y}`);
  }
  return counts;
}

async function storedShelves(db: Knex): Promise<{ counts: Map<string, number>; rows: Map<string, number> }> {
  const counts = new Map(
    ((await db('directory_counts').where('n', '>', 0)) as Array<{ facet: string; n: unknown }>).map((r) => [r.facet, Number(r.n)]),
  );
  const rows = new Map(
    ((await db('listing_facets').groupBy('facet').select('facet').count({ n: '*' })) as Array<{ facet: string; n: unknown }>).map((r) => [
      r.facet,
      Number(r.n),
    ]),
  );
  return { counts, rows };
}

async function expectConsistent(t: TestApp, now = t.clock.now()): Promise<void> {
  const expected = await expectedShelves(t.db, now);
  const { counts, rows } = await storedShelves(t.db);
  expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(expected));
  expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
}

describe.each(engines())('shelves, counts and cached pages (%s)', (engine) => {
  let t: TestApp;
  let second: { app: ReturnType<typeof createApp>; db: Knex };
  let flowers: number;
  let hd: number;
  let seoGuDrones: string;

  // A fresh demo database and two fresh instances per test: the tests edit, remove and rename what the others read.
  beforeEach(async () => {
    t = await createTestApp({ engine, seed: true });
    // A second instance: its own connections, its own in-memory caches, the same database.
    const db2 = createKnex(t.config.db);
    second = { app: createApp({ config: t.config, db: db2, logger: createLogger('silent'), clock: t.clock }), db: db2 };
    flowers = await listingIdByName(t, '60플라워');
    hd = Number((await t.db('listings').where('name', 'like', '%HDKorea%').orWhere('name', 'like', '%에이치디코리아%').first('id')).id);
    const drones = await t.db('categories').where({ slug: 'drones-cameras' }).first('id');
    seoGuDrones = `c${drones.id}d서구`;
  });
  afterEach(async () => {
    await second.app.close();
    // Work the second instance started for a test (a stamp read, a counter flush) may still wait for a connection.
    await drainPool(second.db, 10_000);
    await second.db.destroy();
    await t.close();
  });

  /**
   * A listing page as a visitor gets it, through both caches (the page data and the rendered page): the canonical URL
   * with one fixed Host (a followed redirect would drop it, and the rendered page is kept per host).
   */
  const page = (app: ReturnType<typeof createApp>['app'], id: number) => ({
    async expect(status: number) {
      const first = await request(app).get(`/listings/${id}`).set('Host', 'golmok.test');
      const res = first.status === 301 ? await request(app).get(String(first.headers.location)).set('Host', 'golmok.test') : first;
      expect(res.status).toBe(status);
      return res;
    },
  });

  it('after the demo seed, every shelf and count matches the base tables', async () => {
    await expectConsistent(t);
    expect(Number((await t.db('directory_counts').where({ facet: seoGuDrones }).first('n'))?.n)).toBeGreaterThanOrEqual(1);
  });

  it('the home page total and the district page total come from the kept counts', async () => {
    const all = Number((await t.db('directory_counts').where({ facet: 'all' }).first('n')).n);
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).toContain(all.toLocaleString('ko-KR'));
    const bukgu = Number((await t.db('directory_counts').where({ facet: 'd북구' }).first('n')).n);
    const district = await request(t.app).get(`/districts/${encodeURIComponent('북구')}`).expect(200);
    expect(district.text).toContain(`${bukgu}`);
  });

  it('a category page lists newest first, page 2 continues it, and name order is by name', async () => {
    const flowersCat = await t.db('categories').where({ slug: 'flowers' }).first('id');
    const shelf = (
      (await t
        .db('listing_facets')
        .where({ facet: `c${flowersCat.id}` })
        .orderBy([
          { column: 'published_at', order: 'desc' },
          { column: 'listing_id', order: 'desc' },
        ])
        .pluck('listing_id')) as unknown[]
    ).map(Number);
    const names = new Map(
      ((await t.db('listings').whereIn('id', shelf).select('id', 'name')) as Array<{ id: number; name: string }>).map((r) => [
        Number(r.id),
        r.name,
      ]),
    );
    const cardNames = (html: string) =>
      [...html.matchAll(/<a[^>]+href="\/listings\/(\d+)[^"]*"/g)].map((m) => Number(m[1])).filter((id, i, a) => a.indexOf(id) === i);
    const first = cardNames((await request(t.app).get('/categories/flowers').expect(200)).text);
    expect(first).toEqual(shelf.slice(0, first.length));
    if (shelf.length > first.length) {
      const second = cardNames((await request(t.app).get('/categories/flowers?page=2').expect(200)).text);
      expect(second[0]).toBe(shelf[first.length]);
    }
    const byName = cardNames((await request(t.app).get('/categories/flowers?sort=name').expect(200)).text);
    const sorted = [...byName].map((id) => names.get(id)!);
    expect(sorted).toEqual([...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('an edit that skips every hook (raw child-row update) still reaches both instances\' cached pages', async () => {
    await page(t.app, flowers).expect(200);
    await page(second.app.app, flowers).expect(200); // both caches now hold the page
    expect((await page(t.app, flowers).expect(200)).headers['x-page-cache']).toBe('hit');
    expect((await page(second.app.app, flowers).expect(200)).headers['x-page-cache']).toBe('hit');
    await t.db('offers').where({ listing_id: flowers }).orderBy('id').limit(1).update({ name: '근조 오브제 3단 (수정됨)' });
    expect((await page(t.app, flowers).expect(200)).text).toContain('근조 오브제 3단 (수정됨)');
    expect((await page(second.app.app, flowers).expect(200)).text).toContain('근조 오브제 3단 (수정됨)');
  });

  it('a kept page stays kept through changes no visitor sees (a listing under review edited), and goes at the first public change', async () => {
    const get = (app: ReturnType<typeof createApp>['app']) =>
      request(app).get('/categories/flowers').set('Host', 'golmok.test').expect(200);
    const stamp = () => t.services.listings.pageStamp();
    const other = Number(
      (await t.db('listings').where({ status: 'published' }).whereNotIn('id', [flowers, hd]).orderBy('id', 'desc').first('id')).id,
    );
    const s0 = await stamp();
    await t.db('listings').where({ id: other }).update({ status: 'pending' }); // leaves the public site: moves the stamp
    const s1 = await stamp();
    expect(s1).not.toBe(s0);
    await get(t.app);
    await get(second.app.app);
    expect((await get(t.app)).headers['x-page-cache']).toBe('hit');
    await t.db('listings').where({ id: other }).update({ name: '심사 중에 바뀐 이름' });
    await t.db('phones').where({ listing_id: other }).update({ label: '심사 중' });
    expect(await stamp()).toBe(s1);
    expect((await get(t.app)).headers['x-page-cache']).toBe('hit');
    expect((await get(second.app.app)).headers['x-page-cache']).toBe('hit');
    await t.db('listings').where({ id: other }).update({ status: 'published' }); // back on the public site
    expect(await stamp()).not.toBe(s1);
    expect((await get(t.app)).headers['x-page-cache']).toBeUndefined();
    expect((await get(second.app.app)).headers['x-page-cache']).toBeUndefined();
  });

  it('a category rename reaches cached pages on both instances', async () => {
    await page(t.app, hd).expect(200);
    await page(second.app.app, hd).expect(200);
    await t.db('categories').where({ slug: 'drones-cameras' }).update({ name_ko: '드론과 카메라' });
    expect((await page(second.app.app, hd).expect(200)).text).toContain('드론과 카메라');
    expect((await page(t.app, hd).expect(200)).text).toContain('드론과 카메라');
  });

  it('a moderation decision (remove) takes the listing off both instances, off its shelves and out of the counts', async () => {
    const admin = await createUser(t, { role: 'admin' });
    await page(t.app, hd).expect(200);
    await page(second.app.app, hd).expect(200);
    const before = Number((await t.db('directory_counts').where({ facet: seoGuDrones }).first('n')).n);
    await t.services.moderation.decideListing(admin.id, hd, { action: 'remove', note: '허위 광고 신고 확인' });
    await page(t.app, hd).expect(410);
    await page(second.app.app, hd).expect(410);
    expect(Number((await t.db('directory_counts').where({ facet: seoGuDrones }).first('n')).n)).toBe(before - 1);
    expect(
      (
        await request(second.app.app)
          .get(`/districts/${encodeURIComponent('서구')}`)
          .expect(200)
      ).text,
    ).not.toMatch(new RegExp(`href="/listings/${hd}[-"]`));
    await expectConsistent(t);
    await t.services.moderation.decideListing(admin.id, hd, { action: 'restore' });
    expect((await page(second.app.app, hd).expect(200)).text).toContain('HDKorea');
    await expectConsistent(t);
  });

  it('an ad whose time runs out leaves the shelves at the next sweep; a deleted row leaves them at its hook', async () => {
    const cat = await t.db('categories').where({ slug: 'flowers' }).first('id');
    const id = await t.services.listings.createListing({
      kind: 'classified', status: 'published', name: '중고 꽃 냉장고 팝니다', description: '꽃집 하던 냉장고입니다.', categoryIds: [Number(cat.id)],
      publishedAt: t.clock.now(), expiresAt: new Date(t.clock.now().getTime() + 3600_000), phones: [], branches: [
        { sido: GWANGJU, sigungu: '남구', roadName: '봉선로', buildingNo: '1', hours: [], phones: [] },
      ], offers: [], paymentAccounts: [],
    });
    await expectConsistent(t);
    const later = new Date(t.clock.now().getTime() + 2 * 3600_000);
    const app2 = createApp({ config: t.config, db: t.db, logger: createLogger('silent'), clock: fixedClock(later.toISOString()) });
    expect(await app2.services.listings.sweepExpired()).toBeGreaterThanOrEqual(1);
    await expectConsistent(t, later);
    expect(await app2.services.listings.sweepExpired()).toBe(0);
    await app2.close();
    // A row removed outright: the change hook takes it off its shelves.
    const other = await t.services.listings.createListing({
      kind: 'business', status: 'published', name: '남구 꽃방', description: '꽃다발', categoryIds: [Number(cat.id)], publishedAt: t.clock.now(),
      phones: [], branches: [], offers: [], paymentAccounts: [],
    });
    await t.db.transaction(async (trx) => {
      await trx('search_documents').where({ listing_id: other }).del();
      await trx('listing_categories').where({ listing_id: other }).del();
      await trx('listings').where({ id: other }).del();
      await t.services.listings.listingChanged(trx, other);
    });
    await expectConsistent(t, later);
    expect(id).toBeGreaterThan(0);
  });
});
