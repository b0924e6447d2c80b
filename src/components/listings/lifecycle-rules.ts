/**
 * The rules of a listing's lifecycle, without the database: the moves allowed between statuses, what the audit log
 * calls them, who may manage a listing, a classified ad's lifetime and renewal window, the columns only lifecycle.ts
 * writes, and the types of its moves and hooks.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../core/viewer.js';
import type { Clock } from '../../lib/clock.js';
import type { ListingKind, ListingRow, ListingStatus } from './listing-graph.js';

type Row = Record<string, unknown>;

/** The columns only lifecycle.ts writes. */
export const LIFECYCLE_COLUMNS = [
  'status', 'status_before_removal', 'status_before_suspension', 'owner_id', 'expires_at', 'published_at', 'closed_at', 'deleted_at',
] as const;

/**
 * Where a listing may go from each status. An owner's edit of a listing that is not live makes it a draft again (or
 * pending when submitted); a published one's edit waits as a revision instead. Suspension (a disabled owner) and
 * removal (soft delete) remember the status they came from and go back to it (`resumeOwnedBy`, `restore`); renewal
 * keeps a classified ad published.
 */
const MOVES: Record<ListingStatus, readonly ListingStatus[]> = {
  draft: ['pending', 'closed', 'removed', 'suspended'],
  pending: ['published', 'rejected', 'draft', 'closed', 'removed', 'suspended'],
  published: ['expired', 'closed', 'removed', 'suspended'],
  rejected: ['draft', 'pending', 'closed', 'removed', 'suspended'],
  expired: ['published', 'archived', 'draft', 'pending', 'closed', 'removed', 'suspended'],
  archived: ['draft', 'pending', 'closed', 'removed'],
  closed: ['draft', 'pending', 'removed', 'suspended'],
  suspended: ['draft', 'pending', 'published', 'rejected', 'expired', 'closed'],
  removed: ['draft', 'pending', 'published', 'rejected', 'expired', 'archived', 'closed', 'suspended'],
};
/** What the audit log calls a move to each status when the caller names no action. */
export const VERBS: Record<ListingStatus, string> = {
  draft: 'to_draft', pending: 'submit', published: 'publish', rejected: 'reject', expired: 'expire', archived: 'archive',
  closed: 'close', removed: 'remove', suspended: 'suspend',
};
/** Statuses a disabled owner's listings are suspended from (archived and removed ones stay as they are). */
export const SUSPENDABLE: readonly ListingStatus[] = ['published', 'pending', 'draft', 'rejected', 'expired', 'closed'];

export function canMove(from: ListingStatus, to: ListingStatus): boolean {
  return from === to || MOVES[from].includes(to);
}

/**
 * Who may manage a listing (edit it, change its status, see it unpublished, set its facts): its owner, a moderator
 * or admin, and the newspaper's desk for listings nobody owns or a desk account imported (`ownerRole`, when known).
 */
export function canManage(viewer: Viewer, listing: { ownerId: number | null; ownerRole?: string | null }): boolean {
  if (viewer.role === 'moderator' || viewer.role === 'admin') return true;
  if (viewer.userId !== null && listing.ownerId === viewer.userId) return true;
  return viewer.role === 'desk' && (listing.ownerId === null || listing.ownerRole === 'desk');
}

/**
 * Other columns a write of the listing row may carry (content, notes, confirmations): throws when one of the
 * lifecycle's columns is among them, so a caller cannot slip a status change past the lifecycle.
 */
export function contentOnly<T extends Row>(fields: T): T {
  const owned = Object.keys(fields).filter((k) => (LIFECYCLE_COLUMNS as readonly string[]).includes(k));
  if (owned.length) throw new Error(`listing columns ${owned.join(', ')} are written by the lifecycle only`);
  return fields;
}

/** Called inside the writing transaction after any change to a listing (the search index hooks in here). */
export type ListingChangeHook = (trx: Knex.Transaction, listingId: number) => Promise<void>;

export interface Move {
  to: ListingStatus;
  /** The person who made the change, or null for the system (the clock's sweeps): only a person's change is audited. */
  by: number | null;
  reason?: string | null;
  /** The audit entry's action (default: the verb of `to`, e.g. "close"). */
  action?: string;
  /** What the audit entry records of the row before and after (default: status, owner and expiry). */
  snapshot?: (row: ListingRow) => Record<string, unknown>;
  /** Other columns written in the same UPDATE (a moderation note, the draft's changed fields, last_confirmed_at). */
  also?: Row;
}

export interface LifecycleDeps {
  clock: Clock;
  /** CLASSIFIED_LIFETIME_DAYS: how long a classified ad stays up after it is submitted, approved or renewed. */
  classifiedLifetimeDays: number;
  /** CLASSIFIED_RENEWABLE_DAYS: how long after expiry its owner may still renew it (then it is archived). */
  classifiedRenewableDays: number;
  hooks: ListingChangeHook[];
}

export const defaultSnapshot = (r: ListingRow) => ({ status: r.status, ownerId: r.ownerId, expiresAt: r.expiresAt?.toISOString() ?? null });

export const DAY = 86_400_000;

/** The end of a classified ad's life when it starts at `now`; business listings do not expire. */
export function lifetimeEnd(kind: ListingKind, lifetimeDays: number, now: Date): Date | null {
  return kind === 'classified' ? new Date(now.getTime() + lifetimeDays * DAY) : null;
}

export interface Renewable { kind: string; status: string; expiresAt: Date | null; deletedAt: Date | null }

/** Whether an ad can still be renewed at `now`: published, or expired less than `renewableDays` ago. */
export function renewableNow(row: Renewable, renewableDays: number, now: Date): boolean {
  if (row.kind !== 'classified' || row.deletedAt) return false;
  if (row.status === 'published') return true;
  const until = row.expiresAt ? row.expiresAt.getTime() + renewableDays * DAY : Infinity;
  return row.status === 'expired' && now.getTime() <= until;
}
