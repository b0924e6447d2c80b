/** Short codes: the alphabet a reader cannot misread, forgiving input, and a QR code that decodes to the short URL. */
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeQr, normaliseCode, printedCode, randomCode, shortUrl } from '../../../src/components/codes/index.js';

describe('short codes', () => {
  it('the alphabet has no 0, O, 1, I, L or U; random codes are six of its characters and spread over all of it', () => {
    expect(CODE_ALPHABET).not.toMatch(/[0O1ILU]/);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = randomCode();
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
      for (const ch of c) seen.add(ch);
    }
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });

  it('input: lower case, a hyphen, spaces and full-width letters are the same code; U reads as V', () => {
    expect(normaliseCode('abc-def')).toBe('ABCDEF');
    expect(normaliseCode(' AB CD EF ')).toBe('ABCDEF');
    expect(normaliseCode('ＡＢＣ－ＤＥＦ')).toBe('ABCDEF');
    expect(normaliseCode('abcdeu')).toBe('ABCDEV');
  });

  it('anything that cannot be a code is null: excluded characters, wrong length, Hangul, markup, non-strings', () => {
    for (const bad of ['ABCDE0', 'ABCDEO', 'ABCDE1', 'ABCDEI', 'ABCDEL', 'ABCDE', 'ABCDEFG', '가나다라마바', '<svg>', '', 'A'.repeat(21)]) {
      expect(normaliseCode(bad), bad).toBeNull();
    }
    for (const bad of [null, undefined, 123456, ['ABCDEF'], { code: 'ABCDEF' }]) expect(normaliseCode(bad)).toBeNull();
  });

  it('printed as ABC-DEF; the QR URL is upper case (alphanumeric mode) and keeps a path prefix', () => {
    expect(printedCode('ABCDEF')).toBe('ABC-DEF');
    expect(shortUrl('ABCDEF', 'https://golmok.example.kr')).toBe('HTTPS://GOLMOK.EXAMPLE.KR/P/ABCDEF');
    expect(shortUrl('ABCDEF', 'https://paper.example.kr/golmok/')).toBe('HTTPS://PAPER.EXAMPLE.KR/golmok/P/ABCDEF');
  });

  it('the QR code as PNG decodes to the short URL; as SVG and as a module matrix it has the same size', async () => {
    const png = await codeQr('ABCDEF', 'https://golmok.example.kr', 'png');
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    expect(decoded?.data).toBe('HTTPS://GOLMOK.EXAMPLE.KR/P/ABCDEF');
    const matrix = await codeQr('ABCDEF', 'https://golmok.example.kr', 'matrix');
    expect(matrix.length).toBeGreaterThanOrEqual(21);
    expect(matrix.every((row) => row.length === matrix.length)).toBe(true);
    // The finder pattern's corner module is dark.
    expect(matrix[0][0]).toBe(true);
    const svg = await codeQr('ABCDEF', 'https://golmok.example.kr', 'svg');
    expect(svg).toContain(`viewBox="0 0 ${matrix.length} ${matrix.length}"`);
  });
});
