/**
 * A small, fixed set of listings for search tests that must not move when the demo data changes: trades, brands,
 * 초성 look-alikes, phone numbers that share their first digits, shops that are a trade and shops that only mention it.
 */
import type { Knex } from 'knex';
import { parsePhone } from '../../src/components/phones/index.js';
import type { ListingGraphInput, PhoneInput } from '../../src/components/listings/index.js';

export interface FixtureListing {
  name: string;
  category?: string;
  district?: string;
  road?: string;
  phones?: string[];
  description?: string;
  tagline?: string;
  brands?: string[];
  offers?: Array<[string, number | null]>;
  hours?: boolean;
  /** Days before "now" it was published (default 30). */
  age?: number;
}

export const SEARCH_FIXTURES: FixtureListing[] = [
  {
    name: '봄날꽃집',
    category: 'flowers',
    district: '서구',
    road: '상무대로',
    phones: ['062-371-1000'],
    offers: [
      ['축하화환 3단', 60000],
      ['꽃바구니', 45000],
    ],
    hours: true,
    description: '개업 축하 화환과 꽃다발을 당일 배송합니다.',
  },
  { name: '사랑화원', category: 'flowers', district: '북구', road: '용봉로', phones: ['010-9984-2000'], description: '근조화환 전문.' },
  {
    name: '하늘드론',
    category: 'drones-cameras',
    district: '서구',
    road: '군분2로',
    phones: ['062-350-1111'],
    brands: ['DJI'],
    offers: [['드론 촬영', 300000]],
    hours: true,
    description: 'DJI 드론 판매와 수리.',
  },
  {
    name: '스카이영상',
    category: 'drones-cameras',
    district: '남구',
    road: '봉선로',
    phones: ['062-650-2222'],
    description: '항공 촬영 전문 영상 제작.',
  },
  {
    name: '무등사진관',
    category: 'music-art',
    district: '동구',
    road: '충장로',
    phones: ['062-222-3333'],
    description: '증명사진, 가족사진. 드론 촬영도 상담해 드립니다.',
  },
  {
    name: '동래식당',
    category: 'restaurants',
    district: '광산구',
    road: '수완로',
    phones: ['062-960-4444'],
    description: '부산식 돼지국밥.',
  },
  {
    name: '모두랑분식',
    category: 'restaurants',
    district: '북구',
    road: '우치로',
    phones: ['062-265-5555'],
    description: '떡볶이와 김밥.',
  },
  {
    name: '카페 봄',
    category: 'cafes',
    district: '동구',
    road: '예술길',
    phones: ['062-224-6666'],
    offers: [['아메리카노', 4000]],
    hours: true,
    description: '직접 볶은 원두 커피.',
  },
  {
    name: '빵굽는집',
    category: 'cafes',
    district: '남구',
    road: '백운로',
    phones: ['062-671-7777'],
    offers: [['식빵', 4500]],
    description: '매일 아침 굽는 빵.',
  },
  {
    name: '수완한정식',
    category: 'restaurants',
    district: '광산구',
    road: '장신로',
    phones: ['062-955-8888'],
    description: '한정식 코스와 식후 카페 공간이 있습니다.',
  },
  {
    name: '온누리약국',
    category: 'clinics-pharmacies',
    district: '서구',
    road: '치평로',
    phones: ['062-383-9999'],
    hours: true,
    description: '일요일에도 문을 엽니다.',
  },
  {
    name: '헤어살롱 민',
    category: 'hair',
    district: '북구',
    road: '설죽로',
    phones: ['010-9984-3000'],
    offers: [['커트', 15000]],
    description: '남녀 커트, 펌.',
  },
  {
    name: '중고 세탁기 팝니다',
    category: 'used-goods',
    district: '북구',
    road: '서하로',
    phones: ['010-5555-1234'],
    description: '2년 쓴 드럼 세탁기 30만원.',
  },
];

const phoneOf = (printed: string): PhoneInput => {
  const p = parsePhone(printed);
  if (!p) throw new Error(`bad fixture phone ${printed}`);
  return { ...p, label: null };
};

const WEEK = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, isClosed: false, opensAt: '09:00', closesAt: '20:00' }));

export async function fixtureInput(db: Knex, f: FixtureListing, now: Date): Promise<ListingGraphInput> {
  const cat = f.category ? await db('categories').where({ slug: f.category }).first('id') : undefined;
  return {
    kind: f.category === 'used-goods' ? 'classified' : 'business',
    status: 'published',
    name: f.name,
    tagline: f.tagline ?? null,
    description: f.description ?? '',
    brands: f.brands ?? [],
    categoryIds: cat ? [Number(cat.id)] : [],
    publishedAt: new Date(now.getTime() - (f.age ?? 30) * 86_400_000),
    phones: [],
    branches: [
      {
        sido: '광주광역시',
        sigungu: f.district ?? '북구',
        roadName: f.road ?? '금남로',
        buildingNo: '1',
        hours: f.hours ? WEEK : [],
        phones: (f.phones ?? []).map(phoneOf),
      },
    ],
    offers: (f.offers ?? []).map(([name, priceKrw]) => ({ name, priceKrw })),
    paymentAccounts: [],
  };
}

/** Creates the fixture listings in order (ids ascending); returns name → id. */
export async function createSearchFixtures(
  db: Knex, createListing: (input: ListingGraphInput, trx: Knex.Transaction) => Promise<number>, now: Date, list = SEARCH_FIXTURES,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const f of list) {
    const input = await fixtureInput(db, f, now);
    ids.set(f.name, await db.transaction((trx) => createListing(input, trx)));
  }
  return ids;
}
