/** The desk's CSV template and its export of listings as CSV or JSON, read in pages of 500 listings. */
import type { Knex } from 'knex';
import { findListingGraphs } from '../listings/index.js';
import { csvLine } from './desk-csv.js';
import { cellsFromGraph, DESK_COLUMNS, type DeskCells } from './desk-rows.js';
import * as repo from './desk.repository.js';
import type { ExportFilter } from './desk.repository.js';

export function createDeskExport(db: Knex) {
  return {
    templateCsv(): string {
      return `\uFEFF${csvLine([...DESK_COLUMNS])}${csvLine(['골목꽃집', 'business', 'flowers', '062-123-4567', '본점|광주 북구 금남로 24|062-123-4567', '축하화환 3단|6만원;근조화환 3단|70000', '농협|홍길동|302-0316-649511', '축하·근조 화환 당일 배송', 'https://example.com', ''])}`;
    },

    /** The export as CSV lines (header first), in pages of 500 listings. */
    async *exportCsv(filter: ExportFilter): AsyncGenerator<string> {
      yield `\uFEFF${csvLine([...DESK_COLUMNS])}`;
      for await (const item of exportCells(filter)) yield csvLine(DESK_COLUMNS.map((c) => item.cells[c]));
    },

    async *exportJson(filter: ExportFilter): AsyncGenerator<string> {
      let first = true;
      yield '[';
      for await (const { id, status, slug, origin, cells } of exportCells(filter)) {
        yield `${first ? '' : ','}\n${JSON.stringify({ id, status, slug, origin, ...cells })}`;
        first = false;
      }
      yield '\n]\n';
    },
  };

  async function* exportCells(
    filter: ExportFilter,
  ): AsyncGenerator<{ id: number; status: string; slug: string; origin: string | null; cells: DeskCells }> {
    const ids = await repo.exportIds(db, filter);
    for (let i = 0; i < ids.length; i += 500) {
      const graphs = await findListingGraphs(db, ids.slice(i, i + 500));
      for (const id of ids.slice(i, i + 500)) {
        const g = graphs.get(id);
        if (g) yield { id, status: g.status, slug: g.slug, origin: g.origin, cells: cellsFromGraph(g) };
      }
    }
  }
}
