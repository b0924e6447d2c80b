/**
 * A listing save, the old way (every child row deleted and written again) against today's (only what changed), on one
 * SQLite database with the demo data and N generated listings, interleaved: `npx tsx scripts/bench/save.ts [N] [saves]`.
 * Each save changes the name of a draft with two branches (a week of hours and a phone each), two phones, four offers
 * and an account. Sequential saves, no other load: it shows the writes a save queues, not the write mix under load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { createServices } from '../../src/services.js';
import { generateListings } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/demo.js';
import { deleteListingChildren, insertListingChildren } from '../../src/components/listings/index.js';
import { parsePhone } from '../../src/components/phones/index.js';
import type { ListingDraft } from '../../src/components/submissions/index.js';
import { slugify } from '../../src/lib/slug.js';

const [listings, saves] = [Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 200)];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-save-bench-'));
const config = loadConfig({
  NODE_ENV: 'production',
  SESSION_SECRET: 'bench-only-secret-value',
  TOTP_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  SQLITE_FILE: path.join(dir, 'save.sqlite'),
  LOG_LEVEL: 'silent',
  PORT: '0',
  RATE_LIMIT_ENABLED: 'false',
});
const db = createKnex(config.db);
await migrateLatest(db);
const services = createServices(config, db);
const { close } = services;
await seedDemo({ db, createListing: services.listings.createListing });
await generateListings(db, { count: listings, seed: 7, afterBatch: services.indexBatch });

const now = new Date();
const [user] = await db('users')
  .insert({ email: 'bench@example.kr', password_hash: 'x', role: 'advertiser', created_at: now, updated_at: now })
  .returning('id');
const owner = Number(typeof user === 'object' ? user.id : user);
const phone = (s: string) => ({ ...parsePhone(s)!, label: null });
const week = (opens: string) =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    weekday,
    isClosed: weekday === 0,
    opensAt: opens,
    closesAt: '20:00',
    breakStart: null,
    breakEnd: null,
  }));
const draft = (name: string): ListingDraft => ({
  kind: 'business',
  name,
  description: '꽃바구니와 화환을 만듭니다.',
  categoryIds: [],
  brands: [],
  phones: [phone('010-2345-6789'), phone('062-973-5555')],
  branches: [
    {
      name: '본점',
      sido: '광주광역시',
      sigungu: '남구',
      roadName: '봉선로',
      buildingNo: '12',
      hours: week('09:00'),
      phones: [phone('062-650-2222')],
    },
    {
      name: '2호점',
      sido: '광주광역시',
      sigungu: '서구',
      roadName: '상무중앙로',
      buildingNo: '8',
      hours: week('10:00'),
      phones: [phone('062-350-1111')],
    },
  ],
  offers: [
    { name: '꽃바구니', priceKrw: 45000 },
    { name: '축하 화환', priceKrw: 80000 },
    { name: '동양란', priceKrw: 50000 },
    { name: '화분', priceKrw: 30000 },
  ],
  paymentAccounts: [{ bank: '농협', holder: '김영희', number: '302-0316-649511' }],
});
const id = await services.submissions.createListing(owner, draft('봉선꽃집'), [], false);
const viewer = { userId: owner, role: 'advertiser' as const };

/** What the save path did before: the row's columns, every child deleted and inserted again, the state, the hooks. */
async function rewriteAll(name: string): Promise<void> {
  const d = draft(name);
  await db.transaction(async (trx) => {
    await trx('listings')
      .where({ id })
      .update({ kind: d.kind, name: d.name, slug: slugify(d.name), description: d.description, brands: '', updated_at: new Date() });
    await deleteListingChildren(trx, id);
    await insertListingChildren(trx, id, { ...d, status: 'draft' }, new Date());
    await trx('media').where('listing_id', id).whereNotIn('id', []).update({ listing_id: null });
    await trx('listings').where({ id }).update({ status: 'draft' });
    await services.listings.listingChanged(trx, id);
  });
}
const diffSave = (name: string) => services.submissions.updateListing(id, viewer, draft(name), [], false);

let writes = 0;
(db as Knex).on('query', (q: { sql: string }) => { if (/^\s*(insert|update|delete)\b/i.test(q.sql)) writes++; });
const runs: Record<string, { ms: number[]; writes: number[] }> = {
  'rewrite all': { ms: [], writes: [] },
  'only what changed': { ms: [], writes: [] },
};
for (let i = 0; i < saves; i++) {
  for (const [label, save] of [['rewrite all', rewriteAll], ['only what changed', diffSave]] as const) {
    const before = writes;
    const t0 = performance.now();
    await save(`봉선꽃집 ${i % 2 ? '본점' : '꽃방'}`);
    runs[label].ms.push(performance.now() - t0);
    runs[label].writes.push(writes - before);
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
for (const [label, r] of Object.entries(runs)) {
  console.log(
    `${label}: ${r.writes[0]} write statements per save; p50 ${pct(r.ms, 0.5).toFixed(2)} ms, p95 ${pct(r.ms, 0.95).toFixed(2)} ms (${saves} saves, ${listings} generated listings, SQLite)`,
  );
}
await close();
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
