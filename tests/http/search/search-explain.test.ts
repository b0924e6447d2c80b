/**
 * /api/search?...&explain=1: each result's ranking facts, for admins (or a development server) only, never cached;
 * on every engine the facts show why HDKorea leads 금남로 드론 over a shop filed under drones alone.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createJudgedListings } from '../../helpers/judged-search.js';
import { agentsFor, createUserRow } from '../../helpers/as-user.js';

interface Explained { name: string; ranking?: Record<string, unknown> }

describe.each(engines())('search explain (%s)', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    await createJudgedListings(t.db, t.services.listings.createListing, t.clock.now());
    as = agentsFor(t);
  });
  afterAll(async () => t.close());

  const url = `/api/search?q=${encodeURIComponent('금남로 드론')}&explain=1`;

  it('an admin gets each result\'s ranking facts: place word on its own branch, description with category vs category alone', async () => {
    const admin = await as(await createUserRow(t, 'admin@example.com', 'admin'));
    const res = await admin.get(url).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const results = res.body.results as Explained[];
    expect(results[0].name).toBe('HDKorea');
    expect(results[0].ranking).toMatchObject({
      placeWords: 1,
      wordsFound: 2,
      tier: 3,
      tierName: 'description and category',
      match: 'text',
    });
    expect(typeof results[0].ranking!.engineScore).toBe('number');
  });

  it('anyone else: no facts (sign in first, or 403), and the public answer never carries them', async () => {
    const anonymous = await request(t.app).get(url);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
    const advertiser = await as(await createUserRow(t, 'shop@example.com', 'advertiser'));
    await advertiser.get(url).expect(403);
    const plain = await request(t.app).get(`/api/search?q=${encodeURIComponent('금남로 드론')}`).expect(200);
    expect((plain.body.results as Explained[]).every((r) => r.ranking === undefined)).toBe(true);
  });
});

describe('search explain on a development server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'development' } });
    await createJudgedListings(t.db, t.services.listings.createListing, t.clock.now());
  });
  afterAll(async () => t.close());

  it('answers without signing in', async () => {
    const res = await request(t.app).get('/api/search?q=DJI&explain=1').expect(200);
    expect(res.body.results[0]).toMatchObject({ name: 'HDKorea', ranking: { tierName: 'own words', tier: 1 } });
  });
});
