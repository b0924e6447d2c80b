/**
 * Korean particles after a name that may end in Hangul, a digit or a Latin letter: "60플라워로", "꽃집으로", "서울로",
 * "골목3으로", "HDKorea로". es-hangul picks the particle from a Hangul syllable's final consonant (with the ㄹ rule of
 * 으로/로); a digit or a Latin letter is read aloud first (3 → 삼, L → 엘), which is how a Korean reader says the name.
 */
import { josa } from 'es-hangul';

type JosaOption = Parameters<typeof josa.pick>[1];

const DIGIT_READINGS = '영일이삼사오육칠팔구';
const LETTER_READINGS: Record<string, string> = {
  a: '이', b: '비', c: '씨', d: '디', e: '이', f: '프', g: '지', h: '치', i: '이', j: '이', k: '이', l: '엘', m: '엠',
  n: '엔', o: '오', p: '피', q: '큐', r: '알', s: '스', t: '티', u: '유', v: '이', w: '유', x: '스', y: '이', z: '트',
};

/** The syllable a reader pronounces last in `word`, or null when it ends in neither Hangul, a digit nor a Latin letter. */
function lastSpokenSyllable(word: string): string | null {
  const trimmed = word.replace(/[\s)\]}>"'’”.,·!?-]+$/u, '');
  const last = trimmed.at(-1);
  if (!last) return null;
  if (/[가-힣]/.test(last)) return last;
  if (/[0-9]/.test(last)) return DIGIT_READINGS[Number(last)]!;
  const letter = LETTER_READINGS[last.toLowerCase()];
  return letter ?? null;
}

/** The particle that follows `word` (e.g. '으로/로' → '으로' or '로'); the second form when the word cannot be read. */
export function pickJosa(word: string, option: JosaOption): string {
  const syllable = lastSpokenSyllable(word);
  if (!syllable) return option.split('/')[1] ?? option;
  try {
    return josa.pick(syllable, option);
  } catch {
    return option.split('/')[1] ?? option;
  }
}
