/** Pure pieces of the ad desk: encoding detection, CSV records, nested list cells, splitting an ad page. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine, decodeCsvBytes, joinList, parseCsv, splitList } from '../../../src/components/desk/desk-csv.js';
import { splitAdPage } from '../../../src/components/desk/ad-page-split.js';

describe('decodeCsvBytes', () => {
  it('UTF-8 with BOM → BOM dropped; UTF-8 without BOM; CP949 and EUC-KR bytes → cp949', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFF상호,종류', 'utf8'))).toEqual({ text: '상호,종류', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('상호,종류', 'utf8'))).toEqual({ text: '상호,종류', encoding: 'utf-8' });
    expect(decodeCsvBytes(iconv.encode('똠방각하,꽃집', 'cp949'))).toEqual({ text: '똠방각하,꽃집', encoding: 'cp949' });
    expect(decodeCsvBytes(iconv.encode('가나다,광주', 'euc-kr'))).toEqual({ text: '가나다,광주', encoding: 'cp949' });
  });
});

describe('parseCsv / csvLine', () => {
  it('quoted fields with commas, doubled quotes and line breaks; CRLF and LF; blank lines skipped', () => {
    expect(parseCsv('a,"b, c","say ""hi""",\r\n\r\n"multi\nline",x\n')).toEqual([['a', 'b, c', 'say "hi"', ''], ['multi\nline', 'x']]);
  });
  it('round-trips what it writes; formula-like cells get an apostrophe, phone-like ones do not', () => {
    const cells = ['꽃, 화환', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '-062-1234', '@cmd'];
    const [back] = parseCsv(csvLine(cells));
    expect(back).toEqual(['꽃, 화환', 'say "hi"', 'two\nlines', `'=HYPERLINK("x")`, '-062-1234', `'@cmd`]);
  });
});

describe('nested list cells', () => {
  it('each level escapes only its own separator, so inner escapes survive', () => {
    const branch = joinList(['본점; 1층', '광주 북구 금남로 24', joinList(['062-1,2', '010'], ',')], '|');
    const cell = joinList([branch, 'b|c'], ';');
    const [first, second] = splitList(cell, ';');
    expect(second).toBe('b|c');
    const [name, address, phones] = splitList(first, '|');
    expect([name, address, splitList(phones, ',')]).toEqual(['본점; 1층', '광주 북구 금남로 24', ['062-1,2', '010']]);
  });
});

describe('splitAdPage', () => {
  const flower = '60플라워\nFlower\n\n축하화환 3단\n\n근조화환 3단\n\nTel. 010-9984-0151 **농협 박배성 302-0316-649511**';
  it('rule lines (━, ---) separate ads; blank lines inside an ad stay with it up to its phone', () => {
    const ads = splitAdPage(`${flower}\n━━━━━━\n무등 세탁소\nTel. 062-224-1234\n-----\n양림 꽃방\n\n축하화환\nT. 010-4321-8765`);
    expect(ads).toHaveLength(3);
    expect(ads[0]).toBe(flower);
    expect(ads[2]).toContain('양림 꽃방');
  });
  it('without rules, a paragraph run ends at the paragraph with the phone; trailing text joins the last ad', () => {
    const ads = splitAdPage('가게 하나\n좋은 물건\nTel 062-111-2222\n\n가게 둘\n\n친절 배달\n전화 010-2222-3333\n\n(주차 가능)');
    expect(ads).toEqual(['가게 하나\n좋은 물건\nTel 062-111-2222', '가게 둘\n\n친절 배달\n전화 010-2222-3333\n\n(주차 가능)']);
  });
  it('ads printed back to back, each ending in a Tel line, are split at each Tel line', () => {
    expect(splitAdPage('가게 하나\nTel. 062-111-2222\n가게 둘\nTel. 062-333-4444')).toEqual([
      '가게 하나\nTel. 062-111-2222',
      '가게 둘\nTel. 062-333-4444',
    ]);
  });
  it('an empty page gives no ads', () => {
    expect(splitAdPage(' \n---\n\n')).toEqual([]);
  });
});
