/**
 * The relevance order on hand-built candidates (search-ranking.ts; the SQL twin RELEVANCE_ORDER is run on both engines
 * by tests/integration/search/judged-set.test.ts): the evidence decides before quality, quality before the id.
 */
import { describe, expect, it } from 'vitest';
import { rankCandidates, sortRanked } from '../../../src/components/search/search-ranking.js';
import type { CandidateMeta } from '../../../src/components/search/search.repository.js';

const NOW = new Date('2026-11-24T02:00:00Z');
let nextId = 1;
const cand = (name: string, over: Partial<CandidateMeta> = {}): CandidateMeta & { score: number } => ({
  listingId: nextId++, nameNorm: name, nameHit: false, compactHit: true, tier: 4, quality: 4, districts: [], categoryId: 1,
  publishedAt: NOW, featured: false, expired: false, found: 1, places: 0, evidence: 2, score: 0, ...over,
});
const order = (cands: Array<CandidateMeta & { score: number }>, compact = '드론') =>
  sortRanked(rankCandidates(cands, { compact }), 'relevance').map((r) => r.nameNorm);

describe('relevance order', () => {
  it('드론: the shop whose own description says it (and is filed under it) beats newer, more complete category-only shops', () => {
    const hd = cand('hdkorea', { tier: 3, evidence: 3, quality: 4 });
    const decoys = [1, 2, 3].map((i) => cand(`decoy${i}`, { tier: 4, evidence: 2, quality: 5 }));
    expect(order([hd, ...decoys])[0]).toBe('hdkorea');
  });

  it('names > own words > offers > description with category > category alone > description alone', () => {
    const names = ['desc', 'cat', 'desccat', 'offers', 'own', 'name'];
    const list = [5, 4, 3, 2, 1, 0].map((tier, i) => cand(names[i], { tier, quality: 10 - tier * 2 }));
    expect(order(list)).toEqual(['name', 'own', 'offers', 'desccat', 'cat', 'desc']);
  });

  it('a phrase (the whole query as one substring) comes before words found apart', () => {
    expect(order([cand('apart', { compactHit: false, tier: 1 }), cand('phrase', { compactHit: true, tier: 2 })], '축하화환')).toEqual([
      'phrase',
      'apart',
    ]);
  });

  it('more words found, then more place words held by one of its own branches, then the field-weighted sum', () => {
    expect(order([cand('one', { compactHit: false, tier: 7, found: 1 }), cand('two', { compactHit: false, tier: 7, found: 2 })])).toEqual([
      'two',
      'one',
    ]);
    expect(order([cand('mentions', { places: 0 }), cand('onTheRoad', { places: 1 })])).toEqual(['onTheRoad', 'mentions']);
    expect(order([cand('weak', { evidence: 4 }), cand('strong', { evidence: 9 })])).toEqual(['strong', 'weak']);
  });

  it('equal evidence: quality decides, and the id (newest) only after quality', () => {
    const older = cand('older', { quality: 6 });
    const newer = cand('newer', { quality: 4 });
    expect(order([newer, older])).toEqual(['older', 'newer']);
    expect(order([cand('a'), cand('b')])).toEqual(['b', 'a']);
  });

  it('an exact name comes first whatever else', () => {
    expect(order([cand('드론마트', { tier: 0, nameHit: true, quality: 9 }), cand('드론', { tier: 0, nameHit: true, quality: 0 })])).toEqual(
      ['드론', '드론마트'],
    );
  });

  it('a category synonym alone is never an identity below the offers line: tiers up to 4 are, the description alone is not', () => {
    const ranked = rankCandidates([cand('cat', { tier: 4 }), cand('desc', { tier: 5 })], { compact: '드론' });
    expect(ranked.map((r) => r.identity)).toEqual([true, false]);
  });
});
