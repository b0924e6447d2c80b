/**
 * CSV categories → ours: spaces, punctuation and case ignored; names, slugs and synonyms match; near misses marked; the rest refused with
 * suggestions.
 */
import { describe, expect, it } from 'vitest';
import { matchCategory } from '../../../src/components/desk/category-match.js';

const CATS = [
  { id: 1, parentId: null, slug: 'shopping', nameKo: '쇼핑·판매', nameEn: 'Shopping', synonyms: ['가게', '상점'] },
  { id: 2, parentId: 1, slug: 'flowers', nameKo: '꽃·화환 배달', nameEn: 'Flowers & wreaths', synonyms: ['꽃', '꽃집', '꽃배달', '화환'] },
  { id: 3, parentId: null, slug: 'health', nameKo: '병원·건강', nameEn: 'Health', synonyms: ['건강'] },
  { id: 4, parentId: 3, slug: 'clinics-pharmacies', nameKo: '병원·약국', nameEn: 'Clinics & pharmacies', synonyms: ['병원', '약국', '치과'] },
  { id: 5, parentId: 3, slug: 'hair', nameKo: '미용실', nameEn: 'Hair salons', synonyms: ['미용', '헤어'] },
  { id: 6, parentId: 3, slug: 'car-repair', nameKo: '정비·세차', nameEn: 'Repair & car wash', synonyms: ['정비', '카센터', '세차'] },
  { id: 7, parentId: 3, slug: 'car-dealers', nameKo: '중고차·렌터카', nameEn: 'Used cars & rentals', synonyms: ['중고차', '렌터카'] },
];
const read = (typed: string) => {
  const m = matchCategory(typed, CATS);
  return m.kind === 'none' ? { kind: m.kind, suggestions: m.suggestions.map((c) => c.slug) } : { kind: m.kind, slug: m.category.slug };
};

describe('matchCategory', () => {
  it.each([
    ['병원약국', 'clinics-pharmacies'],
    ['병원 · 약국', 'clinics-pharmacies'],
    ['꽃집', 'flowers'],
    ['FLOWERS', 'flowers'],
    ['Clinics and pharmacies'.replace(' and ', ' & '), 'clinics-pharmacies'],
    ['car_repair', 'car-repair'],
    ['꽃·화환배달', 'flowers'],
  ])('%s matches %s outright', (typed, slug) => expect(read(typed)).toEqual({ kind: 'exact', slug }));

  it.each([['미용식', 'hair'], ['중고차매매', 'car-dealers'], ['화환배달', 'flowers'], ['카센타', 'car-repair']])(
    'a near miss %s is matched to %s for confirmation', (typed, slug) => expect(read(typed)).toEqual({ kind: 'near', slug }));

  it('text that resembles nothing is refused, with the closest categories as suggestions', () => {
    expect(read('세탁')).toEqual({ kind: 'none', suggestions: ['car-repair'] });
    expect(read('우주선')).toEqual({ kind: 'none', suggestions: [] });
  });
});
