import { afterEach, describe, expect, it } from 'vitest';
import { parsePhone } from '../../../src/components/phones/index.js';
import { generateListings } from '../../../src/demo/generate.js';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';
import { DISTRICT_ROADS } from '../../../src/demo/synthetic-places.js';

const NOW = new Date('2026-11-24T02:00:00Z');

async function snapshot(t: TestDb) {
  return {
    listings: await t.db('listings').orderBy('id').select('id', 'name', 'kind', 'primary_category_id', 'description'),
    phones: await t.db('phones').orderBy('id').select('listing_id', 'e164', 'display', 'type'),
    branches: await t.db('branches').orderBy('id').select('listing_id', 'sigungu', 'road_name', 'building_no'),
    offers: await t.db('offers').orderBy('id').select('listing_id', 'name', 'price_krw'),
  };
}

describe.each(engines())('db:generate on %s', (engine) => {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((d) => d.destroy()));
  });

  it('500 listings with seed 42 → the same rows twice, in batches', async () => {
    const [a, b] = [await createTestDb(engine), await createTestDb(engine)];
    dbs.push(a, b);
    const progress: number[] = [];
    await generateListings(a.db, { count: 500, seed: 42, batchSize: 200, now: NOW, onProgress: (done) => progress.push(done) });
    await generateListings(b.db, { count: 500, seed: 42, batchSize: 500, now: NOW });
    expect(progress).toEqual([200, 400, 500]);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(sa.listings).toHaveLength(500);
    expect(sa).toEqual(sb);
  });

  it('every phone is a valid Korean number, every listing has a category, every branch a Gwangju district', async () => {
    const t = await createTestDb(engine);
    dbs.push(t);
    await generateListings(t.db, { count: 300, seed: 1, now: NOW });
    const s = await snapshot(t);
    for (const p of s.phones) expect(parsePhone(p.display)?.e164).toBe(p.e164);
    expect(s.listings.every((l) => l.primary_category_id !== null)).toBe(true);
    expect(new Set(s.branches.map((b) => b.sigungu))).toEqual(new Set(['동구', '서구', '남구', '북구', '광산구']));
    for (const b of s.branches) expect(DISTRICT_ROADS[b.sigungu]).toContain(b.road_name);
    // Made-up, and says so in the data; names kept apart as in the demo data.
    expect(Number((await t.db('listings').where({ is_synthetic: false }).count({ n: '*' }).first())?.n)).toBe(0);
    expect(new Set(s.listings.map((l) => l.name)).size).toBe(300);
    // A listing added after generation gets a fresh id (sequences are right on PostgreSQL).
    const [row] = await t
      .db('listings')
      .insert({
        kind: 'business',
        status: 'draft',
        slug: 'x',
        name: 'x',
        description: '',
        brands: '',
        tags: '',
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id');
    expect(Number(typeof row === 'object' ? row.id : row)).toBe(301);
  });
});
