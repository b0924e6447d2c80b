import { describe, expect, it } from 'vitest';
import { evaluate, FIELDS, formatTable, JUDGED } from '../../../scripts/ad-text-judged.js';

/** The lowest precision and recall each field may fall to on the judged set (the figures in docs/intake.md). */
const FLOORS: Record<(typeof FIELDS)[number], { precision: number; recall: number }> = {
  name: { precision: 0.9, recall: 0.9 },
  kind: { precision: 0.98, recall: 0.98 },
  category: { precision: 0.9, recall: 0.88 },
  phones: { precision: 0.98, recall: 0.98 },
  branches: { precision: 0.85, recall: 0.8 },
  prices: { precision: 0.9, recall: 0.9 },
  account: { precision: 1, recall: 1 },
};

describe('print-ad parser on the judged set', () => {
  const result = evaluate();

  it('the judged set holds at least 40 ads, the two real ones among them', () => {
    expect(JUDGED.length).toBeGreaterThanOrEqual(40);
    expect(JUDGED.map((a) => a.id)).toEqual(expect.arrayContaining(['real-60flower', 'real-hdkorea']));
  });

  it.each(FIELDS.map((f) => [f]))('%s: precision and recall at or above the floor', (field) => {
    const score = result.scores[field];
    const misses = result.misses.filter((m) => m.field === field);
    expect({ field, precision: score.precision >= FLOORS[field].precision, recall: score.recall >= FLOORS[field].recall, misses })
      .toMatchObject({ precision: true, recall: true });
  });

  it('no stored field keeps a bracket, a separator at its edge or a lone label', () => {
    expect(result.dirty).toEqual([]);
  });

  it('prints a table with one row per field', () => {
    expect(formatTable(result).split('\n').filter((l) => l.startsWith('| ')).length).toBe(FIELDS.length + 1);
  });
});
