/**
 * Correcting a one-jamo slip in a query's short Hangul words (화한 → 화환, 드롱 → 드론), against what the directory holds:
 * the categories' trade words and how often names and keywords hold each variant.
 */
import type { Knex } from 'knex';
import { cachedFor } from '../../lib/cached.js';
import type { Category } from '../listings/index.js';
import { phoneQueryDigits } from '../phones/index.js';
import { parseQuery, type ParsedQuery } from './search-tokens.js';
import * as repo from './search.repository.js';
import { clausesFor } from './search-clauses.js';
import { oneJamoVariants } from './search-typos.js';

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** Typo probes count matches up to this many: enough to prefer the common spelling. */
const TYPO_PROBE_CAP = 50;

export function createShortWordCorrector(db: Knex, categories: () => Promise<Category[]>) {
  /** Hangul words of the categories (names and synonyms): the words a one-syllable typo may be corrected to. */
  const tradeWords = cachedFor(
    30_000,
    async () =>
      new Set((await categories()).flatMap((c) => [c.nameKo, ...c.synonyms].flatMap((w) => w.match(/[\uAC00-\uD7A3]+/g) ?? []))),
  );

  /**
   * A query whose 1–2 syllable Hangul words hold a one-jamo slip (화한, 드롱): the same query with the first such word
   * corrected. Two-syllable words: the variant that names or keywords hold most often (a trade word of the categories
   * first), searched at once (`results`). One syllable: only a trade word, and only offered, never searched: too many
   * syllables are one jamo from any other.
   */
  async function correctShortWords(
    p: ParsedQuery,
    filters: { categoryId?: number; districts: string[]; kind?: string },
  ): Promise<{ query: ParsedQuery; results: boolean } | null> {
    const vocabulary = await tradeWords();
    for (const word of p.words) {
      const chars = [...word];
      if (chars.length > 2 || !HANGUL_WORD.test(word)) continue;
      // One syllable: only trade words are candidates. Two: any variant, a trade word counting above every other.
      const variants = oneJamoVariants(word).filter((v) => chars.length === 2 || vocabulary.has(v));
      if (variants.length === 0) continue;
      const probes = variants.map((v) =>
        clausesFor({ ...p, terms: [v], singleSyllable: false, districts: [] }, filters).map((c, i) =>
          i === 0 ? { ...c, fields: ['name' as const, 'keywords' as const] } : c,
        ),
      );
      const counts = await repo.matchCounts(db, probes, TYPO_PROBE_CAP);
      const score = (i: number) => (counts[i] === 0 ? 0 : counts[i] + (vocabulary.has(variants[i]) ? TYPO_PROBE_CAP + 1 : 0));
      let best = 0;
      for (let i = 1; i < variants.length; i++) if (score(i) > score(best)) best = i;
      if (score(best) > 0)
        return { query: parseQuery(p.text.replace(word, variants[best]), phoneQueryDigits), results: chars.length === 2 };
    }
    return null;
  }

  return correctShortWords;
}
