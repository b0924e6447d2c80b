/** XLSX statements: cells as a bank's CSV prints them, the header found below title rows, the row cap, not a workbook. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, isXlsx, runStatementJob } from '../../../src/components/ads/statement-rows.js';

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('statement rows', () => {
  it('cells: a date cell as the wall-clock time, numbers, formulas by their result, rich text as text', () => {
    expect(cellText(new Date(Date.UTC(2026, 10, 24, 13, 5, 9)))).toBe('2026-11-24 13:05:09');
    expect(cellText(new Date(Date.UTC(2026, 10, 24)))).toBe('2026-11-24');
    expect(cellText(35000)).toBe('35000');
    expect(cellText({ formula: 'A1+B1', result: 12000 } as ExcelJS.CellValue)).toBe('12000');
    expect(cellText({ richText: [{ text: '홍길' }, { text: '동' }] } as ExcelJS.CellValue)).toBe('홍길동');
    expect(cellText(null)).toBe('');
  });

  it('an .xlsx export with title rows: the same lines and keys each time; withdrawals skipped', async () => {
    const bytes = await workbook([
      ['입출금거래내역'], ['조회기간', '2026.11.01 ~ 2026.11.24'],
      ['거래일자', '입금자명', '출금액', '입금액', '잔액', '비고'],
      [new Date(Date.UTC(2026, 10, 24, 9, 30)), '홍길동12', null, 33000, 133000, ''],
      [new Date(Date.UTC(2026, 10, 24, 10, 0)), '관리비', 50000, null, 83000, ''],
      ['2026.11.24', '홍길동12', null, '33,000', 116000, '두번째'],
    ]);
    expect(isXlsx(bytes)).toBe(true);
    const first = await runStatementJob({ bytes, maxLines: 100 });
    const again = await runStatementJob({ bytes, maxLines: 100 });
    if (!('parsed' in first) || !('parsed' in again)) throw new Error('not parsed');
    expect(first.parsed.encoding).toBe('xlsx');
    expect(first.parsed.lines.map((l) => [l.bookedOn, l.depositor, l.amount, l.memo])).toEqual([
      ['2026-11-24', '홍길동12', 33000, ''],
      ['2026-11-24', '홍길동12', 33000, '두번째'],
    ]);
    expect(first.parsed.skipped).toBe(1);
    expect(again.parsed.lines.map((l) => l.key)).toEqual(first.parsed.lines.map((l) => l.key));
    expect(new Set(first.parsed.lines.map((l) => l.key)).size).toBe(2);
  });

  it('over the row cap → a refusal naming it; a file that is no workbook and no statement → the format message', async () => {
    const rows = [['거래일시', '기재내용', '입금액'], ...Array.from({ length: 5 }, (_, i) => ['2026-11-24', `이름${i}`, 1000])];
    expect(await runStatementJob({ bytes: await workbook(rows), maxLines: 3 })).toEqual({
      refused: { messageKey: 'ads.error.statementRows', max: 3 },
    });
    expect(await runStatementJob({ bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), maxLines: 3 })).toEqual({
      refused: { messageKey: 'ads.error.statementFormat' },
    });
    expect(await runStatementJob({ bytes: new TextEncoder().encode('a,b\n1,2\n'), maxLines: 3 })).toEqual({
      refused: { messageKey: 'ads.error.statementFormat' },
    });
  });
});
