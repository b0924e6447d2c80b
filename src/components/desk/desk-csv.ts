/**
 * CSV for the ad desk: bytes → text (UTF-8 with or without BOM, or CP949/EUC-KR as Korean Excel saves it),
 * RFC 4180 records (quoted fields, doubled quotes, CRLF or LF, line breaks inside quotes), and back.
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'cp949';

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise CP949 (a superset of EUC-KR). */
export function decodeCsvBytes(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (hasBom || isValidUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8' };
  return { text: iconv.decode(body, 'cp949'), encoding: 'cp949' };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Parses CSV text into records of strings. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || record.length) endRecord();
  return records;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;
/**
 * One CSV line (CRLF-terminated). A cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe, unless it is a number or phone-like text (-, + with digits only).
 */
export function csvLine(cells: string[]): string {
  return `${cells
    .map((c) => {
      const safe = /^[=@\t\r]/.test(c) || (/^[+-]/.test(c) && !/^[+-][\d\s().-]*$/.test(c)) ? `'${c}` : c;
      return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',')}\r\n`;
}

/**
 * Lists inside a cell nest (`;` between branches, `|` between a branch's parts, `,` between its phones). Each level
 * escapes only its own separator and the backslash, so an inner level's escapes survive the outer split.
 */
export function splitList(cell: string, sep: ';' | '|' | ','): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i += 1) {
    const c = cell[i];
    if (c === '\\' && (cell[i + 1] === sep || cell[i + 1] === '\\')) {
      cur += cell[i + 1];
      i += 1;
    } else if (c === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Joins the pieces of one list level, escaping that level's separator (and backslashes) inside each piece. */
export function joinList(items: string[], sep: ';' | '|' | ','): string {
  return items.map((s) => s.replace(sep === '|' ? /[\\|]/g : sep === ';' ? /[\\;]/g : /[\\,]/g, '\\$&')).join(sep);
}
