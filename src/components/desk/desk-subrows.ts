/**
 * The list cells of an import row (branches, offers, accounts) as structured sub-rows for the preview form, and back
 * (pure). The desk edits name, address and phone or item, price and note in their own boxes; the import syntax
 * (`|광주 …`, `이름|5만원;…`) stays inside the stored cells and never reaches the screen.
 */
import { joinList, splitList } from './desk-csv.js';
import type { DeskCells } from './desk-rows.js';

export const SUBROWS = {
  branches: { key: 'b', parts: ['name', 'address', 'phones'] },
  offers: { key: 'o', parts: ['name', 'price', 'note'] },
  account: { key: 'a', parts: ['bank', 'holder', 'number'] },
} as const;
export type SubRowColumn = keyof typeof SUBROWS;
export const SUBROW_COLUMNS = Object.keys(SUBROWS) as SubRowColumn[];
/** A form never carries more sub-rows per list than the import caps allow (50 offers). */
export const MAX_SUBROWS = 50;

/** A list cell → its items, each as its parts (a branch's phones shown as "062-…, 010-…"). */
export function subRowsOf(col: SubRowColumn, cell: string): string[][] {
  const width = SUBROWS[col].parts.length;
  return splitList(cell, ';').filter((item) => item !== '').map((item) => {
    const parts = splitList(item, '|');
    const out = Array.from({ length: width }, (_, i) => parts[i] ?? '');
    // anything past the last part belongs to it (a note with a stray separator is kept, not lost)
    if (parts.length > width) out[width - 1] = parts.slice(width - 1).join(' ');
    if (col === 'branches') out[2] = splitList(out[2], ',').filter(Boolean).join(', ');
    return out;
  });
}

/** Items typed in the form → the list cell; items left blank are dropped. */
export function cellOfSubRows(col: SubRowColumn, items: string[][]): string {
  const filled = items.map((parts) => parts.map((p) => p.trim())).filter((parts) => parts.some((p) => p !== ''));
  return joinList(filled.map((parts) => {
    const ps = col === 'branches' ? [parts[0], parts[1], joinList(parts[2].split(/\s*,\s*/).filter(Boolean), ',')] : parts;
    const trimmed = [...ps];
    while (trimmed.length > 1 && trimmed[trimmed.length - 1] === '') trimmed.pop();
    return joinList(trimmed, '|');
  }), ';');
}

/** The sub-row fields of one row read from the posted form (`r<i>_<col>_n` says how many were shown). */
export function subRowCellsFromBody(
  b: Record<string, unknown>,
  index: number,
  str: (v: unknown) => string | undefined,
): Partial<DeskCells> {
  const cells: Partial<DeskCells> = {};
  for (const col of SUBROW_COLUMNS) {
    const n = Number(str(b[`r${index}_${col}_n`]));
    if (!Number.isInteger(n) || n < 0 || n > MAX_SUBROWS + 1) continue;
    const { key, parts } = SUBROWS[col];
    const items = Array.from({ length: n }, (_, j) => parts.map((p) => str(b[`r${index}_${key}${j}_${p}`]) ?? ''));
    cells[col] = cellOfSubRows(col, items);
  }
  return cells;
}
