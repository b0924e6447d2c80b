/**
 * Road-name addresses (도로명주소): 시도 · 시군구 · 도로명 · 건물번호 [· 상세].
 * 시도 names and their short forms are a data table, not code: region names change.
 */
export interface Sido { name: string; short: string; aliases: string[]; areaCode: string }

export const SIDO: readonly Sido[] = [
  { name: '서울특별시', short: '서울', aliases: ['서울시'], areaCode: '02' },
  { name: '부산광역시', short: '부산', aliases: ['부산시'], areaCode: '051' },
  { name: '대구광역시', short: '대구', aliases: ['대구시'], areaCode: '053' },
  { name: '인천광역시', short: '인천', aliases: ['인천시'], areaCode: '032' },
  { name: '광주광역시', short: '광주', aliases: ['광주시'], areaCode: '062' },
  { name: '대전광역시', short: '대전', aliases: ['대전시'], areaCode: '042' },
  { name: '울산광역시', short: '울산', aliases: ['울산시'], areaCode: '052' },
  { name: '세종특별자치시', short: '세종', aliases: ['세종시'], areaCode: '044' },
  { name: '경기도', short: '경기', aliases: [], areaCode: '031' },
  { name: '강원특별자치도', short: '강원', aliases: ['강원도'], areaCode: '033' },
  { name: '충청북도', short: '충북', aliases: [], areaCode: '043' },
  { name: '충청남도', short: '충남', aliases: [], areaCode: '041' },
  { name: '전북특별자치도', short: '전북', aliases: ['전라북도'], areaCode: '063' },
  { name: '전라남도', short: '전남', aliases: [], areaCode: '061' },
  { name: '경상북도', short: '경북', aliases: [], areaCode: '054' },
  { name: '경상남도', short: '경남', aliases: [], areaCode: '055' },
  { name: '제주특별자치도', short: '제주', aliases: ['제주도'], areaCode: '064' },
];

export const GWANGJU_DISTRICTS = ['동구', '서구', '남구', '북구', '광산구'] as const;

/** Romanised names of Gwangju's districts (Revised Romanization, as on the city's English site). */
const DISTRICT_ROMAN: Record<string, string> = { 동구: 'Dong-gu', 서구: 'Seo-gu', 남구: 'Nam-gu', 북구: 'Buk-gu', 광산구: 'Gwangsan-gu' };

/** A district's name for a language: English pages show "Buk-gu" with the Hangul beside (native), Korean pages the Hangul alone. */
export function districtLabel(sigungu: string, lang: 'ko' | 'en'): { name: string; native: string | null } {
  const roman = DISTRICT_ROMAN[sigungu];
  return lang === 'en' && roman ? { name: roman, native: sigungu } : { name: sigungu, native: null };
}

export function normaliseSido(text: string): string | null {
  const t = text.trim();
  const found = SIDO.find((s) => s.name === t || s.short === t || s.aliases.includes(t));
  return found?.name ?? null;
}

export interface RoadAddress {
  sido: string;
  sigungu: string;
  roadName: string;
  buildingNo: string;
  detail: string;
}

/**
 * Splits "광주 북구 금남로 24" or "광주광역시 서구 군분2로 54, 2층" into parts; null when it is not a road-name address.
 * The 시군구 may be two words (수원시 팔달구); the road name ends in 로 / 길 and may contain digits (군분2로, 상무중앙로10번길).
 */
export function parseRoadAddress(text: string): RoadAddress | null {
  const words = text.normalize('NFC').replace(/\s+/g, ' ').trim().split(' ');
  const sido = normaliseSido(words[0] ?? '');
  if (!sido) return null;
  let i = 1;
  const sigunguWords: string[] = [];
  while (i < words.length && /[시군구]$/.test(words[i]) && sigunguWords.length < 2) sigunguWords.push(words[i++]);
  if (sigunguWords.length === 0 && sido !== '세종특별자치시') return null;
  const roadMatch = words.slice(i).join(' ').match(/^(\S+?(?:로|길))\s*(\d+(?:-\d+)?)(?:\s*,?\s*(.*))?$/);
  if (!roadMatch) return null;
  return {
    sido,
    sigungu: sigunguWords.join(' '),
    roadName: roadMatch[1],
    buildingNo: roadMatch[2],
    detail: (roadMatch[3] ?? '').replace(/^,\s*/, '').trim(),
  };
}

/** "광주광역시 북구 금남로 24 2층" — the full form used on pages, map links and vCards. */
export function formatRoadAddress(a: {
  sido?: string | null;
  sigungu?: string | null;
  roadName?: string | null;
  buildingNo?: string | null;
  detail?: string | null;
}): string {
  return [a.sido, a.sigungu, a.roadName && a.buildingNo ? `${a.roadName} ${a.buildingNo}` : a.roadName, a.detail]
    .filter((p) => p && String(p).trim())
    .join(' ');
}
