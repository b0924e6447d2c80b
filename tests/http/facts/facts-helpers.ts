/** A shop of a test's own for the facts tests: published, one Gwangju branch, one number, weekly hours given. */
import type { TestApp } from '../../helpers/test-app.js';
import type { HoursInput } from '../../../src/components/listings/index.js';

export const everyDay = (opensAt: string, closesAt: string): HoursInput[] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, isClosed: false, opensAt, closesAt }));

export async function createShop(t: TestApp, name: string, hours: HoursInput[], ownerId: number | null = null): Promise<number> {
  const categories = await t.services.listings.listCategories();
  const category = categories.find((c) => c.parentId !== null)!;
  return t.services.listings.createListing({
    kind: 'business',
    status: 'published',
    name,
    description: `${name}: 광주 북구의 가게입니다.`,
    categoryIds: [category.id],
    ownerId,
    publishedAt: t.clock.now(),
    lastConfirmedAt: t.clock.now(),
    phones: [{ type: 'landline', e164: '+82625222000', display: '062-522-2000', nationalDigits: '0625222000' }],
    branches: [{ sido: '광주광역시', sigungu: '북구', roadName: '금남로', buildingNo: '24', hours, phones: [] }],
    offers: [],
    paymentAccounts: [],
  });
}

/** An instant given as Seoul wall-clock time: '2026-12-24 19:00'. */
export const seoul = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+09:00`).toISOString();
