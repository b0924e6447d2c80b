import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/lib/plain-text.js';

describe('plainText', () => {
  it('print-ad markdown emphasis → the words without asterisks', () => {
    expect(plainText('Tel. 010-9984-0151 **농협 박배성 302-0316-649511**')).toBe('Tel. 010-9984-0151 농협 박배성 302-0316-649511');
    expect(plainText('__굵게__ 그리고 남은 ** 표시')).toBe('굵게 그리고 남은 표시');
  });
  it('line breaks stay, runs of spaces shrink, headings lose their #', () => {
    expect(plainText('# 안내\n  첫 줄   입니다  \n둘째 줄')).toBe('안내\n첫 줄 입니다\n둘째 줄');
  });
  it('a single asterisk (a footnote mark) is kept', () => {
    expect(plainText('배송비 별도*')).toBe('배송비 별도*');
  });
});
