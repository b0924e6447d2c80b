/**
 * Names for synthetic listings, built the way Gwangju signs are: a place and a trade (봉선꽃집), a place, a word and a
 * trade (첨단우리약국), a sign word and a trade (햇살화원), the owner's name (김미숙헤어, 영희네 국밥, 박씨네 설비,
 * 양동상회), and English-style names for cafés (Slow Garden Coffee, 브라운테이블 커피). A name book keeps them apart.
 */
import { DISTRICT_DONGS, DISTRICT_LANDMARKS, placeWord } from './synthetic-places.js';

export type Rand = () => number;

export function pick<T>(rand: Rand, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Family names, repeated roughly as often as they are common (김, 이, 박 far ahead). */
const SURNAMES = [
  ...Array<string>(10).fill('김'), ...Array<string>(7).fill('이'), ...Array<string>(4).fill('박'), '최', '최', '정', '정', '강', '조', '윤', '장',
  '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '전', '홍', '고', '문', '양', '손', '배', '백', '허', '남', '심', '노', '하', '곽',
  '성', '차', '주', '우', '구', '민', '나', '진', '지', '엄', '채', '원', '천', '방', '공', '현', '함', '변', '염', '여', '추', '도', '소', '석',
];
const GIVEN_NAMES = [
  '미숙', '영희', '순자', '정숙', '경희', '미경', '은주', '지현', '수진', '민지', '혜진', '은정', '미영', '선영', '영숙', '명숙', '옥순', '정희',
  '현주', '지은', '서연', '민서', '하은', '유진', '소연', '은희', '경숙', '숙자', '혜숙', '윤희', '보라', '다은', '지영', '수빈', '예린', '미란',
  '영수', '영호', '철수', '민수', '성호', '정호', '상철', '동욱', '재현', '준호', '성민', '현우', '동현', '지훈', '태호', '광수', '병철', '종민',
  '석진', '진우', '용석', '기철', '만수', '대현', '승우', '도윤', '재민', '형준', '창호', '경수', '인호', '상훈', '정남', '봉수',
];
/** Words shop signs use for luck, warmth and trust, and local ones (무등, 빛고을, 영산강). */
export const SIGN_WORDS = [
  '무등', '빛고을', '햇살', '으뜸', '우리', '행복', '사랑', '소망', '희망', '새봄', '다온', '라온', '한빛', '온누리', '푸른', '해뜰', '별빛',
  '달빛', '은행나무', '느티나무', '소나무', '들꽃', '해바라기', '민들레', '봄날', '한결', '바른', '참', '큰', '명품', '보람', '미소', '나래',
  '아름', '도담', '가온', '하늘', '초록', '제일', '대성', '대한', '동양', '늘봄', '새날', '한마음', '정다운', '고운', '해맑은', '든든',
  '튼튼', '새싹', '꿈나무', '무지개', '한울', '참좋은', '믿음', '진심', '정성', '소문난', '남도', '호남', '영산강', '극락강', '광주천',
  '서석', '금당', '백일홍', '동백', '매화', '솔빛', '청솔', '늘푸른', '온새미로', '다솜', '슬기', '알찬', '정직한', '착한', '좋은날',
];
/** English-style café words, each with the Hangul a sign would print for it. */
const EN_FIRST: Array<[string, string]> = [
  ['Slow', '슬로우'], ['Little', '리틀'], ['Blue', '블루'], ['Green', '그린'], ['Warm', '웜'], ['Daily', '데일리'], ['Sunny', '써니'],
  ['Quiet', '콰이엇'], ['Urban', '어반'], ['Simple', '심플'], ['Mellow', '멜로우'], ['Lazy', '레이지'], ['Cozy', '코지'], ['Brown', '브라운'],
  ['White', '화이트'], ['Golden', '골든'], ['Honey', '허니'], ['Moon', '문'], ['Sunday', '선데이'], ['Morning', '모닝'], ['Hidden', '히든'],
  ['Round', '라운드'], ['Salt', '솔트'], ['Maple', '메이플'], ['Olive', '올리브'], ['Velvet', '벨벳'], ['Ivory', '아이보리'], ['Pine', '파인'],
];
const EN_SECOND: Array<[string, string]> = [
  ['Garden', '가든'], ['Table', '테이블'], ['Bean', '빈'], ['Hands', '핸즈'], ['Room', '룸'], ['Corner', '코너'], ['Forest', '포레스트'],
  ['Tree', '트리'], ['Lamp', '램프'], ['House', '하우스'], ['Window', '윈도우'], ['Step', '스텝'], ['Shelf', '셸프'], ['Cup', '컵'],
  ['Oven', '오븐'], ['Field', '필드'], ['Leaf', '리프'], ['Stone', '스톤'], ['Cloud', '클라우드'], ['Bloom', '블룸'], ['Moment', '모먼트'],
  ['Mood', '무드'], ['Porch', '포치'], ['Yard', '야드'], ['Nook', '누크'], ['Harbor', '하버'], ['Hill', '힐'], ['Pocket', '포켓'],
];
const EN_TRADE: Array<[string, string]> = [
  ['Coffee', '커피'],
  ['Cafe', '카페'],
  ['Roasters', '로스터스'],
  ['Bakery', '베이커리'],
  ['Coffee Bar', '커피바'],
];

/** 미숙 → 미숙이네, 영희 → 영희네: 이 after a final consonant, as it is said. */
export function homeOf(given: string): string {
  const last = given.charCodeAt(given.length - 1) - 0xac00;
  return last >= 0 && last < 11172 && last % 28 !== 0 ? `${given}이네` : `${given}네`;
}

/** A place word of the 구: mostly a 동, sometimes a landmark. */
function placeIn(rand: Rand, district: string): string {
  return rand() < 0.8 ? placeWord(pick(rand, DISTRICT_DONGS[district] ?? ['광주'])) : pick(rand, DISTRICT_LANDMARKS[district] ?? ['광주']);
}

/** How a trade names its shops: the name habit and how often a trade uses it. */
export type NameHabit = 'place' | 'placeWord' | 'word' | 'owner' | 'given' | 'home' | 'family' | 'store' | 'english' | 'grandma';
export type NameHabits = Partial<Record<NameHabit, number>>;

/** One name for a shop of `trades` in `district`, by one of the trade's habits. */
export function shopName(rand: Rand, district: string, trades: readonly string[], habits: NameHabits): string {
  const entries = Object.entries(habits) as Array<[NameHabit, number]>;
  let r = rand() * entries.reduce((s, [, w]) => s + w, 0);
  const habit = entries.find(([, w]) => (r -= w) < 0)?.[0] ?? entries[0][0];
  const trade = pick(rand, trades);
  switch (habit) {
    case 'place': return `${placeIn(rand, district)}${trade}`;
    case 'placeWord': return `${placeIn(rand, district)}${pick(rand, SIGN_WORDS)}${trade}`;
    case 'word': return `${pick(rand, SIGN_WORDS)}${trade}`;
    case 'owner': return `${pick(rand, SURNAMES)}${pick(rand, GIVEN_NAMES)}${trade}`;
    case 'given': return `${pick(rand, GIVEN_NAMES)}${trade}`;
    case 'home': return `${homeOf(pick(rand, GIVEN_NAMES))} ${trade}`;
    case 'family': return `${pick(rand, SURNAMES)}씨네 ${trade}`;
    case 'store': return rand() < 0.5 ? `${placeIn(rand, district)}상회` : `${pick(rand, SURNAMES)}${pick(rand, GIVEN_NAMES)}상회`;
    case 'grandma': return `${placeIn(rand, district)}할매${trade}`;
    case 'english': {
      const [a, b, t] = [pick(rand, EN_FIRST), pick(rand, EN_SECOND), pick(rand, EN_TRADE)];
      return rand() < 0.45 ? `${a[0]} ${b[0]} ${t[0]}` : `${a[1]}${b[1]} ${t[1]}`;
    }
  }
}

/**
 * Keeps names apart: a name already given is drawn again (from the same stream, so the result stays deterministic),
 * up to `tries` times; when every draw was taken, the least repeated of them is used, as real cities have their second
 * 우리약국 but not their hundredth.
 */
export function createNameBook(tries = 16) {
  const given = new Map<string, number>();
  let repeats = 0;
  return {
    take(draw: () => string): string {
      let best = draw();
      for (let n = 1; n < tries && given.has(best); n++) {
        const next = draw();
        if (!given.has(next) || given.get(next)! < given.get(best)!) best = next;
      }
      const times = given.get(best) ?? 0;
      if (times > 0) repeats++;
      given.set(best, times + 1);
      return best;
    },
    stats: () => ({ distinct: given.size, repeats }),
  };
}
export type NameBook = ReturnType<typeof createNameBook>;
