/**
 * The page cache's counters as the app's /metrics shows them (the bench starts the app with METRICS_ALLOW=127.0.0.1),
 * read before and after a segment: how many of its requests a kept page answered, and how many were rendered. A
 * target whose ratio to the wire falls short is either slow per request or missing the cache; these tell which.
 */
export interface CacheCounts {
  hits: number;
  misses: number;
  /** Pages kept at the moment of reading. */
  pages: number;
}

const sum = (text: string, name: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(name) && (l[name.length] === '{' || l[name.length] === ' '))
    .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);

/** Null when /metrics does not answer (an old build, another configuration): the table then leaves the column empty. */
export async function readCacheCounts(origin: string): Promise<CacheCounts | null> {
  try {
    const res = await fetch(`${origin}/metrics`);
    const text = await res.text();
    if (res.status !== 200) return null;
    return {
      hits: sum(text, 'golmok_page_cache_hits_total'),
      misses: sum(text, 'golmok_page_cache_misses_total'),
      pages: sum(text, 'golmok_page_cache_pages'),
    };
  } catch {
    return null;
  }
}

export interface CacheDelta { hits: number; misses: number; hitShare: number; pages: number }

/** What happened between two readings: the share of the segment's cacheable requests a kept page answered. */
export function cacheDelta(before: CacheCounts | null, after: CacheCounts | null): CacheDelta | null {
  if (!before || !after) return null;
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  return { hits, misses, hitShare: hits + misses ? hits / (hits + misses) : NaN, pages: after.pages };
}
