import { describe, expect, it } from 'vitest';
import { parsePhone, phoneQueryDigits, telHref } from '../../../src/components/phones/index.js';

describe('parsePhone (KR, full metadata)', () => {
  it.each([
    ['062) 522-2000', '+82625222000', 'landline', '062-522-2000', 'tel:+82625222000'],
    ['Tel. 010-9984-0151', '+821099840151', 'mobile', '010-9984-0151', 'tel:+821099840151'],
    ['010.2345.6789', '+821023456789', 'mobile', '010-2345-6789', 'tel:+821023456789'],
    ['(062)973-5555', '+82629735555', 'landline', '062-973-5555', 'tel:+82629735555'],
    ['062.522.2000', '+82625222000', 'landline', '062-522-2000', 'tel:+82625222000'],
    ['1588-3082', '+8215883082', 'representative', '1588-3082', 'tel:1588-3082'],
    ['070-8765-4321', '+827087654321', 'voip', '070-8765-4321', 'tel:+827087654321'],
    ['02-123-4567', '+8221234567', 'landline', '02-123-4567', 'tel:+8221234567'],
    ['0507-1234-5678', '+8250712345678', 'safe', '0507-1234-5678', 'tel:+8250712345678'],
    ['+82 62 522 2000', '+82625222000', 'landline', '062-522-2000', 'tel:+82625222000'],
  ])('%s → %s (%s), shown %s', (printed, e164, type, display, href) => {
    const p = parsePhone(printed);
    expect(p).toMatchObject({ e164, type, display });
    expect(telHref(p!)).toBe(href);
  });

  it('1234-5678 (no valid Korean number) → null', () => {
    expect(parsePhone('1234-5678')).toBeNull();
  });

  it('내선 12 → extension kept apart from the number', () => {
    expect(parsePhone('062-522-2000 내선 12')).toMatchObject({ e164: '+82625222000', extension: '12' });
  });

  it('a fax gets no tel: link', () => {
    expect(telHref(parsePhone('062-522-2001', { fax: true })!)).toBeNull();
  });

  it('phone-like queries → national digits; words → null', () => {
    expect(phoneQueryDigits('+82 62 522 2000')).toBe('0625222000');
    expect(phoneQueryDigits('522-2000')).toBe('5222000');
    expect(phoneQueryDigits('꽃')).toBeNull();
  });

  it('country code forms → national digits: +82 (0)62 295, 82 10 4619, +82-10-4619; a tail 82-2000 stays a tail', () => {
    expect(phoneQueryDigits('+82 (0)62 295')).toBe('062295');
    expect(phoneQueryDigits('+82-10-4619')).toBe('0104619');
    expect(phoneQueryDigits('82 10 4619')).toBe('0104619');
    expect(phoneQueryDigits('82-2000')).toBe('822000');
  });
});
