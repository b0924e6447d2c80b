/** SQL of moderation: the queue, flags, the append-only audit log, trust, reports and banned terms. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import { contentOnly } from '../listings/index.js';

type Row = Record<string, unknown>;

export interface QueueFilters { kind?: 'business' | 'classified'; categoryId?: number; sigungu?: string; flaggedOnly?: boolean }
export interface QueueItem {
  type: 'listing' | 'revision' | 'post_review';
  listingId: number;
  revisionId: number | null;
  name: string;
  kind: string;
  ownerEmail: string | null;
  waitingSince: Date;
  flags: Array<{ check: string; detail: string }>;
}

function applyFilters(q: Knex.QueryBuilder, f: QueueFilters): Knex.QueryBuilder {
  if (f.kind) q.where('l.kind', f.kind);
  if (f.categoryId)
    q.whereExists((s) => s.from('listing_categories as lc').whereRaw('lc.listing_id = l.id').where('lc.category_id', f.categoryId!));
  if (f.sigungu) q.whereExists((s) => s.from('branches as b').whereRaw('b.listing_id = l.id').where('b.sigungu', f.sigungu!));
  if (f.flaggedOnly)
    q.whereExists((s) =>
      s.from('listing_flags as fl').whereRaw('fl.listing_id = l.id').whereNull('fl.cleared_at').whereNot('fl.check', 'post_review'),
    );
  return q;
}

/** Pending listings, pending edits and trusted advertisers' live edits awaiting a look, oldest first. */
export async function listQueue(db: Knex, f: QueueFilters, limit = 100): Promise<QueueItem[]> {
  const base = () => db('listings as l').leftJoin('users as u', 'u.id', 'l.owner_id').whereNull('l.deleted_at');
  const [listings, revisions, postReview] = await Promise.all([
    applyFilters(base().where('l.status', 'pending'), f)
      .select('l.id', 'l.name', 'l.kind', 'u.email', 'l.updated_at as since')
      .orderBy('l.updated_at')
      .limit(limit),
    applyFilters(base().join('listing_revisions as r', 'r.listing_id', 'l.id').where('r.status', 'pending'), f)
      .select('l.id', 'l.name', 'l.kind', 'u.email', 'r.id as revision_id', 'r.created_at as since')
      .orderBy('r.created_at')
      .limit(limit),
    applyFilters(base().join('listing_flags as pf', 'pf.listing_id', 'l.id').where('pf.check', 'post_review').whereNull('pf.cleared_at'), f)
      .select('l.id', 'l.name', 'l.kind', 'u.email', 'pf.created_at as since')
      .orderBy('pf.created_at')
      .limit(limit),
  ]);
  const items: QueueItem[] = [
    ...(listings as Row[]).map((r) => item('listing', r)),
    ...(revisions as Row[]).map((r) => item('revision', r)),
    ...(postReview as Row[]).map((r) => item('post_review', r)),
  ];
  const flags = await openFlags(db, [...new Set(items.map((i) => i.listingId))]);
  for (const i of items) i.flags = flags.get(i.listingId) ?? [];
  return items.sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime()).slice(0, limit);
}

function item(type: QueueItem['type'], r: Row): QueueItem {
  return {
    type,
    listingId: toNumber(r.id),
    revisionId: (r.revision_id ?? null) === null ? null : toNumber(r.revision_id),
    name: String(r.name),
    kind: String(r.kind),
    ownerEmail: (r.email ?? null) === null ? null : String(r.email),
    waitingSince: toDate(r.since)!,
    flags: [],
  };
}

export async function openFlags(db: Knex, listingIds: number[]): Promise<Map<number, Array<{ check: string; detail: string }>>> {
  const map = new Map<number, Array<{ check: string; detail: string }>>();
  if (!listingIds.length) return map;
  const rows = (await db('listing_flags')
    .whereIn('listing_id', listingIds)
    .whereNull('cleared_at')
    .orderBy('id')
    .select('listing_id', 'check', 'detail')) as Row[];
  for (const r of rows) {
    const id = toNumber(r.listing_id);
    map.set(id, [...(map.get(id) ?? []), { check: String(r.check), detail: String(r.detail) }]);
  }
  return map;
}

export async function clearFlags(trx: Knex.Transaction, listingId: number, now: Date, check?: string): Promise<void> {
  const q = trx('listing_flags').where({ listing_id: listingId }).whereNull('cleared_at');
  if (check) q.where('check', check);
  await q.update({ cleared_at: now });
}

export async function addFlag(trx: Knex.Transaction, listingId: number, check: string, detail: string, now: Date): Promise<void> {
  await trx('listing_flags').insert({ listing_id: listingId, check, detail, created_at: now });
}

export { appendAudit, type AuditEntry } from '../listings/index.js';

export interface AuditRow {
  id: number;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: number;
  reason: string | null;
  before: string | null;
  after: string | null;
  createdAt: Date;
}

export async function listAudit(db: Knex, f: { subjectType?: string; subjectId?: number; limit?: number }): Promise<AuditRow[]> {
  const q = db('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select('a.*', 'u.email as actor_email')
    .orderBy('a.id', 'desc')
    .limit(f.limit ?? 100);
  if (f.subjectType) q.where('a.subject_type', f.subjectType);
  if (f.subjectId) q.where('a.subject_id', f.subjectId);
  return ((await q) as Row[]).map((r) => ({
    id: toNumber(r.id),
    actorEmail: (r.actor_email ?? null) === null ? null : String(r.actor_email),
    action: String(r.action),
    subjectType: String(r.subject_type),
    subjectId: toNumber(r.subject_id),
    reason: (r.reason ?? null) === null ? null : String(r.reason),
    before: (r.before_json ?? null) === null ? null : String(r.before_json),
    after: (r.after_json ?? null) === null ? null : String(r.after_json),
    createdAt: toDate(r.created_at)!,
  }));
}

/** Approvals and rejections of an owner's listings (new listings and edits), from the audit log. */
export async function decisionCounts(db: Knex, ownerId: number): Promise<{ approved: number; rejected: number }> {
  const rows = (await db('audit_log as a')
    .join('listings as l', 'l.id', 'a.subject_id')
    .where('a.subject_type', 'listing')
    .where('l.owner_id', ownerId)
    .whereIn('a.action', ['approve', 'reject', 'reject_edit'])
    .groupBy('a.action')
    .select('a.action')
    .count({ n: '*' })) as Row[];
  const n = (action: string) => toNumber(rows.find((r) => r.action === action)?.n ?? 0);
  return { approved: n('approve'), rejected: n('reject') + n('reject_edit') };
}

export async function ownerContact(db: Knex, listingId: number): Promise<{ email: string; name: string } | null> {
  const row = (await db('listings as l').join('users as u', 'u.id', 'l.owner_id').where('l.id', listingId).first('u.email', 'l.name')) as
    Row | undefined;
  return row ? { email: String(row.email), name: String(row.name) } : null;
}

export async function pendingRevisionDraft(db: Knex, listingId: number): Promise<{ revisionId: number; graph: unknown } | null> {
  const row = (await db('listing_revisions')
    .where({ listing_id: listingId, status: 'pending' })
    .orderBy('id', 'desc')
    .first('id', 'graph')) as Row | undefined;
  return row ? { revisionId: toNumber(row.id), graph: JSON.parse(String(row.graph)) } : null;
}

export async function pendingRevisionIds(db: Knex, listingId: number): Promise<number[]> {
  return ((await db('listing_revisions').where({ listing_id: listingId, status: 'pending' }).orderBy('id').pluck('id')) as unknown[]).map(
    toNumber,
  );
}

export async function rejectRevision(trx: Knex.Transaction, id: number, note: string, decidedBy: number, now: Date): Promise<number> {
  return trx('listing_revisions')
    .where({ id, status: 'pending' })
    .update({ status: 'rejected', decided_at: now, decided_by: decidedBy, decision_note: note.slice(0, 500) });
}

export async function revisionListingId(db: Knex, revisionId: number): Promise<number | null> {
  const row = (await db('listing_revisions').where({ id: revisionId }).first('listing_id')) as Row | undefined;
  return row ? toNumber(row.listing_id) : null;
}

/** Columns a moderator's decision writes besides the lifecycle's (its status, dates and owner go through the lifecycle). */
export type ModerationColumns = Partial<{
  featured_until: Date | null; moderation_note: string | null; reviewed_at: Date | null;
  name: string; tagline: string | null; description: string; updated_at: Date;
}>;

export async function updateListing(trx: Knex.Transaction, id: number, fields: ModerationColumns): Promise<void> {
  await trx('listings').where({ id }).update(contentOnly(fields));
}

export interface ListingState {
  id: number;
  status: string;
  name: string;
  tagline: string | null;
  description: string;
  kind: string;
  ownerId: number | null;
  featuredUntil: Date | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  deletedAt: Date | null;
  moderationNote: string | null;
}

export async function findListingState(db: Knex, id: number): Promise<ListingState | null> {
  const r = (await db('listings').where({ id }).first()) as Row | undefined;
  if (!r) return null;
  return {
    id: toNumber(r.id),
    status: String(r.status),
    name: String(r.name),
    tagline: (r.tagline ?? null) === null ? null : String(r.tagline),
    description: String(r.description),
    kind: String(r.kind),
    ownerId: (r.owner_id ?? null) === null ? null : toNumber(r.owner_id),
    featuredUntil: toDate(r.featured_until),
    publishedAt: toDate(r.published_at),
    expiresAt: toDate(r.expires_at),
    deletedAt: toDate(r.deleted_at),
    moderationNote: (r.moderation_note ?? null) === null ? null : String(r.moderation_note),
  };
}

/** How much waits in each part of the queue (new listings, edits, live edits to look at, open reports). */
export async function queueCounts(db: Knex): Promise<{ listings: number; revisions: number; postReview: number; reports: number }> {
  const n = async (q: Knex.QueryBuilder) => toNumber(((await q.count({ n: '*' }).first()) as Row | undefined)?.n ?? 0);
  const live = () => db('listings as l').whereNull('l.deleted_at');
  const [listings, revisions, postReview, reports] = await Promise.all([
    n(live().where('l.status', 'pending')),
    n(live().join('listing_revisions as r', 'r.listing_id', 'l.id').where('r.status', 'pending')),
    n(live().join('listing_flags as pf', 'pf.listing_id', 'l.id').where('pf.check', 'post_review').whereNull('pf.cleared_at')),
    n(db('reports').where('status', 'open')),
  ]);
  return { listings, revisions, postReview, reports };
}

export interface OwnerFacts { id: number; email: string; displayName: string | null; createdAt: Date; listings: number }

export async function ownerFacts(db: Knex, ownerId: number): Promise<OwnerFacts | null> {
  const u = (await db('users').where({ id: ownerId }).first('id', 'email', 'display_name', 'created_at')) as Row | undefined;
  if (!u) return null;
  const count = (await db('listings').where({ owner_id: ownerId }).whereNull('deleted_at').count({ n: '*' }).first()) as Row | undefined;
  return {
    id: toNumber(u.id), email: String(u.email), displayName: (u.display_name ?? null) === null ? null : String(u.display_name),
    createdAt: toDate(u.created_at)!, listings: toNumber(count?.n ?? 0),
  };
}

export interface SharedPhoneRow { display: string; listingId: number; name: string; status: string; sameOwner: boolean }

/** Other listings (any owner, not deleted) that carry one of these phone numbers, at most 20. */
export async function listingsSharingPhones(
  db: Knex,
  listingId: number,
  ownerId: number | null,
  e164s: string[],
): Promise<SharedPhoneRow[]> {
  if (!e164s.length) return [];
  const rows = (await db('phones as p')
    .join('listings as l', 'l.id', 'p.listing_id')
    .whereIn('p.e164', e164s)
    .whereNot('l.id', listingId)
    .whereNull('l.deleted_at')
    .distinct('p.display', 'l.id', 'l.name', 'l.status', 'l.owner_id')
    .orderBy('l.id')
    .limit(20)) as Row[];
  return rows.map((r) => ({
    display: String(r.display),
    listingId: toNumber(r.id),
    name: String(r.name),
    status: String(r.status),
    sameOwner: ownerId !== null && (r.owner_id ?? null) !== null && toNumber(r.owner_id) === ownerId,
  }));
}
