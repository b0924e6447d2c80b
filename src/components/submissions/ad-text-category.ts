/**
 * The category a print ad belongs to, from its trade words (국밥, 백반 → 음식점; 카센터, 정비 → 정비·세차; 애견호텔 →
 * 반려동물), with a confidence; none when nothing fits. The trade words are keyed by our category slugs (the categories
 * migration); the categories' own synonyms (editable by an admin) count too, with less weight.
 */
import type { ClassifiedDeal } from './ad-text-data.js';

export interface CategoryHint { id: number; nameKo: string; synonyms: string[]; slug?: string; parentId?: number | null }
export type CategoryConfidence = 'high' | 'medium' | 'low';
export interface CategoryGuess { id: number; slug: string | null; name: string; confidence: CategoryConfidence }

/** Trade words print uses, by category slug. A word found in the shop's name weighs most. */
export const TRADE_WORDS: Readonly<Record<string, readonly string[]>> = {
  restaurants: ['국밥', '백반', '식당', '한식', '중식', '일식', '반점', '짜장면', '짬뽕', '탕수육', '곰탕', '찌개', '부대찌개', '도시락', '김밥',
    '분식', '갈비', '삼겹살', '횟집', '냉면', '칼국수', '해장국', '순대', '정식', '밥집', '맛집', '한정식'],
  cafes: ['카페', '커피', '아메리카노', '라떼', '베이커리', '제과', '빵집', '디저트'],
  'delivery-food': ['치킨', '피자', '족발', '보쌈', '후라이드', '야식'],
  flowers: ['꽃집', '꽃배달', '화환', '축하화환', '근조화환', '플라워', '꽃다발', '꽃바구니', '화분', '꽃방'],
  'drones-cameras': ['드론', '카메라', '짐벌', 'dji'],
  electronics: ['휴대폰', '핸드폰', '스마트폰', '가전', '전자'],
  'car-repair': ['카센터', '정비', '엔진오일', '타이어', '세차', '공업사', '판금', '도색', '펑크'],
  'car-dealers': ['중고차', '렌터카', '렌트카', '년식', '무사고'],
  'repair-home': ['열쇠', '도어락', '보일러', '설비', '배관', '누수', '전기공사', '방수', '철물'],
  'moving-cleaning': ['이사', '용달', '청소', '입주청소', '세탁', '세탁소', '빨래', '크리닝', '수선'],
  printing: ['인쇄', '현수막', '명함', '간판', '전단', '애드'],
  pets: ['애견', '반려견', '애견호텔', '애견미용', '고양이', '동물병원', '펫'],
  hair: ['미용실', '헤어', '커트', '펌', '염색', '이발'],
  'nails-skin': ['네일', '젤네일', '피부', '마사지', '속눈썹', '왁싱'],
  'clinics-pharmacies': ['병원', '의원', '치과', '약국', '한의원', '외과', '내과', '정형외과', '임플란트', '물리치료', '도수치료', '진료'],
  fitness: ['헬스', '요가', '필라테스', 'pt'],
  academies: ['학원', '과외', '수학', '영어', '입시', '내신', '보습'],
  'music-art': ['피아노', '교습소', '미술', '음악', '레슨', '바이올린'],
  realtors: ['부동산', '공인중개사', '중개', '아파트', '매매', '주택', '단독주택', '빌라', '토지', '대지'],
  rooms: ['원룸', '투룸', '상가', '임대', '전세', '월세', '오피스텔', '보증금'],
  'funeral-events': ['장례', '상조', '행사', '웨딩'],
  'legal-tax': ['법무사', '세무사', '변호사', '행정사', '세무'],
  'used-goods': ['중고', '팝니다', '삽니다', '나눔', '교환'],
  jobs: ['구인', '구직', '알바', '채용', '시급', '일자리'],
};

/** Every trade word, for telling a trade phrase from a shop's name. */
export const ALL_TRADE_WORDS: ReadonlySet<string> = new Set(Object.values(TRADE_WORDS).flat());

/** The categories a classified deal can belong to: a job is a job, a room a room; goods are goods, cars or homes. */
const DEAL_CATEGORIES: Record<ClassifiedDeal, readonly string[]> = {
  job: ['jobs'],
  rent: ['rooms', 'realtors'],
  sell: ['used-goods', 'car-dealers', 'realtors'],
  buy: ['used-goods', 'car-dealers', 'realtors'],
  wanted: ['used-goods', 'jobs', 'rooms'],
  share: ['used-goods'],
  swap: ['used-goods'],
};
/** Categories only a classified belongs to (a business is never put in 중고거래 or 구인구직 by its words). */
const CLASSIFIED_ONLY = new Set(['used-goods', 'jobs']);

function countIn(text: string, word: string): number {
  if (word.length < 2) return 0;
  const w = word.toLowerCase();
  // A Latin word counts only as a whole word (pt in "script" is not personal training).
  if (/^[a-z]+$/.test(w)) return new RegExp(`(?<![a-z])${w}(?![a-z])`).test(text) ? 1 : 0;
  return text.includes(w) ? 1 : 0;
}

/**
 * The best category for an ad, or null. `name`: the shop's name or the classified's title; `head`: the words around
 * the name (its trade phrase); `text`: the whole ad. high: a trade word in the name, or the only category the deal
 * allows; medium: trade words elsewhere, clearly ahead of the next category; low: only a synonym, or a near tie.
 */
export function guessCategory(
  input: { name: string; head: string; text: string; deal: ClassifiedDeal | null },
  hints: CategoryHint[],
): CategoryGuess | null {
  const children = hints.filter((h) => h.parentId !== null);
  const name = input.name.toLowerCase();
  const head = input.head.toLowerCase();
  const text = input.text.toLowerCase();
  const allowed = input.deal ? new Set(DEAL_CATEGORIES[input.deal]) : null;
  const scored = children
    .map((hint) => {
      const words = hint.slug ? (TRADE_WORDS[hint.slug] ?? []) : [];
      let score = 0;
      let inName = false;
      for (const w of words) {
        if (countIn(name, w)) {
          score += 4;
          inName = true;
        } else if (countIn(head, w)) score += 2;
        else score += countIn(text, w);
      }
      // The admin's synonyms: a word the trade list does not already hold counts once.
      for (const w of hint.synonyms) if (!words.includes(w.toLowerCase()) && countIn(text, w)) score += 1;
      return { hint, score, inName };
    })
    .filter((s) => s.score > 0 && (allowed ? !!s.hint.slug && allowed.has(s.hint.slug) : !CLASSIFIED_ONLY.has(s.hint.slug ?? '')));
  if (allowed && allowed.size === 1) {
    const only = children.find((h) => h.slug === [...allowed][0]);
    return only ? { id: only.id, slug: only.slug ?? null, name: only.nameKo, confidence: 'high' } : null;
  }
  if (allowed && scored.length === 0) {
    const first = children.find((h) => h.slug === DEAL_CATEGORIES[input.deal!][0]);
    return first ? { id: first.id, slug: first.slug ?? null, name: first.nameKo, confidence: 'medium' } : null;
  }
  scored.sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (!best) return null;
  const margin = best.score - (next?.score ?? 0);
  const confidence: CategoryConfidence = best.inName && margin >= 2 ? 'high' : best.score >= 2 && margin >= 1 ? 'medium' : 'low';
  return { id: best.hint.id, slug: best.hint.slug ?? null, name: best.hint.nameKo, confidence };
}
