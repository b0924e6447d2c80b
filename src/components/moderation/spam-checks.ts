/**
 * Automatic checks run when a listing (or an edit of one) waits for moderation. They flag, never drop:
 * the moderator sees each flag with its reason in the queue. Runs inside the writing transaction
 * as a listing change hook, so the flags always describe what was submitted.
 */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { findListingGraph, type ListingGraph, type ListingGraphInput, type PhoneInput } from '../listings/index.js';
import { pendingRevisionDraft } from './moderation.repository.js';

export type SpamCheck = 'banned_word' | 'banned_phone' | 'shared_phone' | 'duplicate_text' | 'many_links' | 'new_account_burst';
export interface SpamFlag { check: SpamCheck; detail: string }

export const MAX_LINKS = 3;
const NEW_ACCOUNT_DAYS = 7;
const DUPLICATE_MIN_CHARS = 20;
const DAY = 86_400_000;

/** What the checks read: the listing as submitted (a pending edit's proposal when there is one). */
export interface CheckedContent {
  listingId: number;
  ownerId: number | null;
  name: string;
  description: string;
  otherText: string[];
  phones: Array<Pick<PhoneInput, 'e164' | 'display'>>;
}

const squash = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, '');

type Checked = Pick<
  ListingGraphInput,
  'name' | 'description' | 'tagline' | 'serviceArea' | 'deliveryNote' | 'website' | 'phones' | 'branches' | 'offers'
>;

export function contentOf(listingId: number, ownerId: number | null, g: Checked): CheckedContent {
  return {
    listingId,
    ownerId,
    name: g.name,
    description: g.description,
    otherText: [g.tagline, g.serviceArea, g.deliveryNote, g.website, ...g.offers.flatMap((o) => [o.name, o.priceNote])].filter(
      (v): v is string => Boolean(v),
    ),
    phones: [...g.phones, ...g.branches.flatMap((b) => b.phones)],
  };
}

/** Links typed into the text (a website field counts as one). */
export function countLinks(texts: string[]): number {
  // One alternation, so http://a.com counts once (not as a scheme and again as a domain).
  return texts.reduce(
    (n, s) => n + (s.match(/(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|kr|org|io|me|xyz|top|site|link|ly)\b/gi)?.length ?? 0),
    0,
  );
}

/** Pure: banned words found in the text (spaces ignored, so 대 출 matches 대출). */
export function findBannedWords(texts: string[], words: string[]): string[] {
  const hay = squash(texts.join(' '));
  return words.filter((w) => w.trim() && hay.includes(squash(w)));
}

export async function runSpamChecks(db: Knex, c: CheckedContent, opts: { now: Date; newAccountBurst: number }): Promise<SpamFlag[]> {
  const flags: SpamFlag[] = [];
  const texts = [c.name, c.description, ...c.otherText];
  const terms = (await db('banned_terms').select('kind', 'value')) as Array<{ kind: string; value: string }>;
  const words = findBannedWords(texts, terms.filter((t) => t.kind === 'word').map((t) => t.value));
  if (words.length) flags.push({ check: 'banned_word', detail: words.join(', ') });

  const e164s = [...new Set(c.phones.map((p) => p.e164))];
  const bannedPhones = new Set(terms.filter((t) => t.kind === 'phone').map((t) => t.value));
  const banned = c.phones.filter((p) => bannedPhones.has(p.e164));
  if (banned.length) flags.push({ check: 'banned_phone', detail: [...new Set(banned.map((p) => p.display))].join(', ') });

  if (e164s.length) {
    const shared = (await db('phones as p').join('listings as l', 'l.id', 'p.listing_id')
      .whereIn('p.e164', e164s).whereNot('l.id', c.listingId).whereNull('l.deleted_at')
      .where((w) => (c.ownerId === null ? w.whereNotNull('l.owner_id') : w.whereNot('l.owner_id', c.ownerId).orWhereNull('l.owner_id')))
      .distinct('p.display', 'l.id')) as Array<{ display: string; id: unknown }>;
    if (shared.length) {
      const ids = [...new Set(shared.map((s) => toNumber(s.id)))];
      flags.push({
        check: 'shared_phone',
        detail: `${[...new Set(shared.map((s) => s.display))].join(', ')} → #${ids.slice(0, 10).join(', #')}`,
      });
    }
  }

  const description = c.description.trim();
  if (description.length >= DUPLICATE_MIN_CHARS) {
    const same = (await db('listings')
      .where('description', description)
      .whereNot('id', c.listingId)
      .whereNull('deleted_at')
      .limit(10)
      .pluck('id')) as unknown[];
    if (same.length) flags.push({ check: 'duplicate_text', detail: `#${same.map(toNumber).join(', #')}` });
  }

  const links = countLinks(texts);
  if (links > MAX_LINKS) flags.push({ check: 'many_links', detail: String(links) });

  if (c.ownerId !== null) {
    const owner = (await db('users').where({ id: c.ownerId }).first('created_at')) as { created_at: unknown } | undefined;
    const createdAt = owner ? toDate(owner.created_at) : null;
    if (createdAt && opts.now.getTime() - createdAt.getTime() < NEW_ACCOUNT_DAYS * DAY) {
      const row = await db('listings')
        .where({ owner_id: c.ownerId })
        .where('created_at', '>', new Date(opts.now.getTime() - DAY))
        .count({ n: '*' })
        .first();
      const recent = toNumber(row?.n ?? 0);
      if (recent > opts.newAccountBurst) flags.push({ check: 'new_account_burst', detail: String(recent) });
    }
  }
  return flags;
}

/** The change hook: recomputes the open automatic flags of a listing waiting for review. */
export function createSpamCheckHook(deps: { clock: Clock; newAccountBurst: number }) {
  return async (trx: Knex.Transaction, listingId: number): Promise<void> => {
    const row = (await trx('listings').where({ id: listingId }).first('status', 'owner_id')) as
      { status: string; owner_id: unknown } | undefined;
    if (!row) return;
    const ownerId = (row.owner_id ?? null) === null ? null : toNumber(row.owner_id);
    const proposal = await pendingRevisionDraft(trx, listingId);
    let content: CheckedContent | null = proposal ? contentOf(listingId, ownerId, (proposal.graph as { draft: Checked }).draft) : null;
    if (!content && row.status === 'pending') {
      const graph: ListingGraph | null = await findListingGraph(trx, listingId);
      content = graph ? contentOf(listingId, ownerId, graph) : null;
    }
    if (!content) return;
    const now = deps.clock.now();
    const flags = await runSpamChecks(trx, content, { now, newAccountBurst: deps.newAccountBurst });
    await trx('listing_flags').where({ listing_id: listingId }).whereNull('cleared_at').whereNot('check', 'post_review').del();
    if (flags.length)
      await trx('listing_flags').insert(
        flags.map((f) => ({ listing_id: listingId, check: f.check, detail: f.detail.slice(0, 500), created_at: now })),
      );
  };
}
