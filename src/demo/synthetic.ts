/**
 * Deterministic synthetic Gwangju listings for demo data and benchmarks. Same seed and order, same listings.
 * Each has its own name (a name book keeps them apart), a road of its 구, a phone of its trade's kind, hours, a spot
 * inside its 구's built-up area and prices where its trade has them; is_synthetic marks them in the data.
 */
import type { BranchInput, HoursInput, ListingGraphInput, PhoneInput } from '../components/listings/index.js';
import { pointInDistrict } from '../lib/gwangju-areas.js';
import { parsePhone } from '../components/phones/index.js';
import { createNameBook, pick, shopName, type NameBook, type Rand } from './synthetic-names.js';
import { DISTRICT_DONGS, DISTRICT_ROADS } from './synthetic-places.js';
import {
  DISHES,
  GOODS,
  GOODS_LINES,
  GOODS_STATES,
  GOODS_VERBS,
  JOB_ENDINGS,
  JOB_LINES,
  JOB_SHIFTS,
  JOB_TIMES,
  JOBS,
  THEMES,
  fitting,
  type Theme,
  type TradeHours,
} from './synthetic-themes.js';

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DISTRICTS = Object.keys(DISTRICT_ROADS);
const TOTAL_WEIGHT = THEMES.reduce((s, t) => s + t.weight, 0);
/** The print ads' own numbers, never given to a made-up shop. */
const REAL_NUMBERS = new Set(['+821099840151', '+82625222000', '+82623508397']);

/** Two different items of a list (or one, for a list of one). */
function pickTwo<T>(rand: Rand, list: readonly T[]): [T, T] {
  const a = Math.floor(rand() * list.length);
  const b = (a + 1 + Math.floor(rand() * Math.max(1, list.length - 1))) % list.length;
  return [list[a], list[b]];
}

function pickTheme(rand: Rand): Theme {
  let r = rand() * TOTAL_WEIGHT;
  return THEMES.find((t) => (r -= t.weight) < 0) ?? THEMES[0];
}

function gwangjuPhone(rand: Rand, mobile: boolean): PhoneInput {
  for (;;) {
    const p = mobile
      ? (() => {
        const [a, b] = [2000 + Math.floor(rand() * 8000), 1000 + Math.floor(rand() * 9000)];
        return { type: 'mobile' as const, e164: `+8210${a}${b}`, display: `010-${a}-${b}`, nationalDigits: `010${a}${b}`, label: null };
      })()
      : (() => {
        const [a, b] = [200 + Math.floor(rand() * 800), 1000 + Math.floor(rand() * 9000)];
        return { type: 'landline' as const, e164: `+8262${a}${b}`, display: `062-${a}-${b}`, nationalDigits: `062${a}${b}`, label: null };
      })();
    // Only numbers in ranges the numbering plan gives out (libphonenumber's full metadata), as the import checks them.
    if (!REAL_NUMBERS.has(p.e164) && parsePhone(p.display)?.e164 === p.e164) return p;
  }
}

/** A price as shops set them: the trade's usual price moved a little, rounded to 500 won (1,000 won from 10,000). */
function nearPrice(rand: Rand, base: number): number {
  const step = base >= 10000 ? 1000 : 500;
  return Math.max(step, Math.round((base * (0.85 + rand() * 0.35)) / step) * step);
}

/** Moves an hh:mm by whole half hours. */
function shift(time: string, halfHours: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + halfHours * 30 + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function weekHours(rand: Rand, h: TradeHours): HoursInput[] {
  const early = Math.floor(rand() * 3) - 1;
  const late = Math.floor(rand() * 3) - 1;
  const takesBreak = h.break !== undefined && rand() < 0.6;
  return [0, 1, 2, 3, 4, 5, 6].map((weekday): HoursInput => {
    if (h.closed.includes(weekday)) return { weekday, isClosed: true };
    const [opens, closes] = weekday === 6 && h.saturday ? h.saturday : [h.opens, h.closes];
    const pause = takesBreak && !(weekday === 6 && h.saturday) ? h.break! : null;
    return {
      weekday,
      isClosed: false,
      opensAt: shift(opens, early),
      closesAt: shift(closes, late),
      breakStart: pause?.[0] ?? null,
      breakEnd: pause?.[1] ?? null,
    };
  });
}

/**
 * A plausible spot inside the district's built-up area for a synthetic shop (never for a real one), from a stream of
 * its own, so the rest of the listing does not depend on it.
 */
function syntheticSpot(i: number, seed: number, district: string): { lat: number | null; lng: number | null } {
  const rand = mulberry32((seed * 7_919 + i) ^ 0x5bd1e995);
  const p = pointInDistrict(district, rand(), rand());
  return { lat: p?.lat ?? null, lng: p?.lng ?? null };
}

function buildingNo(rand: Rand): string {
  const main = 1 + Math.floor(rand() * rand() * 400);
  return rand() < 0.15 ? `${main}-${1 + Math.floor(rand() * 9)}` : String(main);
}

function classified(
  rand: Rand,
  district: string,
  dong: string,
  names: NameBook,
  categoryIdBySlug: Map<string, number>,
  publishedAt: Date,
): ListingGraphInput {
  const isJob = rand() < 0.4;
  const fill = (s: string) => s.replaceAll('{동}', dong);
  let price: number | null = null;
  const name = names.take(() => {
    // A poster may say where (the 동) and when or in what state; the rest is the thing or the job itself.
    const where = rand() < 0.5 ? `${pick(rand, DISTRICT_DONGS[district])} ` : '';
    if (isJob) {
      const [place, roles] = pick(rand, JOBS);
      price = 10500 + Math.floor(rand() * 6) * 500;
      const role = pick(rand, roles);
      const when = rand() < 0.6 && !role.startsWith('야간') ? ` (${pick(rand, JOB_TIMES)})` : '';
      return `${where}${place} ${pick(rand, JOB_SHIFTS)} ${role} ${pick(rand, JOB_ENDINGS)}${when}`;
    }
    const [item, details, base] = pick(rand, GOODS);
    const verb = pick(rand, GOODS_VERBS);
    price = verb === '나눔합니다' ? null : nearPrice(rand, base);
    const state = rand() < 0.6 ? ` (${pick(rand, GOODS_STATES)})` : '';
    return `${where}${item} ${pick(rand, details)}${state} ${verb}`;
  });
  const [first, second] = pickTwo(rand, isJob ? JOB_LINES : GOODS_LINES);
  const categoryId = categoryIdBySlug.get(isJob ? 'jobs' : 'used-goods');
  return {
    kind: 'classified',
    status: 'published',
    name,
    isSynthetic: true,
    description: fill(`${first}\n${second}\n${dong} 근처에서 만날 수 있습니다.`),
    tagline: null,
    categoryIds: categoryId ? [categoryId] : [],
    publishedAt,
    lastConfirmedAt: publishedAt,
    expiresAt: new Date(publishedAt.getTime() + 365 * 86400_000),
    phones: [gwangjuPhone(rand, true)],
    offers: [{ name: isJob ? '시급' : '판매가', priceKrw: price, priceStyle: 'full' as const }],
    paymentAccounts: [],
    branches: [],
  };
}

/**
 * The i-th synthetic listing for a seed; categoryIdBySlug maps theme slugs to category ids. Pass one name book to a
 * run of listings to keep their names apart (without one, names may repeat).
 */
export function syntheticListing(
  i: number,
  seed: number,
  categoryIdBySlug: Map<string, number>,
  now: Date,
  names: NameBook = createNameBook(),
): ListingGraphInput {
  const rand = mulberry32(seed * 1_000_003 + i);
  const district = DISTRICTS[i % DISTRICTS.length];
  const dong = pick(rand, DISTRICT_DONGS[district]);
  const publishedAt = new Date(now.getTime() - Math.floor(rand() * 90 * 86400_000));
  if (rand() < 0.15) return classified(rand, district, dong, names, categoryIdBySlug, publishedAt);
  const theme = pickTheme(rand);
  const fill = (s: string) => s.replaceAll('{동}', dong);
  const name = names.take(() => shopName(rand, district, theme.trades, theme.habits));
  const road = pick(rand, DISTRICT_ROADS[district]);
  // The trade a name ends on decides what fits it (a 치과 offers scaling, a 약국 none); the longest trade word wins.
  const trade = [...theme.trades, 'Bakery'].filter((t) => name.includes(t)).sort((x, y) => y.length - x.length)[0] ?? null;
  const [first, second] = pickTwo(rand, fitting(theme.lines, trade));
  const dish = theme.slug === 'restaurants' && trade ? DISHES[trade] : undefined;
  const menu = fitting(theme.offers, trade);
  const chosen = [...(dish ? [dish] : []), ...menu.filter(([offer]) => offer !== dish?.[0] && rand() < 0.6)];
  // A trade that has prices shows at least one.
  const offers = (chosen.length ? chosen : menu.slice(0, 1)).slice(0, 5).map(([offerName, price]) => ({
    name: offerName,
    priceKrw: price === null ? null : nearPrice(rand, price),
    priceStyle: 'full' as const,
  }));
  const categoryId = categoryIdBySlug.get(theme.slug);
  const ownerMobile = theme.phone === 'both' && rand() < 0.5;
  const branch: BranchInput = {
    name: null,
    sido: '광주광역시',
    sigungu: district,
    roadName: road,
    buildingNo: buildingNo(rand),
    ...syntheticSpot(i, seed, district),
    hours: weekHours(rand, theme.hours),
    // A shop gives its 062 line first and, for trades where owners do, their 010 after it; a sole trader only the 010.
    phones: theme.phone === 'mobile' ? [] : [gwangjuPhone(rand, false), ...(ownerMobile ? [gwangjuPhone(rand, true)] : [])],
  };
  return {
    kind: 'business',
    status: 'published',
    name,
    isSynthetic: true,
    description: `${district} ${road}에 있습니다. ${fill(first)}\n${fill(second)}`,
    tagline: fill(pick(rand, fitting(theme.taglines, trade))),
    categoryIds: categoryId ? [categoryId] : [],
    publishedAt,
    lastConfirmedAt: publishedAt,
    expiresAt: null,
    phones: theme.phone === 'mobile' ? [gwangjuPhone(rand, true)] : [],
    offers,
    paymentAccounts: [],
    branches: [branch],
  };
}
