/**
 * Keeping listings true: a reminder mail 6 months after a business listing was last confirmed, and 3 days before a
 * classified ad expires, each with a one-click link; expired ads stay renewable for 90 days and are then archived.
 * The jobs run from the job runner; each reminder is claimed in the database before its mail goes out, so it is sent
 * at most once however many runners race (a runner that dies between sending and recording leaves it claimed).
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { translate } from '../../core/i18n.js';
import type { Config } from '../../config/index.js';
import { listingPath, type ListingsService } from '../listings/index.js';
import type { Job } from '../jobs/index.js';
import * as repo from './freshness.repository.js';
import type { ReminderLinks } from './reminder-links.js';

const DAY = 86_400_000;
const BATCH = 100;

/** Business listings unconfirmed for longer than `staleAfterDays` show a notice and rank lower; this is the cut-off instant. */
export function staleCutoff(now: Date, staleAfterDays: number): Date {
  return new Date(now.getTime() - staleAfterDays * DAY);
}

class Unavailable extends Error {}

export type LinkState = 'ok' | 'invalid' | 'expired' | 'used' | 'unavailable';

interface Deps {
  db: Knex; clock: Clock; listings: Pick<ListingsService, 'listingChanged' | 'lifecycle'>; mailer: Mailer; logger?: Logger;
  links: ReminderLinks;
  siteUrl: string; rules: Config['freshness'];
}

export function createFreshnessService(deps: Deps) {
  const { db, clock, rules } = deps;

  async function mail(kind: repo.ReminderKind, r: repo.DueReminder, reminderId: number, expiresAt?: Date): Promise<void> {
    const url = `${deps.siteUrl}/reminders/${deps.links.sign(reminderId, new Date(clock.now().getTime() + rules.linkDays * DAY))}`;
    const params = {
      name: r.name,
      url,
      days: rules.linkDays,
      expires: expiresAt ? expiresAt.toISOString().slice(0, 10) : '',
      myListings: `${deps.siteUrl}/my/listings`,
    };
    await deps.mailer.send({
      to: r.email,
      subject: translate('ko', `reminder.mail.${kind}.subject`, params),
      text: `${translate('ko', `reminder.mail.${kind}.body`, params)}\n\n---\n${translate('en', `reminder.mail.${kind}.body`, params)}`,
    });
  }

  /** Claims, sends and records each due reminder, one at a time. A failed send gives the claim back for the next run. */
  async function sendAll(kind: repo.ReminderKind, due: repo.DueReminder[]): Promise<number> {
    let sent = 0;
    for (const r of due) {
      const id = await repo.claimReminder(db, { listingId: r.listingId, kind, cycle: r.cycle, now: clock.now() });
      if (id === null) continue;
      try {
        await mail(kind, r, id, kind === 'renew' ? new Date(r.cycle) : undefined);
      } catch (err) {
        deps.logger?.error({ err, listingId: r.listingId, kind }, 'reminder mail failed; will try again');
        await repo.releaseReminder(db, id);
        continue;
      }
      await repo.markReminder(db, id, 'sent', clock.now());
      sent += 1;
    }
    return sent;
  }

  async function move(from: 'published' | 'expired', to: 'expired' | 'archived', before: Date): Promise<number> {
    return db.transaction(async (trx) => {
      return (await deps.listings.lifecycle.sweep(trx, from, to, before, BATCH)).length;
    });
  }

  /** A link's reminder and listing, or why there are none (tampered, expired, unknown). */
  async function resolve(token: string): Promise<{ state: LinkState } | { reminder: repo.ReminderRow; listing: repo.ListingState }> {
    const check = deps.links.check(token, clock.now());
    if (!check.ok) return { state: check.reason };
    const reminder = await repo.findReminder(db, check.reminderId);
    const listing = reminder ? await repo.listingState(db, reminder.listingId) : null;
    return reminder && listing ? { reminder, listing } : { state: 'invalid' };
  }

  const service = {
    sendConfirmReminders: async () =>
      sendAll('confirm', await repo.dueConfirmReminders(db, new Date(clock.now().getTime() - rules.remindAfterDays * DAY), BATCH)),
    sendRenewReminders: async () => {
      const now = clock.now();
      return sendAll(
        'renew',
        await repo.dueRenewReminders(db, now, new Date(now.getTime() + rules.classifiedRemindDaysBefore * DAY), BATCH),
      );
    },
    /** Published classified ads past their expiry become "expired" (still renewable by their owner). */
    expireClassifieds: () => move('published', 'expired', clock.now()),
    /** Expired ads past the renewable period become "archived": kept, never shown, no longer renewable. */
    archiveClassifieds: () => move('expired', 'archived', new Date(clock.now().getTime() - rules.classifiedRenewableDays * DAY)),

    /** The job runner's jobs, in order. */
    jobs(): Job[] {
      return [
        { name: 'expire-classifieds', run: service.expireClassifieds },
        { name: 'archive-classifieds', run: service.archiveClassifieds },
        { name: 'confirm-reminders', run: service.sendConfirmReminders },
        { name: 'renew-reminders', run: service.sendRenewReminders },
      ];
    },

    /** What a reminder link would do, for the page it opens (GET changes nothing). */
    async describeLink(token: string): Promise<{ state: LinkState; kind?: repo.ReminderKind; listingName?: string }> {
      const found = await resolve(token);
      if ('state' in found) return found;
      const { reminder, listing } = found;
      if (reminder.usedAt) return { state: 'used', kind: reminder.kind, listingName: listing.name };
      return { state: 'ok', kind: reminder.kind, listingName: listing.name };
    },

    /**
     * Uses a reminder link once: confirms the business listing (last_confirmed_at, nothing else) or renews the ad.
     * The link's use and the change are one transaction; a listing that can no longer be confirmed or renewed leaves the link unused.
     */
    async useLink(token: string): Promise<{ state: LinkState; kind?: repo.ReminderKind; url?: string }> {
      const found = await resolve(token);
      if ('state' in found) return found;
      const { reminder, listing } = found;
      const now = clock.now();
      let state: LinkState;
      try {
        state = await db.transaction(async (trx): Promise<LinkState> => {
          if (!(await repo.useReminder(trx, reminder.id, now))) return 'used';
          // Nothing to confirm or renew (closed, removed, archived): undo the link's use too. A renewal by link is the
          // owner's, with no session to name them: the system's, like the sweeps.
          if (reminder.kind === 'confirm') {
            if (!(await repo.confirmListing(trx, listing.id, now))) throw new Unavailable();
            await deps.listings.listingChanged(trx, listing.id);
          } else if (!(await deps.listings.lifecycle.renew(trx, listing.id, null))) throw new Unavailable();
          return 'ok';
        });
      } catch (err) {
        if (err instanceof Unavailable) return { state: 'unavailable', kind: reminder.kind };
        throw err;
      }
      return { state, kind: reminder.kind, url: listingPath(listing) };
    },
  };
  return service;
}

export type FreshnessService = ReturnType<typeof createFreshnessService>;
