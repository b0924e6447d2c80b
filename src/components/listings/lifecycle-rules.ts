/**
 * The rules of a listing's lifecycle, without the database: the moves allowed between statuses, what the audit log
 * calls them, who may manage a listing, and the columns only lifecycle.ts writes.
 */
import type { Viewer } from '../../core/viewer.js';
import type { ListingStatus } from './listing-graph.js';

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
