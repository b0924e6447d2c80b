/**
 * Deterministic synthetic Gwangju listings for demo data and benchmarks. Same seed, same listings.
 * Names, roads and offers are plausible, not real businesses; phones use Gwangju's 062 area code.
 */
import type { ListingGraphInput } from '../../src/components/listings/index.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROADS: Record<string, string[]> = {
  동구: ['금남로', '충장로', '예술길', '제봉로', '남문로', '필문대로', '백서로'],
  서구: ['상무중앙로', '군분2로', '치평로', '풍암신흥로', '화운로', '상무대로', '운천로'],
  남구: ['봉선로', '백운로', '대남대로', '서문대로', '진월로', '효덕로'],
  북구: ['금남로', '용봉로', '우치로', '설죽로', '운암로', '서방로', '일곡로'],
  광산구: ['수완로', '첨단중앙로', '하남대로', '월계로', '임방울대로', '신창로'],
};
export const DISTRICTS = Object.keys(ROADS);

interface Theme { slug: string; prefixes: string[]; suffixes: string[]; offers: Array<[string, number | null]>; words: string[] }
const THEMES: Theme[] = [
  { slug: 'flowers', prefixes: ['사랑', '행복', '무등', '빛고을', '하늘', '봄날'], suffixes: ['꽃집', '플라워', '꽃배달', '화원'], offers: [['축하화환 3단', 60000], ['근조화환 3단', 60000], ['꽃바구니', 45000], ['동양란', 50000]], words: ['당일 배송', '전국 꽃배달', '개업 축하', '결혼식 화환'] },
  { slug: 'drones-cameras', prefixes: ['스카이', '하이', '에어', '무등'], suffixes: ['드론', '카메라', '영상'], offers: [['드론 촬영', 300000], ['짐벌 대여', 30000], ['드론 교육', 150000]], words: ['DJI 정품', '항공 촬영', '수리 가능'] },
  { slug: 'restaurants', prefixes: ['엄마손', '골목', '광주', '송정', '양동', '충장'], suffixes: ['식당', '국밥', '한정식', '떡갈비', '오리탕'], offers: [['백반', 9000], ['떡갈비 정식', 15000], ['오리탕 (중)', 45000]], words: ['점심 특선', '단체 환영', '주차 가능', '포장 가능'] },
  { slug: 'cafes', prefixes: ['달빛', '느린', '구름', '오후'], suffixes: ['카페', '커피', '베이커리', '제과'], offers: [['아메리카노', 4000], ['카페라떼', 4500], ['케이크', 32000]], words: ['직접 로스팅', '조용한 카페', '테이크아웃'] },
  { slug: 'clinics-pharmacies', prefixes: ['바른', '튼튼', '새봄', '연세'], suffixes: ['내과', '치과', '약국', '한의원', '정형외과'], offers: [['일반 진료', null], ['건강검진', 100000]], words: ['야간 진료', '토요일 진료', '주차 가능'] },
  { slug: 'hair', prefixes: ['뷰티', '헤어', '스타일', '살롱'], suffixes: ['헤어', '미용실', '헤어샵'], offers: [['커트', 15000], ['펌', 60000], ['염색', 50000]], words: ['예약 우선', '남성 커트', '두피 관리'] },
  { slug: 'academies', prefixes: ['한빛', '명문', '으뜸', '수완'], suffixes: ['수학학원', '영어학원', '공부방', '교습소'], offers: [['중등 수학', 250000], ['초등 영어', 200000]], words: ['소수 정예', '내신 대비', '상담 환영'] },
  { slug: 'realtors', prefixes: ['우리', '믿음', '행운', '첨단'], suffixes: ['공인중개사', '부동산'], offers: [['원룸 월세', null], ['아파트 매매', null]], words: ['원룸 전문', '상가 임대', '아파트 매매'] },
  { slug: 'car-repair', prefixes: ['스피드', '명품', '24시'], suffixes: ['카센터', '자동차정비', '세차장'], offers: [['엔진오일 교환', 50000], ['타이어 교체', 80000]], words: ['수입차 정비', '빠른 정비', '출장 가능'] },
  { slug: 'moving-cleaning', prefixes: ['착한', '깔끔', '반짝'], suffixes: ['이사', '용달', '청소'], offers: [['원룸 이사', 250000], ['입주 청소', 300000]], words: ['포장 이사', '견적 무료', '당일 가능'] },
  { slug: 'used-goods', prefixes: ['중고', '알뜰'], suffixes: ['가구 팝니다', '자전거 팝니다', '냉장고 팝니다', '유모차 나눔'], offers: [['판매가', 50000]], words: ['직거래', '상태 좋음', '택배 가능'] },
  { slug: 'jobs', prefixes: ['주말', '평일', '오전'], suffixes: ['알바 구합니다', '주방 보조 구인', '배달원 모집'], offers: [['시급', 10030]], words: ['초보 가능', '주 3일', '식사 제공'] },
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function gwangjuPhone(rand: () => number, mobile: boolean) {
  if (mobile) {
    const a = 2000 + Math.floor(rand() * 8000);
    const b = 1000 + Math.floor(rand() * 9000);
    return { type: 'mobile' as const, e164: `+8210${a}${b}`, display: `010-${a}-${b}`, nationalDigits: `010${a}${b}`, label: null };
  }
  const a = 200 + Math.floor(rand() * 800);
  const b = 1000 + Math.floor(rand() * 9000);
  return { type: 'landline' as const, e164: `+8262${a}${b}`, display: `062-${a}-${b}`, nationalDigits: `062${a}${b}`, label: null };
}

/** The i-th synthetic listing for a seed; categoryIdBySlug maps theme slugs to category ids. */
export function syntheticListing(i: number, seed: number, categoryIdBySlug: Map<string, number>, now: Date): ListingGraphInput {
  const rand = mulberry32(seed * 1_000_003 + i);
  const theme = pick(rand, THEMES);
  const district = DISTRICTS[i % DISTRICTS.length];
  const name = `${pick(rand, theme.prefixes)}${pick(rand, theme.suffixes)}${i > 50 ? ` ${i}호점` : ''}`;
  const classified = theme.slug === 'used-goods' || theme.slug === 'jobs';
  const words = [pick(rand, theme.words), pick(rand, theme.words)];
  const offers = theme.offers.filter(() => rand() < 0.7).map(([offerName, price]) => ({ name: offerName, priceKrw: price, priceStyle: 'full' as const }));
  const publishedAt = new Date(now.getTime() - Math.floor(rand() * 90 * 86400_000));
  const categoryId = categoryIdBySlug.get(theme.slug);
  return {
    kind: classified ? 'classified' : 'business',
    status: 'published',
    name,
    description: `광주 ${district}의 ${name}입니다. ${words.join(', ')}. 편하게 전화 주세요.`,
    tagline: words[0],
    categoryIds: categoryId ? [categoryId] : [],
    publishedAt,
    lastConfirmedAt: publishedAt,
    expiresAt: classified ? new Date(publishedAt.getTime() + 365 * 86400_000) : null,
    phones: classified ? [gwangjuPhone(rand, true)] : rand() < 0.3 ? [gwangjuPhone(rand, true)] : [],
    offers,
    paymentAccounts: [],
    branches: classified
      ? []
      : [{
          name: null,
          sido: '광주광역시',
          sigungu: district,
          roadName: pick(rand, ROADS[district]),
          buildingNo: String(1 + Math.floor(rand() * 300)),
          hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
            weekday === 0 && rand() < 0.5
              ? { weekday, isClosed: true }
              : { weekday, isClosed: false, opensAt: '09:00', closesAt: theme.slug === 'restaurants' ? '22:00' : '19:00', breakStart: rand() < 0.3 ? '15:00' : null, breakEnd: rand() < 0.3 ? '16:00' : null },
          ).map((h) => (h.breakStart && !h.breakEnd ? { ...h, breakStart: null } : !h.breakStart && h.breakEnd ? { ...h, breakEnd: null } : h)),
          phones: [gwangjuPhone(rand, false)],
        }],
  };
}
