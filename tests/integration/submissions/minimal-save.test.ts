/**
 * A save writes only what changed: unchanged branches, hours, phones, offers, accounts, categories and photos are not
 * rewritten (their rows keep their ids and, for phones, their call counts), all in one transaction, and the listing
 * reads back exactly as a fresh listing made from the same form would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import type { ListingDraft } from '../../../src/components/submissions/index.js';
import {
  findListingGraph,
  type BranchInput,
  type HoursInput,
  type ListingGraph,
  type PhoneInput,
} from '../../../src/components/listings/index.js';
import { parsePhone } from '../../../src/components/phones/index.js';
import { smallPng } from '../../helpers/images.js';

const phone = (printed: string, label: string | null = null): PhoneInput => ({ ...parsePhone(printed)!, label });
const week = (opens: string): HoursInput[] => [0, 1, 2, 3, 4, 5, 6].map((weekday) => (weekday === 0
  ? { weekday, isClosed: true } : { weekday, isClosed: false, opensAt: opens, closesAt: '20:00', breakStart: null, breakEnd: null }));
const branch = (name: string, sigungu: string, roadName: string, buildingNo: string, opens: string, tel: string): BranchInput => ({
  name, sido: '광주광역시', sigungu, roadName, buildingNo, hours: week(opens), phones: [phone(tel)],
});
/** Built directly (not through the form, whose fields may change): what a validated form hands the service. */
const FORM: ListingDraft = {
  kind: 'business', name: '봉선꽃집', description: '꽃바구니와 화환을 만듭니다.', categoryIds: [5, 6], brands: [],
  phones: [phone('010-2345-6789'), phone('062-973-5555', '가게')],
  branches: [branch('본점', '남구', '봉선로', '12', '09:00', '062-650-2222'), branch('2호점', '서구', '상무중앙로', '8', '10:00', '062-350-1111')],
  offers: [{ name: '꽃바구니', priceKrw: 45000 }, { name: '축하 화환', priceKrw: 80000 }, { name: '동양란', priceKrw: 50000 }],
  paymentAccounts: [{ bank: '농협', holder: '김영희', number: '302-0316-649511' }],
};
const draftOf = (d: Partial<ListingDraft>): ListingDraft => structuredClone({ ...FORM, ...d });

/** The data writes a piece of work sends (insert, update, delete statements), by table. */
async function writesOf(db: Knex, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listen = (q: { sql: string }) => {
    const m = /^\s*(insert\s+into|update|delete\s+from)\s+["`]?(\w+)/i.exec(q.sql);
    if (m) seen.push(`${m[1].split(/\s+/)[0].toLowerCase()} ${m[2]}`);
  };
  db.on('query', listen);
  try {
    await work();
  } finally {
    db.off('query', listen);
  }
  return seen;
}

/** A listing graph without what a rewrite may renumber or restamp: row ids and times. */
function content(g: ListingGraph | null) {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object' && !(v instanceof Date)
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => !['id', 'branchId', 'updatedAt', 'createdAt', 'slug'].includes(k))
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return strip(g);
}

describe.each(engines())('a save writes only what changed, on %s', (engine) => {
  let t: TestApp;
  let owner: number;
  const viewer = () => ({ userId: owner, role: 'advertiser' as const });
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const now = t.clock.now();
    const [row] = await t
      .db('users')
      .insert({ email: 'save@example.kr', password_hash: 'x', role: 'advertiser', created_at: now, updated_at: now })
      .returning('id');
    owner = Number(typeof row === 'object' ? row.id : row);
  });
  afterAll(async () => t.close());

  async function listingWithPhotos() {
    const photos = [await t.services.media.storeUpload(await smallPng(), { ownerId: owner, role: 'photo', altText: '가게 앞' }),
      await t.services.media.storeUpload(await smallPng(), { ownerId: owner, role: 'photo', altText: '꽃' })];
    const choices = photos.map((p, i) => ({ id: p.id, role: 'photo' as const, altText: i ? '꽃' : '가게 앞' }));
    const id = await t.services.submissions.createListing(owner, draftOf({}), choices, false);
    return { id, choices };
  }

  it('changing the name → one listings update; no child row written, every child keeps its id', async () => {
    const { id, choices } = await listingWithPhotos();
    const before = await findListingGraph(t.db, id);
    const writes = await writesOf(t.db, () =>
      t.services.submissions.updateListing(id, viewer(), draftOf({ name: '봉선꽃방' }), choices, false),
    );
    const data = writes.filter((w) => /listings$|branches|branch_hours|phones|offers|payment_accounts|listing_categories|media/.test(w) && !/search|facet/.test(w));
    expect(data).toEqual(['update listings']);
    const after = await findListingGraph(t.db, id);
    expect(after!.name).toBe('봉선꽃방');
    expect({ ...content(after) as object, name: '봉선꽃집' }).toEqual(content(before));
    expect(after!.branches.map((b) => [b.id, b.hours.map((h) => h.branchId), b.phones.map((p) => p.id)]))
      .toEqual(before!.branches.map((b) => [b.id, b.hours.map((h) => h.branchId), b.phones.map((p) => p.id)]));
    expect([after!.phones, after!.offers, after!.paymentAccounts, after!.media].map((l) => l.map((x) => x.id)))
      .toEqual([before!.phones, before!.offers, before!.paymentAccounts, before!.media].map((l) => l.map((x) => x.id)));
  });

  it("changing one phone → that phone replaced (one delete, one insert) plus the listing's updated_at; the other phone keeps its id and its calls", async () => {
    const { id, choices } = await listingWithPhotos();
    const before = await findListingGraph(t.db, id);
    const kept = before!.phones[1];
    await t.db('phone_daily_calls').insert({ phone_id: kept.id, day: '2026-11-23', calls: 4 });
    const form = draftOf({ phones: [phone('010-8765-4321'), FORM.phones[1]] });
    const writes = await writesOf(t.db, () => t.services.submissions.updateListing(id, viewer(), structuredClone(form), choices, false));
    const data = writes.filter(
      (w) => /listings$|branches|branch_hours|phones|offers|payment_accounts|listing_categories|media/.test(w) && !/search|facet/.test(w),
    );
    expect(data.sort()).toEqual(['delete phones', 'insert phones', 'update listings']);
    const after = await findListingGraph(t.db, id);
    expect(after!.phones.map((p) => p.display)).toEqual(['010-8765-4321', '062-973-5555']);
    expect(after!.phones[1].id).toBe(kept.id);
    expect(await t.db('phone_daily_calls').where({ phone_id: kept.id }).pluck('calls')).toEqual([4]);
    // Reads back as a listing created from the same form would.
    const fresh = await t.services.submissions.createListing(owner, structuredClone(form), [], false);
    const { media: _a, ...saved } = content(after) as Record<string, unknown>;
    const { media: _b, ...made } = content(await findListingGraph(t.db, fresh)) as Record<string, unknown>;
    expect(saved).toEqual(made);
  });

  it('an unchanged save → no child writes; reordering, adding and dropping rows → each change once, the result as written', async () => {
    const { id, choices } = await listingWithPhotos();
    const same = await writesOf(t.db, () => t.services.submissions.updateListing(id, viewer(), draftOf({}), choices, false));
    expect(same.filter((w) => /branches|branch_hours|phones|offers|payment_accounts|listing_categories|media/.test(w))).toEqual([]);
    const form = draftOf({ categoryIds: [6], offers: [FORM.offers[2], FORM.offers[0]], branches: [FORM.branches[1]], paymentAccounts: [] });
    await t.services.submissions.updateListing(id, viewer(), structuredClone(form), [choices[1]], false);
    const after = await findListingGraph(t.db, id);
    const fresh = await t.services.submissions.createListing(owner, structuredClone(form), [], false);
    const { media, ...saved } = content(after) as Record<string, unknown>;
    const { media: _m, ...made } = content(await findListingGraph(t.db, fresh)) as Record<string, unknown>;
    expect(saved).toEqual(made);
    expect((media as Array<{ altText: string }>).map((m) => m.altText)).toEqual(['꽃']);
  });
});
