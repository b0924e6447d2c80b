/**
 * Bank statement exports (거래내역 as Korean internet banking saves it: CSV in UTF-8 or CP949, or an .xlsx workbook)
 * → deposit lines, and the rule that matches a deposit to the orders awaiting payment. Both formats become rows of
 * cell text first (statement-rows.ts) and go through the same mapping by header name (docs/ad-orders.md): the header
 * row is the first of the first 30 rows that names a date column and a deposit column; title rows above it (account
 * number, period) are skipped. Withdrawals and rows without a deposit are left out.
 */
import crypto from 'node:crypto';
import { decodeCsvBytes, parseCsv } from '../desk/index.js';

/** Header names per field, compared without spaces; the first column whose header matches wins. */
export const STATEMENT_COLUMNS = {
  date: ['거래일시', '거래일자', '거래일', '일자', '날짜', '거래시간', 'date'],
  depositor: ['입금자명', '입금자', '의뢰인', '보낸분', '기재내용', '거래내용', '받는분통장표시', '내용', 'depositor', 'name'],
  amount: ['입금액', '입금금액', '맡기신금액', '입금', 'deposit', 'amount'],
  memo: ['메모', '적요', '비고', '거래구분', 'memo'],
  balance: ['잔액', '거래후잔액', 'balance'],
} as const;

export interface StatementLine { key: string; bookedOn: string; depositor: string; amount: number; memo: string }
export interface ParsedStatement { lines: StatementLine[]; encoding: 'utf-8' | 'cp949' | 'xlsx'; skipped: number }

export class StatementFormatError extends Error {
  override name = 'StatementFormatError';
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();

function findColumns(row: string[]): Record<keyof typeof STATEMENT_COLUMNS, number> | null {
  const heads = row.map(squash);
  // An exact header first, then one that starts with a name: "입금자명" must not be taken for the "입금" amount column.
  const find = (names: readonly string[]) => {
    const exact = heads.findIndex((h) => names.some((n) => h === squash(n)));
    return exact >= 0 ? exact : heads.findIndex((h) => names.some((n) => h.startsWith(squash(n))));
  };
  const cols = {
    date: find(STATEMENT_COLUMNS.date),
    depositor: find(STATEMENT_COLUMNS.depositor),
    amount: find(STATEMENT_COLUMNS.amount),
    memo: find(STATEMENT_COLUMNS.memo),
    balance: find(STATEMENT_COLUMNS.balance),
  };
  return cols.date >= 0 && cols.amount >= 0 && cols.depositor >= 0 ? cols : null;
}

/** 2026.11.25 14:03:22, 2026-11-25, 2026/11/25, 20261125 → 2026-11-25; anything else null. */
export function statementDate(cell: string): string | null {
  const m = cell.trim().match(/^(\d{4})[-./]?(\d{1,2})[-./]?(\d{1,2})(?:\D|$)/);
  if (!m) return null;
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "1,000", "1000원", " 35,000 " → whole won; empty, zero, negative or fractional → null. */
export function statementAmount(cell: string): number | null {
  const text = cell.replace(/[\s,원₩]/g, '');
  if (!/^\d{1,12}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

/**
 * A statement's rows → its deposit lines. Each line's key hashes its date cell (with the time when the bank gives one),
 * depositor, amount, balance and memo, plus how many identical lines came before it in the file: the same export
 * uploaded again gives the same keys, two identical deposits on one day stay two lines.
 */
export function statementLines(rows: string[][], encoding: ParsedStatement['encoding'], maxLines: number): ParsedStatement {
  let header = -1;
  let cols: ReturnType<typeof findColumns> = null;
  for (let i = 0; i < Math.min(rows.length, 30) && !cols; i += 1) {
    cols = findColumns(rows[i]);
    if (cols) header = i;
  }
  if (!cols) throw new StatementFormatError('no header row with a date, a depositor and a deposit column');
  const seen = new Map<string, number>();
  const lines: StatementLine[] = [];
  let skipped = 0;
  for (const row of rows.slice(header + 1)) {
    const cell = (i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
    const bookedOn = statementDate(cell(cols.date));
    const amount = statementAmount(cell(cols.amount));
    if (!bookedOn || amount === null) {
      skipped += 1;
      continue;
    }
    const depositor = cell(cols.depositor).slice(0, 100);
    const memo = cell(cols.memo).slice(0, 200);
    const identity = [cell(cols.date), depositor, amount, cell(cols.balance), memo].join('\u001f');
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    lines.push({ key: crypto.createHash('sha256').update(`${identity}\u001f${n}`).digest('hex'), bookedOn, depositor, amount, memo });
    if (lines.length > maxLines) throw new StatementFormatError('too many lines');
  }
  return { lines, encoding, skipped };
}

/** An order a deposit may pay: its number, depositor name to use, customer and what it still owes. */
export interface PayableOrder { id: number; depositor: string; customerName: string; outstanding: number }

export type MatchResult =
  | { status: 'applied'; orderId: number }
  | { status: 'ambiguous'; candidates: number[] }
  | { status: 'unmatched' };

const nameKey = (s: string) => s.normalize('NFC').replace(/[\s()[\]{}.,·_-]+/g, '').toLowerCase();

/**
 * Exact: the depositor is the order's depositor name (name + order number) and the amount is what it owes, for one
 * order only → applied. Otherwise every order whose name or number appears in the depositor, or that owes exactly this
 * amount, is a candidate for the desk to pick (a partial or an overpayment is never applied by itself); none → unmatched.
 */
export function matchDeposit(line: { depositor: string; amount: number }, orders: PayableOrder[]): MatchResult {
  const who = nameKey(line.depositor);
  const strong = orders.filter((o) => nameKey(o.depositor) === who);
  const exact = strong.filter((o) => o.outstanding === line.amount);
  if (exact.length === 1 && strong.length === 1) return { status: 'applied', orderId: exact[0].id };
  const related = orders.filter((o) => {
    const name = nameKey(o.customerName);
    return strong.includes(o) || who.includes(String(o.id)) || (name.length >= 2 && who.includes(name)) || o.outstanding === line.amount;
  });
  return related.length ? { status: 'ambiguous', candidates: related.slice(0, 10).map((o) => o.id) } : { status: 'unmatched' };
}

/** A CSV statement's bytes (UTF-8 or CP949) → its lines. */
export function parseStatement(bytes: Buffer, maxLines: number): ParsedStatement {
  const { text, encoding } = decodeCsvBytes(bytes);
  return statementLines(parseCsv(text), encoding, maxLines);
}
