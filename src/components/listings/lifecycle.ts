/**
 * A listing's lifecycle: its statuses, the moves allowed between them, a classified ad's lifetime and renewal, who
 * may manage a listing, and the only code that writes the status, owner and expiry columns of `listings` (a test
 * fails when any other file does). Every change runs inside the caller's transaction and ends the same way: the
 * change hooks (shelves and counts, search index, spam checks) and, when a person made it, one audit entry.
 * See docs/architecture.md, "A listing's lifecycle".
 */
import type { Knex } from 'knex';
import { insertedId, toNumber } from '../../db/index.js';
import { slugify } from '../../lib/slug.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { appendAudit } from './audit.repository.js';
import * as directory from './directory.repository.js';
import type { ListingGraphInput, ListingKind, ListingRow, ListingStatus } from './listing-graph.js';
import { insertListingChildren, mapListingRow } from './listings.repository.js';
import {
  canMove, contentOnly, DAY, defaultSnapshot, lifetimeEnd, renewableNow, SUSPENDABLE, VERBS,
  type LifecycleDeps, type ListingChangeHook, type Move, type Renewable,
} from './lifecycle-rules.js';

export type { LifecycleDeps, ListingChangeHook, Move } from './lifecycle-rules.js';

type Row = Record<string, unknown>;

async function findRow(db: Knex, id: number): Promise<(ListingRow & { before: Row }) | null> {
  const row = (await db('listings').where({ id }).first()) as Row | undefined;
  if (!row) return null;
  const remembered = { removal: row.status_before_removal ?? null, suspension: row.status_before_suspension ?? null };
  return { ...mapListingRow(row), before: remembered };
}

export function createListingLifecycle(deps: LifecycleDeps) {
  const { clock, hooks } = deps;

  /** The end of a classified ad's life when it starts now; business listings do not expire. */
  const expiryFor = (kind: ListingKind, now = clock.now()) => lifetimeEnd(kind, deps.classifiedLifetimeDays, now);
  /** Whether an ad can still be renewed: published, or expired less than the renewable period ago. */
  const isRenewable = (row: Renewable, now = clock.now()) => renewableNow(row, deps.classifiedRenewableDays, now);

  async function changed(trx: Knex.Transaction, id: number): Promise<void> {
    // The browse shelves and counts first, in the same transaction as the change.
    await directory.refreshFacets(trx, [id], clock.now());
    for (const hook of hooks) await hook(trx, id);
  }

  /** The one UPDATE of a listing's lifecycle columns; it only lands while the status is still `from`. */
  async function write(trx: Knex.Transaction, id: number, from: ListingStatus, set: Row): Promise<boolean> {
    return Number(await trx('listings').where({ id, status: from }).update(set)) === 1;
  }

  /** Audits a person's change (`always`: the system's too, e.g. a paid period applied by the bank statement), then runs the hooks. */
  async function finish(trx: Knex.Transaction, before: ListingRow, m: Omit<Move, 'also'> & { always?: boolean }): Promise<void> {
    if ((m.by !== null || m.always) && (before.status !== m.to || m.action)) {
      const after = (await findRow(trx, before.id))!;
      const snap = m.snapshot ?? defaultSnapshot;
      await appendAudit(trx, {
        actorId: m.by, action: m.action ?? VERBS[m.to], subjectType: 'listing', subjectId: before.id, reason: m.reason ?? null,
        before: snap(before), after: snap(after),
      }, clock.now());
    }
    await changed(trx, before.id);
  }

  async function load(trx: Knex.Transaction, id: number) {
    const row = await findRow(trx, id);
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    expiryFor,
    isRenewable,
    canMove,
    /** Runs the change hooks after a change of the listing's content or children (no status change). */
    changed,

    addHook(hook: ListingChangeHook): void {
      hooks.push(hook);
    },

    /**
     * Inserts a listing with all its children; a classified ad gets its lifetime unless `input.expiresAt` is given
     * (demo data sets its own). The hooks run once, after the children and anything `then` adds (its photos).
     */
    async create(trx: Knex.Transaction, input: ListingGraphInput, then?: (id: number) => Promise<void>): Promise<number> {
      const now = clock.now();
      const [row] = await trx('listings')
        .insert({
          kind: input.kind,
          status: input.status,
          slug: input.slug ?? slugify(input.name),
          name: input.name,
          name_latin: input.nameLatin ?? null,
          legal_name: input.legalName ?? null,
          tagline: input.tagline ?? null,
          description: input.description,
          service_area: input.serviceArea ?? null,
          delivery_note: input.deliveryNote ?? null,
          website: input.website ?? null,
          email: input.email ?? null,
          business_reg_no: input.businessRegNo ?? null,
          brands: (input.brands ?? []).join(' '),
          tags: (input.tags ?? []).join(' '),
          owner_id: input.ownerId ?? null,
          primary_category_id: input.categoryIds[0] ?? null,
          created_at: now,
          updated_at: now,
          published_at: input.publishedAt ?? null,
          expires_at: input.expiresAt !== undefined ? input.expiresAt : expiryFor(input.kind, now),
          featured_until: input.featuredUntil ?? null,
          last_confirmed_at: input.lastConfirmedAt ?? null,
          origin: input.origin ?? null,
          is_synthetic: input.isSynthetic ?? false,
        })
        .returning('id');
      const id = insertedId(row);
      await insertListingChildren(trx, id, input, now);
      if (then) await then(id);
      await changed(trx, id);
      return id;
    },

    /**
     * Moves a listing to `m.to` (or keeps its status and writes `m.also`), setting what the move implies: a publication
     * date and a classified ad's lifetime, the closing date, what a removal or suspension goes back to. Throws 404 for
     * no such listing and 409 when the move is not allowed or the listing moved meanwhile. Returns the row before.
     */
    async transition(trx: Knex.Transaction, id: number, m: Move): Promise<ListingRow> {
      const before = await load(trx, id);
      const from = before.status;
      // Suspension, resumption and restoring a removal go back to a remembered status: they have their own calls.
      const special = m.to === 'suspended' || from === 'suspended' || from === 'removed';
      if (from !== m.to && (special || !canMove(from, m.to))) throw new ConflictError('listing.error.move');
      const now = clock.now();
      const set: Row = { ...contentOnly(m.also ?? {}), status: m.to, updated_at: now };
      if (m.to !== from) {
        const kind = (set.kind as ListingKind | undefined) ?? before.kind;
        if (m.to === 'published') set.published_at = before.publishedAt ?? now;
        if (m.to === 'published' || m.to === 'pending') set.expires_at = kind === 'classified' ? expiryFor(kind, now) : before.expiresAt;
        if (m.to === 'closed') set.closed_at = now;
        if (m.to === 'removed') Object.assign(set, { status_before_removal: from, deleted_at: now });
      }
      if (!(await write(trx, id, from, set))) throw new ConflictError('listing.error.move');
      await finish(trx, before, m);
      return before;
    },

    /** Renews a classified ad for another lifetime (an expired one back to published). False when it cannot be renewed. */
    async renew(trx: Knex.Transaction, id: number, by: number | null): Promise<boolean> {
      const before = await findRow(trx, id);
      if (!before || !isRenewable(before)) return false;
      const now = clock.now();
      const set = { status: 'published', expires_at: expiryFor('classified', now), updated_at: now };
      if (!(await write(trx, id, before.status, set))) return false;
      await finish(trx, before, { to: 'published', by, action: 'renew' });
      return true;
    },

    /**
     * A paid listing period (the ad business): the expiry moves `days` further, from the current one while it is still
     * ahead, else from now, and an expired listing is published again. A removed, closed, rejected or suspended listing is
     * left alone (null). Returns the new expiry.
     */
    async extendPaidPeriod(
      trx: Knex.Transaction,
      id: number,
      m: { days: number; by: number | null; reason?: string | null },
    ): Promise<Date | null> {
      const before = await findRow(trx, id);
      if (!before || !['published', 'expired', 'pending', 'draft'].includes(before.status)) return null;
      const now = clock.now();
      const from = before.expiresAt && before.expiresAt.getTime() > now.getTime() ? before.expiresAt : now;
      const until = new Date(from.getTime() + m.days * DAY);
      const to: ListingStatus = before.status === 'expired' ? 'published' : before.status;
      const set: Row = {
        status: to,
        expires_at: until,
        updated_at: now,
        ...(to !== before.status ? { published_at: before.publishedAt ?? now } : {}),
      };
      if (!(await write(trx, id, before.status, set))) return null;
      // Money changed hands: audited even when no person made the change (a matched bank statement).
      await finish(trx, before, { to, by: m.by, reason: m.reason ?? null, action: 'listing.paid_period', always: true });
      return until;
    },

    /** Undoes a removal made less than `windowDays` ago: back to the status it had. False when it cannot. */
    async restore(
      trx: Knex.Transaction,
      id: number,
      by: number | null,
      windowDays: number,
      audit: Pick<Move, 'action' | 'snapshot'> = {},
    ): Promise<boolean> {
      const before = await findRow(trx, id);
      if (!before || !before.deletedAt || clock.now().getTime() - before.deletedAt.getTime() > windowDays * DAY) return false;
      const to = (before.before.removal as ListingStatus | null) ?? 'draft';
      const set = { status: to, status_before_removal: null, deleted_at: null, updated_at: clock.now() };
      if (!(await write(trx, id, before.status, set))) return false;
      await finish(trx, before, { to, by, action: audit.action ?? 'restore', snapshot: audit.snapshot });
      return true;
    },

    /** Hands a listing to another owner (an approved ownership claim). */
    async setOwner(
      trx: Knex.Transaction,
      id: number,
      ownerId: number,
      m: { by: number; reason?: string | null; action: string; after?: Row },
    ): Promise<void> {
      const before = await load(trx, id);
      await trx('listings').where({ id }).update({ owner_id: ownerId, updated_at: clock.now() });
      await appendAudit(
        trx,
        {
          actorId: m.by,
          action: m.action,
          subjectType: 'listing',
          subjectId: id,
          reason: m.reason ?? null,
          before: { ownerId: before.ownerId },
          after: { ownerId, ...m.after },
        },
        clock.now(),
      );
      await changed(trx, id);
    },

    /** Takes every listing of a disabled owner offline, each remembering its status. Returns their ids. */
    async suspendOwnedBy(trx: Knex.Transaction, ownerId: number, by: number): Promise<number[]> {
      const now = clock.now();
      const ids = (
        (await trx('listings').where({ owner_id: ownerId }).whereIn('status', SUSPENDABLE).whereNull('deleted_at').pluck('id')) as unknown[]
      ).map(toNumber);
      if (ids.length) {
        await trx('listings')
          .whereIn('id', ids)
          .update({ status_before_suspension: trx.ref('status'), status: 'suspended', updated_at: now });
      }
      for (const id of ids) await auditBulk(trx, id, by, 'suspend');
      return ids;
    },

    /** Puts a re-enabled owner's suspended listings back as they were. Returns their ids. */
    async resumeOwnedBy(trx: Knex.Transaction, ownerId: number, by: number): Promise<number[]> {
      const now = clock.now();
      const ids = ((await trx('listings').where({ owner_id: ownerId, status: 'suspended' }).pluck('id')) as unknown[]).map(toNumber);
      if (ids.length) {
        await trx('listings')
          .whereIn('id', ids)
          .update({ status: trx.ref('status_before_suspension'), status_before_suspension: null, updated_at: now });
      }
      for (const id of ids) await auditBulk(trx, id, by, 'resume');
      return ids;
    },

    /**
     * Moves up to `limit` classified ads from one status to another when expires_at <= before (the clock's sweeps).
     * Each UPDATE repeats the condition, so an ad renewed meanwhile (or moved by another runner) is left alone.
     */
    async sweep(trx: Knex.Transaction, from: 'published' | 'expired', to: 'expired' | 'archived', before: Date, limit: number):
      Promise<number[]> {
      const ids = (
        (await trx('listings')
          .where({ kind: 'classified', status: from })
          .whereNull('deleted_at')
          .where('expires_at', '<=', before)
          .orderBy('expires_at')
          .limit(limit)
          .pluck('id')) as unknown[]
      ).map(toNumber);
      const moved: number[] = [];
      for (const id of ids) {
        const n = await trx('listings')
          .where({ id, status: from })
          .where('expires_at', '<=', before)
          .update({ status: to, updated_at: clock.now() });
        if (Number(n) === 1) moved.push(id);
      }
      for (const id of moved) await changed(trx, id);
      return moved;
    },
  };

  /** A bulk move's audit entry per listing (read after the move: the status it had is what it remembers). */
  async function auditBulk(trx: Knex.Transaction, id: number, by: number, action: 'suspend' | 'resume'): Promise<void> {
    const row = (await findRow(trx, id))!;
    const other = (action === 'suspend' ? row.before.suspension : null) as string | null;
    await appendAudit(trx, {
      actorId: by, action, subjectType: 'listing', subjectId: id,
      before: { status: action === 'suspend' ? other : 'suspended' }, after: { status: row.status },
    }, clock.now());
    await changed(trx, id);
  }
}

export type ListingLifecycle = ReturnType<typeof createListingLifecycle>;
