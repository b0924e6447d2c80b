/**
 * Admin actions: roles, disabling users (their listings go offline, nothing is deleted; re-enabling puts every
 * listing back as it was), categories (add, rename, move, merge, synonyms) and the banned lists. Each is one
 * transaction with its audit entry; category changes re-run the listing hooks so search sees new synonyms.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { slugify } from '../../lib/slug.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import type { Role } from '../../core/viewer.js';
import type { ListingsService } from '../listings/index.js';
import { deleteSessionsOfUser, findUserById, updateUser } from '../accounts/index.js';
import * as repo from './moderation.repository.js';
import * as admin from './admin.repository.js';

export function createAdminService(deps: { db: Knex; clock: Clock; listings: ListingsService }) {
  const { db, clock, listings } = deps;

  /** After a category change: the listings in it are indexed again (their synonyms and shelves changed). */
  async function touchListings(trx: Knex.Transaction, ids: number[]): Promise<void> {
    for (const id of ids) await listings.listingChanged(trx, id);
  }

  return {
    users: (q: string) => admin.listUsers(db, q),

    async setRole(actorId: number, userId: number, role: Role): Promise<void> {
      const user = await findUserById(db, userId);
      if (!user) throw new NotFoundError();
      if (userId === actorId) throw new ConflictError('admin.error.self');
      const now = clock.now();
      await db.transaction(async (trx) => {
        await updateUser(trx, userId, { role }, now);
        // A new role starts from a fresh login (and a moderator's second factor from enrolment).
        await deleteSessionsOfUser(trx, userId);
        await repo.appendAudit(
          trx,
          { actorId, action: 'set_role', subjectType: 'user', subjectId: userId, before: { role: user.role }, after: { role } },
          now,
        );
      });
    },

    async disable(actorId: number, userId: number, reason: string): Promise<number> {
      const user = await findUserById(db, userId);
      if (!user) throw new NotFoundError();
      if (userId === actorId) throw new ConflictError('admin.error.self');
      if (!reason.trim()) throw new ValidationError({ reason: 'admin.error.reasonRequired' });
      const now = clock.now();
      return db.transaction(async (trx) => {
        await updateUser(trx, userId, { is_disabled: true, disabled_reason: reason.trim().slice(0, 500) }, now);
        await deleteSessionsOfUser(trx, userId);
        const ids = await listings.lifecycle.suspendOwnedBy(trx, userId, actorId);
        await repo.appendAudit(
          trx,
          {
            actorId,
            action: 'disable_user',
            subjectType: 'user',
            subjectId: userId,
            reason,
            before: { isDisabled: user.isDisabled },
            after: { isDisabled: true, listingsSuspended: ids },
          },
          now,
        );
        return ids.length;
      });
    },

    async enable(actorId: number, userId: number): Promise<number> {
      const user = await findUserById(db, userId);
      if (!user) throw new NotFoundError();
      const now = clock.now();
      return db.transaction(async (trx) => {
        await updateUser(trx, userId, { is_disabled: false, disabled_reason: null }, now);
        const ids = await listings.lifecycle.resumeOwnedBy(trx, userId, actorId);
        await repo.appendAudit(
          trx,
          {
            actorId,
            action: 'enable_user',
            subjectType: 'user',
            subjectId: userId,
            before: { isDisabled: user.isDisabled },
            after: { isDisabled: false, listingsRestored: ids },
          },
          now,
        );
        return ids.length;
      });
    },

    categories: () => admin.listCategories(db),

    async addCategory(actorId: number, c: { parentId: number | null; nameKo: string; nameEn: string; synonyms: string }): Promise<number> {
      const parent = c.parentId === null ? null : await admin.findCategory(db, c.parentId);
      if (c.parentId !== null && (!parent || parent.parentId !== null)) throw new ValidationError({ parentId: 'admin.error.parent' });
      const slug = slugify(c.nameEn || c.nameKo) || `category-${Date.now()}`;
      if (await admin.slugTaken(db, slug)) throw new ValidationError({ nameEn: 'admin.error.slugTaken' });
      const now = clock.now();
      return db.transaction(async (trx) => {
        const id = await admin.insertCategory(trx, { ...c, slug, schemaType: parent?.schemaType ?? 'LocalBusiness' }, now);
        await repo.appendAudit(
          trx,
          { actorId, action: 'add_category', subjectType: 'category', subjectId: id, after: { ...c, slug } },
          now,
        );
        return id;
      });
    },

    async updateCategory(
      actorId: number,
      id: number,
      c: { parentId: number | null; nameKo: string; nameEn: string; synonyms: string },
    ): Promise<void> {
      const current = await admin.findCategory(db, id);
      if (!current) throw new NotFoundError();
      if (c.parentId !== null) {
        const parent = await admin.findCategory(db, c.parentId);
        if (!parent || parent.parentId !== null || c.parentId === id || (await admin.childCount(db, id)) > 0)
          throw new ValidationError({ parentId: 'admin.error.parent' });
      }
      const now = clock.now();
      await db.transaction(async (trx) => {
        const before = (await admin.listCategories(trx)).find((x) => x.id === id);
        await admin.updateCategory(trx, id, { parent_id: c.parentId, name_ko: c.nameKo, name_en: c.nameEn, synonyms: c.synonyms });
        await touchListings(trx, await admin.listingsInCategory(trx, id));
        await repo.appendAudit(trx, { actorId, action: 'update_category', subjectType: 'category', subjectId: id, before, after: c }, now);
      });
    },

    async mergeCategory(actorId: number, fromId: number, intoId: number): Promise<void> {
      if (fromId === intoId) throw new ValidationError({ intoId: 'admin.error.mergeSelf' });
      const [from, into] = await Promise.all([admin.findCategory(db, fromId), admin.findCategory(db, intoId)]);
      if (!from || !into) throw new NotFoundError();
      if ((await admin.childCount(db, fromId)) > 0) throw new ValidationError({ intoId: 'admin.error.mergeParent' });
      const now = clock.now();
      await db.transaction(async (trx) => {
        const affected = await admin.listingsInCategory(trx, fromId);
        await admin.mergeCategory(trx, fromId, intoId);
        await touchListings(trx, affected);
        await repo.appendAudit(
          trx,
          { actorId, action: 'merge_category', subjectType: 'category', subjectId: fromId, after: { intoId, listings: affected.length } },
          now,
        );
      });
    },

    bannedTerms: () => admin.listBannedTerms(db),

    async addBannedTerm(actorId: number, kind: 'word' | 'phone', value: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (trx) => {
        const id = await admin.insertBannedTerm(trx, kind, value, actorId, now);
        if (id !== null)
          await repo.appendAudit(
            trx,
            { actorId, action: 'ban_term', subjectType: 'banned_term', subjectId: id, after: { kind, value } },
            now,
          );
      });
    },

    async removeBannedTerm(actorId: number, id: number): Promise<void> {
      const now = clock.now();
      await db.transaction(async (trx) => {
        const removed = await admin.deleteBannedTerm(trx, id);
        if (!removed) throw new NotFoundError();
        await repo.appendAudit(trx, { actorId, action: 'unban_term', subjectType: 'banned_term', subjectId: id, before: removed }, now);
      });
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
