/**
 * Every function that turns what a visitor typed into a search is total: for any string it returns a result (or "no
 * reading"), never throws. Property-based: arbitrary Unicode, Latin only, Hangul jamo, mixed scripts, very long and
 * empty strings. A fixed seed keeps a run reproducible; a failure prints the smallest input that breaks it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choseongTokens,
  choseongWords,
  hangulGrams,
  normaliseText,
  parseQuery,
  textTokens,
} from '../../../src/components/search/search-tokens.js';
import { jamoDistance, keyboardReadings, oneJamoVariants, syllableNeighbours } from '../../../src/components/search/search-typos.js';
import { containsNearMiss } from '../../../src/components/search/search-ranking.js';
import { highlightHtml, snippetText } from '../../../src/components/search/search.view-models.js';
import { parsePhone, phoneQueryDigits } from '../../../src/components/phones/index.js';

const chars = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const stringOf = (unit: fc.Arbitrary<string>, maxLength = 40) => fc.array(unit, { maxLength }).map((a) => a.join(''));

const latinWord = stringOf(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), 12);
/** Words and spaces, as typed: `animal hospital`, `Wprhk zkvp`. */
const latinText = fc.array(latinWord, { maxLength: 5 }).map((w) => w.join(' '));
const syllable = chars(0xac00, 0xd7a3);
const compatibilityJamo = chars(0x3131, 0x318e);
const conjoiningJamo = chars(0x1100, 0x11ff);
const digitsAndMarks = fc.constantFrom(...'0123456789-+(). ,원만천₩%');
const mixed = stringOf(
  fc.oneof(
    syllable,
    compatibilityJamo,
    conjoiningJamo,
    digitsAndMarks,
    fc.constantFrom('a', 'Z', 'é', ' ', '\t', '\u00a0', '\u200b', 'İ', 'Σ'),
  ),
);

/** Everything a visitor can send, weighted towards what people type. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
  latinText,
  stringOf(syllable),
  stringOf(compatibilityJamo),
  stringOf(conjoiningJamo),
  mixed,
  fc.constant(''),
  fc.string({ unit: 'binary', minLength: 2_000, maxLength: 5_000 }),
  latinWord.map((w) => `${w} `.repeat(400)),
);

const runs = { numRuns: 400, seed: 33 };

describe('search text functions are total', () => {
  it('normalising, tokens and 초성 never throw', () => {
    fc.assert(fc.property(anyText, (s) => {
      normaliseText(s);
      textTokens(s);
      choseongTokens(s);
      choseongWords(s);
      hangulGrams(s);
    }), runs);
  });

  it('parsing a query (with and without the phone reading) never throws, and spaces around it change nothing', () => {
    fc.assert(fc.property(anyText, (s) => {
      for (const phones of [phoneQueryDigits, () => null]) {
        expect(parseQuery(` ${s} `, phones)).toEqual(parseQuery(s, phones));
        expect(parseQuery(`\n\t${s}\u3000`, phones)).toEqual(parseQuery(s, phones));
      }
    }), runs);
  });

  it('keyboard-mode readings never throw: input with no Hangul reading has none', () => {
    fc.assert(fc.property(fc.oneof(latinText, anyText), (s) => {
      const readings = keyboardReadings(s);
      for (const r of readings) expect(r).toMatch(/^[\uAC00-\uD7A3 ]+$/);
    }), runs);
  });

  it('typo variants, jamo distance, near misses and phone fragments never throw', () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => {
      oneJamoVariants(a);
      jamoDistance(a.slice(0, 40), b.slice(0, 40));
      for (const c of [...a].slice(0, 3)) syllableNeighbours(c);
      containsNearMiss(a, b.slice(0, 20));
      phoneQueryDigits(a);
      parsePhone(a);
    }), runs);
  });

  it('highlighting and snippets of any words in any text never throw', () => {
    fc.assert(fc.property(anyText, fc.array(anyText, { maxLength: 4 }), (text, words) => {
      expect(typeof highlightHtml(text, words)).toBe('string');
      expect(typeof snippetText(text, words)).toBe('string');
    }), runs);
  });
});

describe('English words typed in the search box', () => {
  it.each(['animal hospital', 'hospital job', 'chicken hospital', 'hospital repair'])(
    '%s → no keyboard reading, searched as the English words',
    (q) => {
      expect(keyboardReadings(q)).toEqual([]);
      expect(parseQuery(q, phoneQueryDigits).terms).toEqual(q.split(' '));
    },
  );

  it('Korean typed in English mode still reads as Korean: zkvp → 카페, Wprhk → 제과', () => {
    expect(keyboardReadings('zkvp')).toEqual(['카페']);
    expect(keyboardReadings('Wprhk')).toContain('제과');
  });
});
