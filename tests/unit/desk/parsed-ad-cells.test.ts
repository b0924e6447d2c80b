/**
 * A parsed print ad → import cells: the parser's kind is kept, and its own doubts (name bounds, category confidence) mark cells to check.
 */
import { describe, expect, it } from 'vitest';
import { cellsFromParsedAd } from '../../../src/components/desk/desk-rows.js';
import type { ParsedAd } from '../../../src/components/submissions/index.js';

const ad = (extra: Record<string, unknown> = {}): ParsedAd =>
  ({
    kind: 'business',
    classified: null,
    name: '양림 꽃방',
    nameLatin: null,
    legalName: null,
    brands: [],
    categories: [{ id: 2, name: '꽃·화환 배달' }],
    description: '',
    serviceArea: null,
    deliveryNote: null,
    phones: [{ e164: '+821043218765', display: '010-4321-8765', type: 'mobile', label: null, extension: null }],
    branches: [],
    offers: [],
    paymentAccounts: [],
    ...extra,
  }) as unknown as ParsedAd;

describe('cellsFromParsedAd', () => {
  it('keeps the parser\'s kind: a classified ad stays a classified', () => {
    expect(cellsFromParsedAd(ad({ kind: 'classified' })).cells.kind).toBe('classified');
    expect(cellsFromParsedAd(ad()).cells.kind).toBe('business');
  });

  it('a sure reading marks nothing; an unsure name or a category short of high confidence is marked to check', () => {
    expect(cellsFromParsedAd(ad()).unsure).toEqual([]);
    expect(cellsFromParsedAd(ad({ nameUnsure: true })).unsure).toEqual(['name']);
    expect(cellsFromParsedAd(ad({ category: { id: 2, name: '꽃·화환 배달', confidence: 'medium' } })).unsure).toEqual(['category']);
    expect(cellsFromParsedAd(ad({ category: { id: 2, name: '꽃·화환 배달', confidence: 'high' }, nameUnsure: false })).unsure).toEqual([]);
  });
});
