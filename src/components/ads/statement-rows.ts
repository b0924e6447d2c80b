/**
 * An uploaded statement → parsed lines, as one job for a worker thread (statement-parse.worker.ts): an .xlsx workbook
 * (recognised by its ZIP signature, whatever the file is called) is read with exceljs, its first worksheet's cells
 * turned into the text a bank's CSV export would hold; anything else is read as CSV. The row cap is checked before
 * the lines are built, and a refusal names its cap instead of throwing.
 */
import ExcelJS from 'exceljs';
import { parseStatement, statementLines, StatementFormatError, type ParsedStatement } from './bank-statement.js';

export interface StatementJob { bytes: Uint8Array; maxLines: number }
export type StatementJobResult = { parsed: ParsedStatement } | { refused: { messageKey: string; max?: number } };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
export const isXlsx = (bytes: Uint8Array): boolean => ZIP.every((b, i) => bytes[i] === b);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as a bank's CSV would print it. exceljs gives dates as UTC instants of the workbook's wall-clock time, so the
 * UTC fields are that time; formulas give their cached result, rich text its plain text.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    const time =
      d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
        ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
        : '';
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${time}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** The first worksheet's rows as cell text (empty rows kept, so a row's position stays the bank's). */
export async function xlsxRows(bytes: Uint8Array, maxRows: number): Promise<string[][] | 'too many'> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > maxRows + 30) return 'too many';
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export async function runStatementJob(job: StatementJob): Promise<StatementJobResult> {
  try {
    if (isXlsx(job.bytes)) {
      const rows = await xlsxRows(job.bytes, job.maxLines);
      if (rows === 'too many') return { refused: { messageKey: 'ads.error.statementRows', max: job.maxLines } };
      return { parsed: statementLines(rows, 'xlsx', job.maxLines) };
    }
    return { parsed: parseStatement(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.maxLines) };
  } catch (err) {
    if (err instanceof StatementFormatError) {
      return err.message === 'too many lines'
        ? { refused: { messageKey: 'ads.error.statementRows', max: job.maxLines } }
        : { refused: { messageKey: 'ads.error.statementFormat' } };
    }
    // A file that is neither a workbook exceljs can read nor CSV with the columns: the same answer as a missing header.
    return { refused: { messageKey: 'ads.error.statementFormat' } };
  }
}
