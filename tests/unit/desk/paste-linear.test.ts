/**
 * The pasted-page split and the phone finder were made linear without changing what they return: on generated pages
 * (print-ad lines, "Tel" and "문의" lines with and without phones, rule lines, blank and space-padded lines, CRLF, U+2028)
 * they give exactly what the quadratic versions gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAdPage } from '../../../src/components/desk/ad-page-split.js';
import { extractPhones } from '../../../src/components/submissions/index.js';
import { referenceExtractPhones, referenceSplitAdPage } from '../../fixtures/reference-ad-page-split.js';

const LINES = [
  '60플라워', 'Flower', '축하화환 3단', '근조화환 3단 6만원', 'Tel. 010-9984-0151', 'Tel. 010-9984-0151 **농협 박배성 302-0316-649511**',
  '문의 주세요', '문의 062-522-2000', '☎ 062)522-2000~3', '전화 1588-1234 내선 12', 'T. 0507-1234-5678', '사업자 123-45-67890',
  '---', '━━━━━', '  ===  ', '', '   ', '\t', 'dji HDKorea', '광주 북구 금남로 24', 'tel', '예약', '주문 010 1234 5678',
];
const line = fc.oneof(fc.constantFrom(...LINES), fc.constantFrom(...LINES).map((l) => `${l}   \t`), fc.string({ maxLength: 12 }));
const page = fc
  .tuple(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r', '\u2028\n'))
  .map(([lines, sep]) => lines.join(sep));

describe('linear paste split: same output as before', () => {
  it('splitAdPage equals the quadratic reference on generated pages', () => {
    fc.assert(fc.property(page, (text) => {
      expect(splitAdPage(text)).toEqual(referenceSplitAdPage(text));
    }), { numRuns: 500, seed: 31 });
  });

  it('a page of 300 "문의" lines and a Tel line at the end splits the same', () => {
    const text = `${'문의 주세요\n'.repeat(300)}Tel. 010-9984-0151\n${'Tel. 010-9984-0151\n'.repeat(3)}`;
    expect(splitAdPage(text)).toEqual(referenceSplitAdPage(text));
  });

  it('extractPhones finds the same phones and leaves the same rest', () => {
    fc.assert(fc.property(page, (text) => {
      expect(extractPhones(text)).toEqual(referenceExtractPhones(text));
    }), { numRuns: 500, seed: 31 });
  });
});
