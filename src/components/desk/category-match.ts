/**
 * A category typed in a CSV or a paste → one of ours (pure). Spaces, punctuation and case never matter ("병원약국" is
 * 병원·약국); a Korean name, English name, slug or search synonym matches outright ("꽃집" → 꽃·화환 배달). A near miss
 * (a part of a name, a synonym inside the text, one letter off) is matched too, but marked for the desk to confirm.
 * Only text that resembles nothing is refused, with the closest categories as suggestions.
 */

export interface MatchableCategory {
  id: number;
  slug: string;
  nameKo: string;
  nameEn: string;
  parentId?: number | null;
  synonyms?: string[];
}

export type CategoryMatch<C extends MatchableCategory> =
  | { kind: 'exact'; category: C }
  | { kind: 'near'; category: C }
  | { kind: 'none'; suggestions: C[] };

export const squashCategory = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const bigrams = (s: string) => new Set(s.length < 2 ? [s] : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  const syllables = [...new Set(a)].filter((ch) => b.includes(ch)).length / Math.max(1, new Set(a).size);
  return (2 * shared) / (x.size + y.size) + syllables / 2;
}

/** The words a category answers to, squashed: its names, slug, the parts of its Korean name, its synonyms. */
function wordsOf(c: MatchableCategory) {
  const names = [c.nameKo, c.nameEn, c.slug].map(squashCategory);
  const parts = c.nameKo.split(/[·\s/,]+/).map(squashCategory).filter((p) => p.length >= 2);
  return { names, parts, synonyms: (c.synonyms ?? []).map(squashCategory).filter(Boolean) };
}

export function matchCategory<C extends MatchableCategory>(typed: string, categories: C[]): CategoryMatch<C> {
  const q = squashCategory(typed);
  const leaves = categories.filter((c) => c.parentId !== null);
  const ordered = [...leaves, ...categories.filter((c) => c.parentId === null)];
  if (!q) return { kind: 'none', suggestions: [] };
  const exact = ordered.find((c) => wordsOf(c).names.includes(q)) ?? leaves.find((c) => wordsOf(c).synonyms.includes(q));
  if (exact) return { kind: 'exact', category: exact };

  const scored = leaves.map((c) => {
    const w = wordsOf(c);
    const all = [...w.names, ...w.parts, ...w.synonyms];
    let score = 0;
    if (w.parts.includes(q)) score = Math.max(score, 3);
    if (q.length >= 2 && all.some((x) => x.length >= 2 && (x.includes(q) || q.includes(x)))) score = Math.max(score, 2);
    if (q.length >= 3 && all.some((x) => editDistance(q, x, 1) <= 1)) score = Math.max(score, 2.5);
    return { c, score, like: Math.max(...all.map((x) => similarity(q, x))) };
  });
  const best = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || b.like - a.like)[0];
  if (best) return { kind: 'near', category: best.c };
  const suggestions = scored.filter((s) => s.like > 0).sort((a, b) => b.like - a.like).slice(0, 3).map((s) => s.c);
  return { kind: 'none', suggestions };
}
