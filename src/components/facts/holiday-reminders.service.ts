/**
 * Three weeks before 설 and 추석 (dates from the gazette's list), owners of listings with weekly hours get a mail with a
 * one-click link to set that holiday's hours: no login, a form with the holiday's days (as usual, closed, other hours).
 * Each reminder is claimed in the database before its mail goes out (unique per listing and holiday), so two
 * instances running the job never send it twice; the job runner's lease keeps them from even racing.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import type { Mailer } from '../../lib/mailer.js';
import { publicHolidays } from '../../lib/korean-holidays.js';
import { translate } from '../../core/i18n.js';
import type { ListingsService } from '../listings/index.js';
import type { ReminderLinks } from '../freshness/index.js';
import * as repo from './facts.repository.js';
import * as remindersRepo from './holiday-reminders.repository.js';
import { addDays, daysBetween, isLunarNewYearOrChuseok, shortDate, type SpecialDay } from './special-days.js';

const BATCH = 100;
const DAY = 86_400_000;

export interface LunarHoliday { name: '설날' | '추석'; date: string; days: Array<{ date: string; name: string }> }

/** 설날 and 추석 of a year with the public holidays around each (전날, 다음 날, a substitute day). */
export function lunarHolidays(year: number): LunarHoliday[] {
  const all = publicHolidays(year);
  return all.filter((h) => isLunarNewYearOrChuseok(h.name)).map((h) => {
    const name = h.name.split(', ').find((n) => n === '설날' || n === '추석') as '설날' | '추석';
    const days = all.filter((d) => Math.abs(daysBetween(h.date, d.date)) <= 3 && d.name.includes(name === '설날' ? '설날' : '추석'));
    return { name, date: h.date, days };
  });
}

/** The holiday a reminder is about: its cycle is the day's date as YYYYMMDD. */
const cycleOf = (date: string) => Number(date.replaceAll('-', ''));
const dateOfCycle = (cycle: number) => `${String(cycle).slice(0, 4)}-${String(cycle).slice(4, 6)}-${String(cycle).slice(6, 8)}`;

export function createHolidayReminders(deps: {
  db: Knex;
  clock: Clock;
  listings: Pick<ListingsService, 'listingChanged'>;
  mailer: Mailer;
  logger?: Logger;
  links: ReminderLinks;
  siteUrl: string;
  daysBefore: number;
  linkDays: number;
}) {
  const { db, clock } = deps;

  /** The 설 or 추석 whose reminder is due today (at most `daysBefore` days ahead), if any. */
  function due(): LunarHoliday | null {
    const today = seoulParts(clock.now()).day;
    const year = Number(today.slice(0, 4));
    const horizon = addDays(today, deps.daysBefore);
    return [...lunarHolidays(year), ...lunarHolidays(year + 1)].find((h) => h.days[0].date > today && h.date <= horizon) ?? null;
  }

  return {
    /** Sends up to a batch of due 명절 reminders; returns how many went out. */
    async sendHolidayReminders(): Promise<number> {
      const holiday = due();
      if (!holiday) return 0;
      const cycle = cycleOf(holiday.date);
      let sent = 0;
      for (const r of await remindersRepo.dueHolidayReminders(db, cycle, BATCH)) {
        const id = await remindersRepo.claimHolidayReminder(db, r.listingId, cycle, clock.now());
        if (id === null) continue;
        const url = `${deps.siteUrl}/holiday-hours/${deps.links.sign(id, new Date(clock.now().getTime() + deps.linkDays * DAY))}`;
        const dates = `${shortDate(holiday.days[0].date)}–${shortDate(holiday.days[holiday.days.length - 1].date)}`;
        const params = { name: r.name, holiday: holiday.name, dates, url, days: deps.linkDays };
        try {
          await deps.mailer.send({
            to: r.email,
            subject: translate('ko', 'facts.mail.holiday.subject', params),
            text: `${translate('ko', 'facts.mail.holiday.body', params)}\n\n---\n${translate('en', 'facts.mail.holiday.body', params)}`,
          });
        } catch (err) {
          deps.logger?.error({ err, listingId: r.listingId }, '명절 reminder mail failed; will try again');
          await remindersRepo.finishHolidayReminder(db, id, false, clock.now());
          continue;
        }
        await remindersRepo.finishHolidayReminder(db, id, true, clock.now());
        sent += 1;
      }
      return sent;
    },

    /** The reminder behind a link, with its holiday's days, or why not ('invalid' | 'expired'). */
    async resolve(
      token: string,
    ): Promise<{ state: 'invalid' | 'expired' } | { state: 'ok'; listingId: number; name: string; holiday: LunarHoliday }> {
      const check = deps.links.check(token, clock.now());
      if (!check.ok) return { state: check.reason };
      const r = await remindersRepo.findHolidayReminder(db, check.reminderId);
      const date = r ? dateOfCycle(r.cycle) : '';
      const holiday = r ? lunarHolidays(Number(date.slice(0, 4))).find((h) => h.date === date) : undefined;
      return r && holiday ? { state: 'ok', listingId: r.listingId, name: r.name, holiday } : { state: 'invalid' };
    },

    /** Saves the 명절 form: each day closed or with other hours ("as usual" days are left alone), in one transaction. */
    async saveHolidayHours(
      listingId: number,
      days: Array<{ date: string; kind: SpecialDay['kind']; opensAt: string | null; closesAt: string | null }>,
    ): Promise<void> {
      const now = clock.now();
      await db.transaction(async (trx) => {
        for (const d of days) {
          await repo.insertSpecialDay(trx, {
            listingId,
            startsOn: d.date,
            endsOn: d.date,
            kind: d.kind,
            reason: d.kind === 'closed' ? 'holiday' : null,
            note: null,
            opensAt: d.opensAt,
            closesAt: d.closesAt,
            createdBy: null,
            now,
          });
        }
        await repo.bumpListingVersion(trx, listingId);
        await deps.listings.listingChanged(trx, listingId);
      });
    },
  };
}

export type HolidayReminders = ReturnType<typeof createHolidayReminders>;
