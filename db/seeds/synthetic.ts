/**
 * Deterministic synthetic Gwangju listings for demo data and benchmarks. Same seed, same listings.
 * Names, roads and offers are plausible, not real businesses; phones use Gwangju's 062 area code.
 */
import type { ListingGraphInput } from '../../src/components/listings/index.js';
import { pointInDistrict } from '../../src/lib/gwangju-areas.js';

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

/**
 * A kind of shop or ad: name parts, what it sells, and sentences a local would write (each used at most once per listing).
 * Names combine a local word (동네, 길, 산 이름) or a family name with a trade word, as Gwangju shop signs do.
 */
interface Theme { slug: string; prefixes: string[]; suffixes: string[]; offers: Array<[string, number | null]>; taglines: string[]; lines: string[] }
const THEMES: Theme[] = [
  { slug: 'flowers', prefixes: ['무등', '빛고을', '봄날', '수완', '상무', '들꽃', '꽃마을', '하늘정원', '양림', '비아'], suffixes: ['꽃집', '플라워', '화원', '꽃방'],
    offers: [['꽃바구니', 45000], ['동양란', 50000], ['장미 꽃다발', 35000], ['개업 화분', 70000], ['축하 화환', 80000]],
    taglines: ['개업·승진 축하 꽃 당일 배송', '결혼식 부케와 꽃장식', '생화 꽃다발과 화분', '광주 전 지역 2시간 안에 배달'],
    lines: ['오전에 주문하시면 광주 시내는 당일 오후에 받으실 수 있습니다.', '리본 문구는 주문하실 때 말씀해 주세요.', '배달 전에 사진을 보내 드립니다.', '장례식장 근조 화환은 밤늦게도 배달합니다.', '계절 꽃으로 꽃다발을 만들어 드립니다.'] },
  { slug: 'drones-cameras', prefixes: ['스카이', '에어', '하늘', '무등', '포커스'], suffixes: ['드론', '카메라', '영상', '드론스쿨'],
    offers: [['드론 항공 촬영 (반나절)', 300000], ['짐벌 대여 (1일)', 30000], ['드론 기초 교육 4회', 150000], ['프로펠러 교체', 20000]],
    taglines: ['행사·건물 항공 촬영', '드론 수리와 부품', '초경량 비행장치 자격 교육', '액션캠·짐벌 대여'],
    lines: ['촬영 전에 비행 허가 여부를 함께 확인해 드립니다.', '추락 파손 수리는 견적을 먼저 알려 드립니다.', '교육은 주말반과 평일 저녁반이 있습니다.', '대여 장비는 배터리를 완충해서 드립니다.'] },
  { slug: 'restaurants', prefixes: ['송정', '양동', '충장', '대인', '말바우', '남광주', '고향', '할매', '형제'], suffixes: ['식당', '국밥', '한정식', '떡갈비', '오리탕', '백반집', '애호박찌개'],
    offers: [['백반', 9000], ['떡갈비 정식', 15000], ['오리탕 (중)', 45000], ['애호박찌개', 9000], ['육전', 25000], ['국밥', 9000]],
    taglines: ['점심 백반 반찬이 매일 바뀝니다', '송정 떡갈비 골목 30년', '미나리 듬뿍 오리탕', '새벽 6시에 문을 엽니다'],
    lines: ['단체 예약은 하루 전에 전화 주세요.', '가게 앞에 차 네 대를 댈 수 있습니다.', '포장은 전화로 미리 주문하시면 기다리지 않으셔도 됩니다.', '반찬은 모두 가게에서 직접 만듭니다.', '김치는 해남 배추로 담급니다.'] },
  { slug: 'cafes', prefixes: ['달빛', '느린', '구름', '오후', '동명', '푸른길', '소소', '온기'], suffixes: ['카페', '커피', '베이커리', '제과'],
    offers: [['아메리카노', 4000], ['카페라떼', 4500], ['생크림 케이크 (1호)', 32000], ['소금빵', 3000], ['핸드드립', 6000]],
    taglines: ['매일 아침 굽는 빵', '원두를 직접 볶습니다', '푸른길 공원 옆 조용한 카페', '주문 케이크 전문'],
    lines: ['케이크는 이틀 전까지 예약해 주세요.', '원두는 200g 단위로도 팝니다.', '2층에 노트북 자리가 있습니다.', '반려견과 함께 오셔도 됩니다.'] },
  { slug: 'clinics-pharmacies', prefixes: ['바른', '튼튼', '새봄', '연세', '서석', '운암', '첨단', '햇살'], suffixes: ['내과', '치과', '약국', '한의원', '정형외과', '소아과'],
    offers: [['일반 진료', null], ['국가 건강검진', null], ['스케일링', 15000]],
    taglines: ['평일 저녁 8시까지 진료', '토요일 오전 진료', '주차장 완비', '예약 없이 오셔도 됩니다'],
    lines: ['점심시간(오후 1시~2시)에는 접수를 받지 않습니다.', '건물 뒤편 주차장을 이용하세요.', '처방전은 근처 약국 어디서나 받으실 수 있습니다.', '엘리베이터가 있어 휠체어로 오실 수 있습니다.'] },
  { slug: 'hair', prefixes: ['살롱드', '헤어', '라온', '모아', '금남', '수완'], suffixes: ['헤어', '미용실', '헤어살롱'],
    offers: [['커트', 15000], ['펌', 60000], ['염색', 50000], ['남성 커트', 12000], ['두피 스케일링', 30000]],
    taglines: ['예약제로 운영합니다', '남성 커트 전문', '두피 관리와 염색', '어르신 커트 할인'],
    lines: ['예약하시면 기다리지 않으셔도 됩니다.', '새치 염색은 한 시간 정도 걸립니다.', '어린이 커트도 합니다.', '원장 혼자 하는 작은 가게입니다.'] },
  { slug: 'academies', prefixes: ['한빛', '명문', '으뜸', '수완', '봉선', '첨단', '다온'], suffixes: ['수학학원', '영어학원', '공부방', '교습소', '피아노학원'],
    offers: [['중등 수학 (주 3회)', 250000], ['초등 영어 (주 2회)', 200000], ['피아노 개인 레슨', 150000]],
    taglines: ['소수 정예 내신 대비', '초등 영어 원어민 수업', '무료 상담 언제나', '차량 운행합니다'],
    lines: ['한 반은 여섯 명을 넘지 않습니다.', '첫 달 수업 전에 수준 진단을 합니다.', '봉선동·주월동 차량 운행을 합니다.', '상담은 평일 오후 2시 이후에 가능합니다.'] },
  { slug: 'realtors', prefixes: ['우리', '믿음', '행운', '첨단', '상무', '풍암'], suffixes: ['공인중개사사무소', '부동산'],
    offers: [['원룸 월세 중개', null], ['아파트 매매 중개', null], ['상가 임대 중개', null]],
    taglines: ['전남대 후문 원룸 전문', '상가 임대 상담', '아파트 매매·전세', '첨단지구 20년'],
    lines: ['매물은 직접 보여 드리고 안내합니다.', '저녁 시간 방문은 전화로 약속해 주세요.', '계약 전에 등기부등본을 함께 확인합니다.', '학생 원룸은 방학 전에 빨리 나갑니다.'] },
  { slug: 'car-repair', prefixes: ['스피드', '신창', '하남', '24시', '믿음', '동림'], suffixes: ['카센터', '자동차정비', '모터스', '타이어'],
    offers: [['엔진오일 교환', 50000], ['타이어 교체 (1짝)', 80000], ['브레이크 패드 교체', 70000], ['에어컨 점검', 30000]],
    taglines: ['수입차 정비 가능', '타이어 당일 교체', '출장 배터리 교체', '정직한 견적'],
    lines: ['수리 전에 부품값과 공임을 먼저 알려 드립니다.', '교체한 부품은 돌려 드립니다.', '가까운 곳은 차를 가지러 갑니다.', '보험 수리도 합니다.'] },
  { slug: 'moving-cleaning', prefixes: ['착한', '깔끔', '반짝', '빛고을', '한결'], suffixes: ['이사', '용달', '청소', '익스프레스'],
    offers: [['원룸 이사', 250000], ['입주 청소 (30평대)', 300000], ['1톤 용달', 60000], ['에어컨 청소', 80000]],
    taglines: ['포장 이사 견적 무료', '입주 청소 전문', '1톤 용달 당일 가능', '에어컨 분해 청소'],
    lines: ['견적은 사진으로도 받아 드립니다.', '주말 이사는 두 주 전에 예약해 주세요.', '청소 후 사진으로 확인해 드립니다.', '엘리베이터 없는 건물도 갑니다.'] },
];

/** Classified ads: one-off titles with their own words, never a shop name with a branch number. */
interface Classified { slug: string; titles: Array<[string, number | null]>; lines: string[] }
const CLASSIFIEDS: Classified[] = [
  { slug: 'used-goods', titles: [['원목 식탁 4인용 팝니다', 80000], ['아기 유모차 (휴대용) 팝니다', 50000], ['삼성 양문형 냉장고 팝니다', 250000], ['접이식 자전거 팝니다', 90000], ['책상과 의자 세트 나눔', null], ['전기밥솥 6인용 팝니다', 30000], ['캠핑 의자 2개 팝니다', 20000], ['어린이 전집 60권 팝니다', 40000]],
    lines: ['직접 와서 가져가실 분만 연락 주세요.', '사용한 지 1년 정도 되었고 흠집은 거의 없습니다.', '사진은 문자로 더 보내 드립니다.', '이사 때문에 급하게 정리합니다.', '가격 조금은 맞춰 드립니다.'] },
  { slug: 'jobs', titles: [['주말 카페 아르바이트 구합니다', 10030], ['식당 주방 보조 구합니다 (평일 점심)', 11000], ['편의점 야간 근무자 구합니다', 11500], ['학원 차량 동승 선생님 구합니다', 12000], ['꽃집 배달 기사 구합니다', 12000], ['사무실 청소 (주 3회, 오전)', 12500]],
    lines: ['경력 없어도 괜찮습니다.', '점심 식사를 드립니다.', '근무 시간은 면접 때 맞춰 드립니다.', '4대 보험 가입해 드립니다.', '문자로 이름과 나이를 보내 주세요.'] },
];

/** Two different items of a list (or one, for a list of one). */
function pickTwo<T>(rand: () => number, list: readonly T[]): [T, T] {
  const a = Math.floor(rand() * list.length);
  const b = (a + 1 + Math.floor(rand() * Math.max(1, list.length - 1))) % list.length;
  return [list[a], list[b]];
}

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

/**
 * A plausible spot inside the district's built-up area for a synthetic shop (never for a real one), from a stream of
 * its own, so the rest of the listing is the same as before coordinates were added.
 */
function syntheticSpot(i: number, seed: number, district: string): { lat: number | null; lng: number | null } {
  const rand = mulberry32((seed * 7_919 + i) ^ 0x5bd1e995);
  const p = pointInDistrict(district, rand(), rand());
  return { lat: p?.lat ?? null, lng: p?.lng ?? null };
}

/** The i-th synthetic listing for a seed; categoryIdBySlug maps theme slugs to category ids. */
export function syntheticListing(i: number, seed: number, categoryIdBySlug: Map<string, number>, now: Date): ListingGraphInput {
  const rand = mulberry32(seed * 1_000_003 + i);
  const district = DISTRICTS[i % DISTRICTS.length];
  const publishedAt = new Date(now.getTime() - Math.floor(rand() * 90 * 86400_000));
  if (rand() < 0.18) {
    const ad = pick(rand, CLASSIFIEDS);
    const [title, price] = pick(rand, ad.titles);
    const [first, second] = pickTwo(rand, ad.lines);
    const categoryId = categoryIdBySlug.get(ad.slug);
    return {
      kind: 'classified', status: 'published', name: title,
      description: `${first}\n${second}\n${district} 근처에서 만날 수 있습니다.`,
      tagline: null,
      categoryIds: categoryId ? [categoryId] : [],
      publishedAt, lastConfirmedAt: publishedAt, expiresAt: new Date(publishedAt.getTime() + 365 * 86400_000),
      phones: [gwangjuPhone(rand, true)],
      offers: [{ name: ad.slug === 'jobs' ? '시급' : '판매가', priceKrw: price, priceStyle: 'full' as const }],
      paymentAccounts: [], branches: [],
    };
  }
  const theme = pick(rand, THEMES);
  const name = `${pick(rand, theme.prefixes)}${pick(rand, theme.suffixes)}`;
  const road = pick(rand, ROADS[district]);
  const [first, second] = pickTwo(rand, theme.lines);
  const offers = theme.offers.filter(() => rand() < 0.6).map(([offerName, price]) => ({ name: offerName, priceKrw: price, priceStyle: 'full' as const }));
  const categoryId = categoryIdBySlug.get(theme.slug);
  return {
    kind: 'business',
    status: 'published',
    name,
    description: `${district} ${road}에 있습니다. ${first}\n${second}`,
    tagline: pick(rand, theme.taglines),
    categoryIds: categoryId ? [categoryId] : [],
    publishedAt,
    lastConfirmedAt: publishedAt,
    expiresAt: null,
    phones: rand() < 0.3 ? [gwangjuPhone(rand, true)] : [],
    offers,
    paymentAccounts: [],
    branches: [{
      name: null,
      sido: '광주광역시',
      sigungu: district,
      roadName: road,
      buildingNo: String(1 + Math.floor(rand() * 300)),
      ...syntheticSpot(i, seed, district),
      hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
        weekday === 0 && rand() < 0.5
          ? { weekday, isClosed: true }
          : { weekday, isClosed: false, opensAt: theme.slug === 'restaurants' ? '10:30' : '09:00', closesAt: theme.slug === 'restaurants' ? '21:00' : '19:00', breakStart: rand() < 0.3 ? '15:00' : null, breakEnd: rand() < 0.3 ? '16:00' : null },
      ).map((h) => (h.breakStart && !h.breakEnd ? { ...h, breakStart: null } : !h.breakStart && h.breakEnd ? { ...h, breakEnd: null } : h)),
      phones: [gwangjuPhone(rand, false)],
    }],
  };
}
