/**
 * The trades of synthetic listings: how they name their shops, what they sell and for how much, the sentences an owner
 * would write ({동} becomes the shop's own 동), which phone they give, and their usual hours.
 */
import type { NameHabits } from './synthetic-names.js';

/** Opening hours as a trade keeps them (weekday 0 is Sunday); break: a lunch or afternoon pause some shops take. */
export interface TradeHours { opens: string; closes: string; saturday?: [string, string]; closed: number[]; break?: [string, string] }

export interface Theme {
  slug: string;
  /** How many of a hundred listings are of this trade. */
  weight: number;
  trades: string[];
  habits: NameHabits;
  /** landline: a 062 number on the shop; mobile: the owner's 010 only (sole traders); both: the shop's and the owner's. */
  phone: 'landline' | 'mobile' | 'both';
  hours: TradeHours;
  offers: Array<Fitting<[string, number | null]>>;
  taglines: Array<Fitting<string>>;
  lines: Array<Fitting<string>>;
}

/** Something only some of a theme's trades offer or say: [it, the trade words it fits]; a bare item fits them all. */
export type Fitting<T> = T | { item: T; for: string[] };
const only = <T>(item: T, ...trades: string[]): Fitting<T> => ({ item, for: trades });

/** What of a list fits a shop of this trade (a shop whose name shows no trade gets what fits every trade). */
export function fitting<T>(list: ReadonlyArray<Fitting<T>>, trade: string | null): T[] {
  return list.flatMap((x) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return [x as T];
    const f = x as { item: T; for: string[] };
    return trade !== null && f.for.includes(trade) ? [f.item] : [];
  });
}

export const THEMES: Theme[] = [
  {
    slug: 'restaurants',
    weight: 20,
    trades: [
      '국밥',
      '순대국밥',
      '백반',
      '떡갈비',
      '오리탕',
      '한정식',
      '애호박찌개',
      '칼국수',
      '냉면',
      '추어탕',
      '감자탕',
      '해장국',
      '곰탕',
      '아구찜',
      '쌈밥',
      '청국장',
      '돼지갈비',
      '식당',
      '밥상',
      '분식',
      '김밥',
      '중화요리',
      '육전',
      '보리밥',
    ],
    habits: { place: 3, home: 3, family: 1, word: 2, grandma: 1, placeWord: 2 },
    phone: 'landline',
    hours: { opens: '10:30', closes: '21:00', closed: [0], break: ['15:00', '16:30'] },
    offers: [
      only(['백반', 9000], '백반', '식당', '밥상', '보리밥', '쌈밥', '청국장', '애호박찌개'),
      only(['떡갈비 정식', 15000], '떡갈비', '한정식', '식당', '밥상'),
      only(['오리탕 (중)', 45000], '오리탕', '식당'),
      only(['육전', 25000], '육전', '한정식', '식당'),
      only(['순대 (소)', 10000], '국밥', '순대국밥', '해장국'),
      only(['수육 (소)', 20000], '국밥', '곰탕', '순대국밥', '해장국', '감자탕'),
      only(['만두', 5000], '칼국수', '분식', '김밥', '중화요리', '냉면'),
      only(['공기밥', 1000], '백반', '식당', '밥상', '오리탕', '떡갈비', '추어탕', '감자탕', '아구찜', '돼지갈비', '청국장', '애호박찌개'),
    ],
    taglines: [
      only('점심 백반 반찬이 매일 바뀝니다', '백반', '식당', '밥상'),
      '{동}에서 30년',
      only('미나리 듬뿍 오리탕', '오리탕'),
      '포장 주문 환영',
      only('국물은 매일 새벽에 우립니다', '국밥', '순대국밥', '해장국', '곰탕', '추어탕', '감자탕'),
      '단체 손님 환영',
    ],
    lines: [
      '단체 예약은 하루 전에 전화 주세요.',
      '가게 앞에 차 네 대를 댈 수 있습니다.',
      '포장은 전화로 미리 주문하시면 기다리지 않으셔도 됩니다.',
      '반찬은 모두 가게에서 직접 만듭니다.',
      '김치는 해남 배추로 담급니다.',
      '{동} 주민센터 건너편입니다.',
    ],
  },
  {
    slug: 'cafes',
    weight: 10,
    trades: ['카페', '커피', '베이커리', '제과', '로스터스'],
    habits: { english: 5, word: 2, placeWord: 2, place: 1 },
    phone: 'landline',
    hours: { opens: '09:00', closes: '22:00', closed: [] },
    offers: [
      ['아메리카노', 4000],
      ['카페라떼', 4500],
      ['생크림 케이크 (1호)', 32000],
      ['소금빵', 3000],
      ['핸드드립', 6000],
    ],
    taglines: [only('매일 아침 굽는 빵', '베이커리', '제과', 'Bakery'), '원두를 직접 볶습니다', '골목 안 조용한 카페', '주문 케이크 전문'],
    lines: [
      '케이크는 이틀 전까지 예약해 주세요.',
      '원두는 200g 단위로도 팝니다.',
      '2층에 노트북 자리가 있습니다.',
      '반려견과 함께 오셔도 됩니다.',
    ],
  },
  {
    slug: 'flowers',
    weight: 6,
    trades: ['꽃집', '플라워', '화원', '꽃방', '꽃농원'],
    habits: { place: 3, placeWord: 2, word: 3, given: 1, home: 1 },
    phone: 'both',
    hours: { opens: '08:00', closes: '20:00', closed: [0] },
    offers: [
      ['꽃바구니', 45000],
      ['동양란', 50000],
      ['장미 꽃다발', 35000],
      ['개업 화분', 70000],
      ['축하 화환', 80000],
    ],
    taglines: ['개업·승진 축하 꽃 당일 배송', '결혼식 부케와 꽃장식', '생화 꽃다발과 화분', '광주 전 지역 2시간 안에 배달'],
    lines: [
      '오전에 주문하시면 광주 시내는 당일 오후에 받으실 수 있습니다.',
      '리본 문구는 주문하실 때 말씀해 주세요.',
      '배달 전에 사진을 보내 드립니다.',
      '장례식장 근조 화환은 밤늦게도 배달합니다.',
      '계절 꽃으로 꽃다발을 만들어 드립니다.',
    ],
  },
  {
    slug: 'drones-cameras',
    weight: 2,
    trades: ['드론', '카메라', '영상', '드론스쿨', '포토'],
    habits: { word: 3, placeWord: 2, owner: 1 },
    phone: 'both',
    hours: { opens: '10:00', closes: '19:00', closed: [0] },
    offers: [
      only(['드론 항공 촬영 (반나절)', 300000], '드론', '영상', '드론스쿨'),
      only(['짐벌 대여 (1일)', 30000], '카메라', '영상', '드론'),
      only(['드론 기초 교육 4회', 150000], '드론', '드론스쿨'),
      only(['프로펠러 교체', 20000], '드론'),
      only(['증명사진', 20000], '포토'),
      only(['카메라 센서 청소', 30000], '카메라'),
    ],
    taglines: [
      only('행사·건물 항공 촬영', '드론', '영상'),
      only('드론 수리와 부품', '드론'),
      only('초경량 비행장치 자격 교육', '드론스쿨', '드론'),
      only('액션캠·짐벌 대여', '카메라', '영상'),
      only('가족사진·증명사진', '포토'),
      '상담은 전화로 먼저 주세요',
    ],
    lines: [
      only('촬영 전에 비행 허가 여부를 함께 확인해 드립니다.', '드론', '영상', '드론스쿨'),
      only('추락 파손 수리는 견적을 먼저 알려 드립니다.', '드론'),
      only('교육은 주말반과 평일 저녁반이 있습니다.', '드론스쿨', '드론'),
      only('대여 장비는 배터리를 완충해서 드립니다.', '카메라', '영상', '드론'),
      '주차는 건물 뒤편에 하시면 됩니다.',
      '방문 전에 전화 주시면 기다리지 않으셔도 됩니다.',
    ],
  },
  {
    slug: 'clinics-pharmacies',
    weight: 7,
    trades: ['내과', '치과', '약국', '한의원', '정형외과', '소아청소년과', '이비인후과', '피부과', '안과', '가정의학과'],
    habits: { owner: 3, word: 2, place: 2, placeWord: 2 },
    phone: 'landline',
    hours: { opens: '09:00', closes: '18:30', saturday: ['09:00', '13:00'], closed: [0], break: ['13:00', '14:00'] },
    offers: [
      only(['국가 건강검진', null], '내과', '가정의학과'),
      only(['스케일링', 15000], '치과'),
      only(['독감 예방접종', 40000], '내과', '가정의학과', '소아청소년과'),
      only(['추나 치료', 20000], '한의원'),
      only(['도수 치료', 80000], '정형외과'),
    ],
    taglines: [
      '토요일 오전 진료',
      '주차장 완비',
      '예약 없이 오셔도 됩니다',
      only('어린이 진료 전문', '소아청소년과'),
      only('임플란트 상담', '치과'),
      only('침·추나 치료', '한의원'),
      only('어느 병원 처방전이든 조제합니다', '약국'),
    ],
    lines: [
      '점심시간(오후 1시~2시)에는 접수를 받지 않습니다.',
      '건물 뒤편 주차장을 이용하세요.',
      '처방전은 근처 약국 어디서나 받으실 수 있습니다.',
      '엘리베이터가 있어 휠체어로 오실 수 있습니다.',
    ],
  },
  {
    slug: 'hair',
    weight: 7,
    trades: ['헤어', '미용실', '헤어살롱', '헤어샵'],
    habits: { given: 4, word: 2, place: 1, placeWord: 1, owner: 1 },
    phone: 'both',
    hours: { opens: '10:00', closes: '20:00', closed: [1] },
    offers: [
      ['커트', 15000],
      ['펌', 60000],
      ['염색', 50000],
      ['남성 커트', 12000],
      ['두피 스케일링', 30000],
    ],
    taglines: ['예약제로 운영합니다', '남성 커트 전문', '두피 관리와 염색', '어르신 커트 할인'],
    lines: [
      '예약하시면 기다리지 않으셔도 됩니다.',
      '새치 염색은 한 시간 정도 걸립니다.',
      '어린이 커트도 합니다.',
      '원장 혼자 하는 작은 가게입니다.',
    ],
  },
  {
    slug: 'nails-skin',
    weight: 3,
    trades: ['네일', '네일아트', '피부관리실', '에스테틱', '속눈썹'],
    habits: { given: 3, word: 2, place: 1, placeWord: 2, owner: 1 },
    phone: 'mobile',
    hours: { opens: '10:00', closes: '21:00', closed: [0] },
    offers: [
      only(['젤네일', 40000], '네일', '네일아트'),
      only(['손톱 케어', 20000], '네일', '네일아트'),
      only(['속눈썹 연장', 50000], '속눈썹'),
      only(['피부 관리 (1회)', 60000], '피부관리실', '에스테틱'),
    ],
    taglines: [only('속눈썹 연장 전문', '속눈썹'), only('피부 관리 10회권 할인', '피부관리실', '에스테틱'), '1인 예약제'],
    lines: [
      '예약은 문자로 받습니다.',
      only('디자인 사진을 가져오시면 그대로 해 드립니다.', '네일', '네일아트', '속눈썹'),
      '남성 손님도 오십니다.',
      '주차는 건물 지하에 하시면 됩니다.',
    ],
  },
  {
    slug: 'academies',
    weight: 6,
    trades: ['수학학원', '영어학원', '공부방', '교습소', '피아노학원', '미술학원', '국어논술', '과학학원'],
    habits: { word: 3, place: 2, placeWord: 2, owner: 2 },
    phone: 'both',
    hours: { opens: '14:00', closes: '22:00', saturday: ['10:00', '18:00'], closed: [0] },
    offers: [
      only(['중등 수학 (주 3회)', 250000], '수학학원', '공부방', '교습소'),
      only(['초등 영어 (주 2회)', 200000], '영어학원', '공부방', '교습소'),
      only(['피아노 개인 레슨', 150000], '피아노학원'),
      only(['고등 국어 (주 2회)', 280000], '국어논술'),
      only(['초등 미술 (주 2회)', 120000], '미술학원'),
      only(['중등 과학 (주 2회)', 220000], '과학학원'),
    ],
    taglines: ['소수 정예 내신 대비', only('초등 영어 원어민 수업', '영어학원'), '무료 상담 언제나', '차량 운행합니다'],
    lines: [
      '한 반은 여섯 명을 넘지 않습니다.',
      '첫 달 수업 전에 수준 진단을 합니다.',
      '{동} 일대 차량 운행을 합니다.',
      '상담은 평일 오후 2시 이후에 가능합니다.',
    ],
  },
  {
    slug: 'realtors',
    weight: 6,
    trades: ['공인중개사사무소', '부동산', '공인중개사'],
    habits: { place: 2, placeWord: 3, word: 2, owner: 2 },
    phone: 'both',
    hours: { opens: '09:00', closes: '19:00', saturday: ['10:00', '17:00'], closed: [0] },
    offers: [
      ['원룸 월세 중개', null],
      ['아파트 매매 중개', null],
      ['상가 임대 중개', null],
    ],
    taglines: ['{동} 원룸 전문', '상가 임대 상담', '아파트 매매·전세', '{동}에서 20년'],
    lines: [
      '매물은 직접 보여 드리고 안내합니다.',
      '저녁 시간 방문은 전화로 약속해 주세요.',
      '계약 전에 등기부등본을 함께 확인합니다.',
      '학생 원룸은 방학 전에 빨리 나갑니다.',
    ],
  },
  {
    slug: 'car-repair',
    weight: 5,
    trades: ['카센터', '자동차정비', '모터스', '타이어', '자동차공업사'],
    habits: { place: 2, word: 2, placeWord: 3, owner: 1, family: 1 },
    phone: 'landline',
    hours: { opens: '08:30', closes: '19:00', saturday: ['08:30', '15:00'], closed: [0] },
    offers: [
      ['엔진오일 교환', 50000],
      ['타이어 교체 (1짝)', 80000],
      ['브레이크 패드 교체', 70000],
      ['에어컨 점검', 30000],
    ],
    taglines: ['수입차 정비 가능', '타이어 당일 교체', '출장 배터리 교체', '정직한 견적'],
    lines: [
      '수리 전에 부품값과 공임을 먼저 알려 드립니다.',
      '교체한 부품은 돌려 드립니다.',
      '가까운 곳은 차를 가지러 갑니다.',
      '보험 수리도 합니다.',
    ],
  },
  {
    slug: 'moving-cleaning',
    weight: 5,
    trades: ['이사', '용달', '청소', '익스프레스', '클린', '이삿짐센터'],
    habits: { word: 3, place: 2, owner: 2, family: 1 },
    phone: 'mobile',
    hours: { opens: '08:00', closes: '20:00', closed: [] },
    offers: [
      only(['원룸 이사', 250000], '이사', '익스프레스', '이삿짐센터', '용달'),
      only(['입주 청소 (30평대)', 300000], '청소', '클린'),
      only(['1톤 용달', 60000], '용달', '이사', '익스프레스'),
      only(['에어컨 청소', 80000], '청소', '클린'),
    ],
    taglines: [
      only('포장 이사 견적 무료', '이사', '이삿짐센터', '익스프레스'),
      only('입주 청소 전문', '청소', '클린'),
      only('1톤 용달 당일 가능', '용달'),
      only('에어컨 분해 청소', '청소', '클린'),
      '견적 무료',
    ],
    lines: [
      '견적은 사진으로도 받아 드립니다.',
      only('주말 이사는 두 주 전에 예약해 주세요.', '이사', '이삿짐센터', '익스프레스', '용달'),
      only('청소 후 사진으로 확인해 드립니다.', '청소', '클린'),
      '엘리베이터 없는 건물도 갑니다.',
    ],
  },
  {
    slug: 'repair-home',
    weight: 4,
    trades: ['설비', '보일러', '전기', '철물', '인테리어', '도배'],
    habits: { place: 2, owner: 2, family: 1, word: 1, store: 1 },
    phone: 'mobile',
    hours: { opens: '08:00', closes: '19:00', closed: [0] },
    offers: [
      only(['보일러 점검', 30000], '보일러', '설비'),
      only(['수도꼭지 교체', 40000], '설비', '철물'),
      only(['도배 (방 한 칸)', 250000], '도배', '인테리어'),
      only(['콘센트 교체', 20000], '전기'),
    ],
    taglines: [
      only('보일러·수도 당일 출장', '보일러', '설비'),
      only('도배·장판 견적 무료', '도배', '인테리어'),
      only('철물·공구 도소매', '철물'),
      only('전기 공사 면허 업체', '전기'),
      '{동} 어디든 출장',
    ],
    lines: [
      '{동}은 한 시간 안에 갑니다.',
      '출장비는 수리하시면 받지 않습니다.',
      '저녁에도 급한 누수는 와 드립니다.',
      '견적은 보고 나서 말씀드립니다.',
    ],
  },
  {
    slug: 'delivery-food',
    weight: 5,
    trades: ['통닭', '치킨', '족발', '보쌈', '피자', '찜닭'],
    habits: { place: 2, home: 2, word: 2, placeWord: 2 },
    phone: 'landline',
    hours: { opens: '16:00', closes: '01:00', closed: [2] },
    offers: [
      only(['후라이드 치킨', 20000], '통닭', '치킨'),
      only(['양념 반 후라이드 반', 21000], '통닭', '치킨'),
      only(['족발 (중)', 35000], '족발', '보쌈'),
      only(['보쌈 (소)', 30000], '족발', '보쌈'),
      only(['콤비네이션 피자 (L)', 24000], '피자'),
      only(['찜닭 (중)', 28000], '찜닭'),
    ],
    taglines: [
      only('옛날 가마솥 통닭', '통닭', '치킨'),
      only('족발은 매일 아침 삶습니다', '족발', '보쌈'),
      '{동} 전 지역 배달',
      '포장하면 2천원 할인',
    ],
    lines: [
      '주문이 많은 저녁에는 40분쯤 걸립니다.',
      only('닭은 국내산만 씁니다.', '통닭', '치킨', '찜닭'),
      '배달 앱 말고 전화로 주문하셔도 됩니다.',
    ],
  },
  {
    slug: 'pets',
    weight: 2,
    trades: ['동물병원', '애견미용', '펫샵', '애견카페'],
    habits: { place: 2, word: 2, owner: 1, placeWord: 1 },
    phone: 'landline',
    hours: { opens: '09:30', closes: '19:30', saturday: ['09:30', '15:00'], closed: [0] },
    offers: [
      only(['예방 접종', 30000], '동물병원'),
      only(['소형견 목욕', 25000], '애견미용', '펫샵'),
      only(['소형견 미용', 45000], '애견미용', '펫샵'),
      only(['입장 (음료 포함)', 8000], '애견카페'),
    ],
    taglines: [
      only('고양이 진료 전문', '동물병원'),
      only('소형견 미용 예약제', '애견미용', '펫샵'),
      only('대형견도 뛰어놀 수 있는 마당', '애견카페'),
      '주차 가능',
    ],
    lines: [
      only('처음 오시면 접종 수첩을 가져와 주세요.', '동물병원', '애견카페'),
      only('미용은 두 시간쯤 걸립니다.', '애견미용', '펫샵'),
      only('고양이 대기실이 따로 있습니다.', '동물병원'),
      '주차는 가게 앞에 두 대까지 됩니다.',
      '처음 오시는 분은 전화로 먼저 물어봐 주세요.',
    ],
  },
];

/** Classified ads: things for sale (with the words that tell one from another) and jobs, in each poster's own words. */
export const GOODS: Array<[string, string[], number]> = [
  ['원목 식탁', ['4인용', '6인용', '2인용'], 80000], ['아기 유모차', ['휴대용', '디럭스형'], 50000], ['양문형 냉장고', ['800L급', '600L급'], 250000],
  ['접이식 자전거', ['20인치', '16인치'], 90000], ['책상과 의자 세트', ['학생용', '원목'], 60000], ['전기밥솥', ['6인용', '10인용'], 30000],
  ['캠핑 의자', ['2개', '4개'], 20000], ['어린이 전집', ['60권', '45권'], 40000], ['드럼 세탁기', ['12kg', '9kg'], 150000],
  ['전자레인지', ['20L', '23L'], 30000], ['공기청정기', ['거실용', '원룸용'], 60000], ['소파', ['3인용 패브릭', '2인용 가죽'], 120000],
  ['옷장', ['3단', '2문'], 70000], ['카시트', ['신생아용', '주니어'], 50000], ['러닝머신', ['가정용', '접이식'], 150000],
  ['김치냉장고', ['스탠드형', '뚜껑형'], 200000], ['전기자전거', ['20인치', '출퇴근용'], 350000], ['에어프라이어', ['5L', '대용량'], 30000],
];
/** How a poster ends the title; 나눔 gives it away. */
export const GOODS_VERBS = ['팝니다', '급처분합니다', '나눔합니다', '판매합니다', '싸게 팝니다'];
export const GOODS_STATES = ['거의 새것', '상태 좋음', '1년 사용', '박스 있음', '직거래만', '사용감 있음', '이사 정리', '급매', '한 번 사용', '깨끗해요'];
export const GOODS_LINES = ['직접 와서 가져가실 분만 연락 주세요.', '사용한 지 1년 정도 되었고 흠집은 거의 없습니다.', '사진은 문자로 더 보내 드립니다.',
  '이사 때문에 급하게 정리합니다.', '가격 조금은 맞춰 드립니다.'];

export const JOBS: Array<[string, string[]]> = [
  ['카페', ['아르바이트', '바리스타']], ['식당', ['주방 보조', '홀 서빙']], ['편의점', ['아르바이트', '야간 근무자']], ['학원', ['차량 동승 선생님', '상담 실장']],
  ['꽃집', ['배달 기사', '포장 보조']], ['빵집', ['판매 직원', '제빵 보조']], ['미용실', ['인턴', '스태프']], ['약국', ['전산 직원']],
  ['세차장', ['아르바이트']], ['사무실', ['청소 (주 3회)', '경리 직원']], ['헬스장', ['야간 카운터']], ['마트', ['계산원', '진열 직원']],
];
export const JOB_SHIFTS = ['주말', '평일 오전', '평일 저녁', '평일', '주 3일'];
export const JOB_ENDINGS = ['구합니다', '모집합니다', '급구합니다'];
export const JOB_TIMES = ['오전 9시~오후 3시', '오후 5시~10시', '오전 10시~오후 4시', '하루 4시간', '마감까지'];
export const JOB_LINES = ['경력 없어도 괜찮습니다.', '점심 식사를 드립니다.', '근무 시간은 면접 때 맞춰 드립니다.', '4대 보험 가입해 드립니다.',
  '문자로 이름과 나이를 보내 주세요.'];

/** A restaurant named after its dish serves it: the dish's menu line and price. */
export const DISHES: Record<string, [string, number]> = {
  국밥: ['국밥', 9000], 순대국밥: ['순대국밥', 9000], 백반: ['백반', 9000], 떡갈비: ['떡갈비 정식', 15000], 오리탕: ['오리탕 (중)', 45000],
  한정식: ['한정식 (1인)', 25000], 애호박찌개: ['애호박찌개', 9000], 칼국수: ['칼국수', 8000], 냉면: ['물냉면', 9000], 추어탕: ['추어탕', 10000],
  감자탕: ['감자탕 (중)', 30000], 해장국: ['해장국', 9000], 곰탕: ['곰탕', 11000], 아구찜: ['아구찜 (중)', 45000], 쌈밥: ['쌈밥 정식', 12000],
  청국장: ['청국장', 9000], 돼지갈비: ['돼지갈비 (1인분)', 16000], 육전: ['육전', 25000], 보리밥: ['보리밥', 9000], 김밥: ['김밥', 3500],
  분식: ['떡볶이', 4000], 중화요리: ['짜장면', 7000],
};
