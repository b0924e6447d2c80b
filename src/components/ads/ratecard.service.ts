/** The rate card (products and their active dates) and the edition calendar's closed days: what an order is priced and booked against. */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { bookableEditions, type CalendarRules } from './edition-calendar.js';
import * as repo from './ratecard.repository.js';

export function createRateCard(deps: { db: Knex; clock: Clock; rules: CalendarRules }) {
  const { db, clock, rules } = deps;
  const today = () => seoulParts(clock.now()).day;
  const isActive = (p: repo.ProductRow, day: string) => p.activeFrom <= day && (!p.activeTo || p.activeTo >= day);
  const closedSet = async () => new Set((await repo.closedDays(db)).map((d) => d.day));

  return {
    closedSet,
    /** A product that can be ordered today; a validation error on the form otherwise. */
    async activeProduct(id: number): Promise<repo.ProductRow> {
      const p = await repo.findProduct(db, id);
      if (!p || !isActive(p, today())) throw new ValidationError({ product: 'ads.error.product' });
      return p;
    },

    async products(opts: { activeOnly: boolean }): Promise<repo.ProductRow[]> {
      const all = await repo.listProducts(db);
      return opts.activeOnly ? all.filter((p) => isActive(p, today())) : all;
    },
    product: (id: number) => repo.findProduct(db, id),
    async saveProduct(id: number | null, p: repo.ProductWrite): Promise<number> {
      const clash = (await repo.listProducts(db)).find((x) => x.code === p.code && x.id !== id);
      if (clash) throw new ValidationError({ code: 'ads.error.productField' });
      if (id === null) return repo.insertProduct(db, p, clock.now());
      if (!(await repo.updateProduct(db, id, p, clock.now()))) throw new NotFoundError();
      return id;
    },

    closedDays: () => repo.closedDays(db),
    async closeDay(day: string, note: string, userId: number): Promise<void> {
      await repo.insertClosedDay(db, day, note, userId, clock.now());
    },
    reopenDay: (day: string) => repo.deleteClosedDay(db, day),
    async editions(count: number) {
      return bookableEditions(clock.now(), count, rules, await closedSet());
    },
  };
}
