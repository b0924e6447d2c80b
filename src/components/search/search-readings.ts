/**
 * Other spellings of a name written in mixed scripts, so that either spelling finds it: a Latin acronym read as its
 * Korean letter names (LG전자 → 엘지전자, GS25 → 지에스25, CU → 씨유), a few Latin words read as Koreans write them
 * (Korea → 코리아, Electronics → 전자), and a Hangul word that starts with spelled-out letters written as the acronym
 * (엘지유플러스 → lg유플러스, 씨제이대한통운 → cj대한통운). Only listing names are read this way (at index time): the
 * query side needs nothing, since each spelling is then in the document. Total: any string in, a list out.
 */

/** The Korean names of the Latin letters, as signs and ads spell them. */
const LETTER_NAMES: Record<string, string> = {
  a: '에이', b: '비', c: '씨', d: '디', e: '이', f: '에프', g: '지', h: '에이치', i: '아이', j: '제이', k: '케이', l: '엘', m: '엠',
  n: '엔', o: '오', p: '피', q: '큐', r: '알', s: '에스', t: '티', u: '유', v: '브이', w: '더블유', x: '엑스', y: '와이', z: '제트',
};

/** Latin words of shop names with their usual Korean reading or equivalent (LG Electronics is LG전자). */
const WORD_READINGS: Record<string, string> = {
  korea: '코리아', electronics: '전자', bank: '은행', mart: '마트', coffee: '커피', flower: '플라워', plus: '플러스', shop: '샵',
  store: '스토어', mobile: '모바일', center: '센터', studio: '스튜디오', bakery: '베이커리', hair: '헤어', beauty: '뷰티',
};

/** Letter names longest first, so 에이치 (H) is read before 에이 (A). */
const BY_LENGTH = Object.entries(LETTER_NAMES).sort((a, b) => b[1].length - a[1].length);

/** An acronym: 2–4 capitals not starting a capitalised word (the HD of HDKorea, but not the K). */
const ACRONYM = /[A-Z]{2,4}(?![a-z])/g;

/** The Latin runs of a name read in Hangul: LG전자 → 엘지전자, HDKorea → 에이치디코리아; null when nothing was read. */
export function hangulReading(name: string): string | null {
  const text = String(name ?? '').normalize('NFC');
  const spelled = text.replace(ACRONYM, (run) => [...run.toLowerCase()].map((c) => LETTER_NAMES[c] ?? c).join(''));
  const read = spelled.replace(/[A-Za-z]+/g, (word) => WORD_READINGS[word.toLowerCase()] ?? word);
  return read === text ? null : read;
}

/** The acronyms a Hangul word may start with: 엘지유플러스 → lg유플러스, lgu플러스 (two letters or more). */
function latinStarts(word: string): string[] {
  const out: string[] = [];
  let letters = '';
  let at = 0;
  while (at < word.length) {
    const hit = BY_LENGTH.find(([, spoken]) => word.startsWith(spoken, at));
    if (!hit) break;
    letters += hit[0];
    at += hit[1].length;
    if (letters.length >= 2) out.push(letters + word.slice(at));
  }
  return out;
}

/** Every other spelling of a name (see the file's comment), without repeats; [] when it has none. */
export function nameReadings(name: string): string[] {
  const text = String(name ?? '').normalize('NFC');
  const out = new Set<string>();
  const reading = hangulReading(text);
  if (reading) out.add(reading);
  for (const word of text.match(/[\uAC00-\uD7A3]+/g) ?? []) for (const start of latinStarts(word)) out.add(start);
  return [...out];
}
