import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { matchDeposit, parseStatement, statementAmount, statementDate } from '../../../src/components/ads/bank-statement.js';
import { parseBusinessNumber } from '../../../src/components/ads/business-number.js';
import { splitOverRuns } from '../../../src/components/ads/desk-reports.js';

/** A statement as a Korean bank exports it: title rows, then the header, CP949. */
const export949 = (rows: string[]) =>
  iconv.encode(
    ['거래내역조회', '계좌번호,000-000-000000', '', '거래일시,적요,기재내용,찾으신금액,맡기신금액,거래후잔액,메모', ...rows].join('\r\n'),
    'cp949',
  );

describe('parseStatement', () => {
  it('reads a CP949 export with title rows, keeps deposits only, and gives stable keys', () => {
    const bytes = export949(['2026.11.25 14:03:22,타행이체,홍길동12,,"19,800","1,019,800",', '2026.11.25 15:00:00,출금,전기요금,"50,000",,"969,800",']);
    const first = parseStatement(bytes, 100);
    expect(first.encoding).toBe('cp949');
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toMatchObject({ bookedOn: '2026-11-25', depositor: '홍길동12', amount: 19800 });
    expect(parseStatement(bytes, 100).lines[0].key).toBe(first.lines[0].key);
  });

  it('two identical deposits in one file stay two lines', () => {
    const row = '2026.11.25,입금,김철수,,10000,,';
    const keys = parseStatement(export949([row, row]), 100).lines.map((l) => l.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('refuses a file without the columns', () => {
    expect(() => parseStatement(Buffer.from('a,b,c\n1,2,3\n'), 100)).toThrow(/no header row/);
  });

  it('parses dates and amounts as banks write them', () => {
    expect(statementDate('20261125')).toBe('2026-11-25');
    expect(statementDate('2026/1/5 09:00')).toBe('2026-01-05');
    expect(statementAmount('1,000원')).toBe(1000);
    expect(statementAmount('-5000')).toBeNull();
    expect(statementAmount('0')).toBeNull();
  });
});

describe('matchDeposit', () => {
  const orders = [
    { id: 12, depositor: '홍길동12', customerName: '홍길동', outstanding: 19800 },
    { id: 13, depositor: '홍길동13', customerName: '홍길동', outstanding: 19800 },
    { id: 20, depositor: '김영희20', customerName: '김영희', outstanding: 55000 },
  ];
  it('the depositor name and the exact amount of one order → applied', () => {
    expect(matchDeposit({ depositor: '홍길동 12', amount: 19800 }, orders)).toEqual({ status: 'applied', orderId: 12 });
  });
  it('a partial or an overpayment is never applied by itself', () => {
    expect(matchDeposit({ depositor: '김영희20', amount: 50000 }, orders)).toEqual({ status: 'ambiguous', candidates: [20] });
    expect(matchDeposit({ depositor: '김영희20', amount: 60000 }, orders).status).toBe('ambiguous');
  });
  it('a name shared by two orders of the same amount → listed to pick', () => {
    expect(matchDeposit({ depositor: '홍길동', amount: 19800 }, orders)).toEqual({ status: 'ambiguous', candidates: [12, 13] });
  });
  it('nothing alike → unmatched', () => {
    expect(matchDeposit({ depositor: '박민수', amount: 1234 }, orders)).toEqual({ status: 'unmatched' });
  });
});

describe('business numbers and splits', () => {
  it('checks the 사업자등록번호 check digit and refuses all zeros', () => {
    expect(parseBusinessNumber('123-45-67891')).toBe('1234567891');
    expect(parseBusinessNumber('123-45-67890')).toBeNull();
    expect(parseBusinessNumber('000-00-00000')).toBeNull();
  });
  it('splits an order over its editions in whole won', () => {
    expect(splitOverRuns(10000, 3)).toEqual([3334, 3333, 3333]);
  });
});
