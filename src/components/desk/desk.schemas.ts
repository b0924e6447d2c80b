/** Parsing of the desk's forms and query strings into allow-listed, clamped values. */
import { z } from 'zod';
import { idParam } from '../../web/params.js';
import { DESK_COLUMNS, type DeskCells } from './desk-rows.js';
import { subRowCellsFromBody } from './desk-subrows.js';

export const previewQuery = z.object({
  show: z.enum(['all', 'problems']).catch('all'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  encoding: z.enum(['utf-8', 'cp949']).optional().catch(undefined),
  ignored: z.string().max(300).optional().catch(undefined),
  done: z.enum(['saved']).optional().catch(undefined),
});

export const exportQuery = z.object({
  format: z.enum(['csv', 'json']).catch('csv'),
  status: z.enum(['published', 'pending', 'draft', 'expired', 'closed', 'suspended', 'rejected', 'removed']).optional().catch(undefined),
  category: idParam.optional().catch(undefined),
  district: z.enum(['동구', '서구', '남구', '북구', '광산구']).optional().catch(undefined),
});

/** After an import: which message, and the draft still holding the rows kept to fix. */
export const batchQuery = z.object({
  done: z.enum(['imported', 'undone']).optional().catch(undefined),
  draft: idParam.optional().catch(undefined),
  kept: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const cardQuery = z.object({ size: z.enum(['a6', 'biz']).catch('a6') });

const MAX_ROWS_PER_FORM = 200;
const MAX_CELL = 10_000;
const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, MAX_CELL + 1) : undefined);

/** The rows of the preview form: `rows` lists the row indexes shown, each with `r<i>_<column>`, `r<i>_drop`, `r<i>_dup`. */
export function parseCorrections(body: unknown): {
  action: 'save' | 'import' | 'import_ready';
  show: 'all' | 'problems';
  page: number;
  edits: Array<{ index: number; cells: Partial<DeskCells>; dropped: boolean; duplicate: 'skip' | 'merge' }>;
} {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const indexes = String(typeof b.rows === 'string' ? b.rows : '')
    .split(',')
    .filter((s) => /^\d{1,6}$/.test(s))
    .map(Number)
    .slice(0, MAX_ROWS_PER_FORM);
  const edits = [...new Set(indexes)].map((index) => {
    const cells: Partial<DeskCells> = {};
    for (const col of DESK_COLUMNS) {
      const v = str(b[`r${index}_${col}`]);
      if (v !== undefined) cells[col] = v;
    }
    // the category <select> holds the first category; any further ones ride along in a hidden field
    if (cells.category !== undefined)
      cells.category = [cells.category, str(b[`r${index}_category_more`]) ?? ''].filter((c) => c.trim() !== '').join(';');
    Object.assign(cells, subRowCellsFromBody(b, index, str));
    return {
      index,
      cells,
      dropped: b[`r${index}_drop`] === '1',
      duplicate: b[`r${index}_dup`] === 'merge' ? ('merge' as const) : ('skip' as const),
    };
  });
  const q = previewQuery.parse({ show: b.show, page: b.page });
  return { action: b.action === 'import' || b.action === 'import_ready' ? b.action : 'save', show: q.show, page: q.page, edits };
}
