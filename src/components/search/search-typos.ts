/**
 * Typos in short Hangul words, at the level of jamo: 화한 (ㅎㅏㄴ) is one jamo from 화환 (ㅎㅗㅏㄴ), 드롱 from 드론, 화완 from
 * 화환. A syllable-level distance cannot tell these apart from any other word of two syllables; a jamo-level one can.
 * es-hangul's `disassemble` splits syllables into jamo (compound vowels and finals into their parts).
 */
import { convertQwertyToHangul, disassemble } from 'es-hangul';

const FIRST_SYLLABLE = 0xac00;
const LAST_SYLLABLE = 0xd7a3;

let bySpelling: Map<string, string> | null = null;
let alphabet: string[] = [];

/** Every syllable by its jamo spelling (11,172 entries, built once on first use, a few milliseconds). */
function spellings(): Map<string, string> {
  if (bySpelling) return bySpelling;
  const map = new Map<string, string>();
  const letters = new Set<string>();
  for (let c = FIRST_SYLLABLE; c <= LAST_SYLLABLE; c++) {
    const syllable = String.fromCharCode(c);
    const jamo = disassemble(syllable);
    if (!map.has(jamo)) map.set(jamo, syllable);
    for (const j of jamo) letters.add(j);
  }
  alphabet = [...letters];
  bySpelling = map;
  return map;
}

const neighbourCache = new Map<string, string[]>();

/** The syllables one jamo away from `syllable` (one jamo replaced, added or dropped), in a fixed order. */
export function syllableNeighbours(syllable: string): string[] {
  const cached = neighbourCache.get(syllable);
  if (cached) return cached;
  const map = spellings();
  const jamo = [...disassemble(syllable)];
  const out = new Set<string>();
  const consider = (letters: string[]) => {
    const s = map.get(letters.join(''));
    if (s && s !== syllable) out.add(s);
  };
  for (let i = 0; i < jamo.length; i++) {
    consider([...jamo.slice(0, i), ...jamo.slice(i + 1)]);
    for (const a of alphabet) if (a !== jamo[i]) consider([...jamo.slice(0, i), a, ...jamo.slice(i + 1)]);
  }
  for (let i = 0; i <= jamo.length; i++) for (const a of alphabet) consider([...jamo.slice(0, i), a, ...jamo.slice(i)]);
  const list = [...out];
  if (neighbourCache.size < 5000) neighbourCache.set(syllable, list);
  return list;
}

/** Jamo-level edit distance between two Hangul strings (Levenshtein over their jamo). */
export function jamoDistance(a: string, b: string): number {
  const x = [...disassemble(a)];
  const y = [...disassemble(b)];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length];
}

/** Words one jamo away from a word of one or two syllables: one syllable changed by one jamo. */
export function oneJamoVariants(word: string): string[] {
  const chars = [...word];
  if (chars.length < 1 || chars.length > 2 || !chars.every((c) => c >= '\uAC00' && c <= '\uD7A3')) return [];
  const out: string[] = [];
  chars.forEach((c, i) => {
    for (const n of syllableNeighbours(c)) out.push(chars.map((x, k) => (k === i ? n : x)).join(''));
  });
  return out;
}

/** Longer text has no keyboard reading (the search box keeps 100 characters). */
export const KEYBOARD_READING_MAX_LENGTH = 100;

/**
 * What Latin letters typed with the keyboard in English mode read as on the 두벌식 layout (zkvp → 카페), in the order
 * to try: as typed; with the capital a phone's keyboard puts at the start of a word lowered (Wprhk is 제과, not 쩨과:
 * Shift turns ㅈ into ㅉ); all lower-case (Caps Lock). Only readings that are whole Hangul syllables.
 */
export function keyboardReadings(latin: string): string[] {
  // The conversion's cost grows faster than its input (400 letters take ~40 ms); no query is longer than this anyway.
  if (latin.length > KEYBOARD_READING_MAX_LENGTH) return [];
  const typed = [latin, latin.replace(/(^|\s)([A-Z])/g, (_, space: string, c: string) => space + c.toLowerCase()), latin.toLowerCase()];
  const readings = typed.map((t) => qwertyAsHangul(t)?.replace(/\s+/g, ' ').trim() ?? '').filter((h) => /^[\uAC00-\uD7A3 ]+$/.test(h));
  return [...new Set(readings)];
}

/**
 * es-hangul's conversion, made total: it throws ("Invalid hangul Characters") when the letters spell jamo that make no
 * syllable (hospital → ㅗ, ㅗㅐ, ㄴ), which is what most English words do. Such input simply has no keyboard reading.
 */
function qwertyAsHangul(latin: string): string | null {
  try {
    return convertQwertyToHangul(latin);
  } catch {
    return null;
  }
}
