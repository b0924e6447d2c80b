import { describe, expect, it } from 'vitest';
import { snippetText } from '../../../src/components/search/search.view-models.js';

const TEXT = '상무지구 사무실 개업 축하 화환을 당일 배달합니다. 근조화환과 꽃바구니, 관엽식물 화분도 준비되어 있습니다. '
  + '주차는 건물 뒤편 공영주차장을 이용해 주세요 · 카드 결제 / 계좌이체 - 현금영수증 발행 가능';

/** The words of the text, so a snippet's first and last words can be checked whole. */
const WORDS = new Set(TEXT.split(' '));

describe('result snippets', () => {
  it('never start or end mid-word, and never end on a dangling separator, wherever the match is', () => {
    for (const w of ['상무', '화환', '꽃바구니', '주차', '카드', '계좌', '현금영수증', '없는말']) {
      const s = snippetText(TEXT, [w]);
      const inner = s.replace(/^…/, '').replace(/…$/, '');
      const parts = inner.split(' ');
      expect(WORDS.has(parts[0]), `${w}: starts with ${parts[0]}`).toBe(true);
      expect(WORDS.has(parts.at(-1)!.replace(/[·/-]$/, '')) || TEXT.endsWith(parts.at(-1)!), `${w}: ends with ${parts.at(-1)}`).toBe(true);
      expect(inner).not.toMatch(/[\s·/\-–—,]$/);
      expect(inner).not.toMatch(/^[\s·/\-–—,]/);
      if (w !== '없는말') expect(s).toContain(w);
    }
  });

  it('a tagline joined with " · " and cut just after it does not end on the dot', () => {
    const s = snippetText(`꽃다발 당일 배달 · ${'가'.repeat(3)} ${'나'.repeat(100)}`, ['꽃다발'], 12);
    expect(s).toBe('꽃다발 당일 배달…');
  });

  it('cut text is marked with …; short text is whole; odd input is no error', () => {
    expect(snippetText(TEXT, ['현금영수증']).startsWith('…')).toBe(true);
    expect(snippetText(TEXT, ['상무']).endsWith('…')).toBe(true);
    expect(snippetText('짧은 설명', [])).toBe('짧은 설명');
    expect(snippetText('', ['x'])).toBe('');
    expect(snippetText('가'.repeat(300), ['가'])).toHaveLength(91);
  });
});
