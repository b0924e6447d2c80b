/**
 * The newspaper's ad desk: stage a pasted ad page or a CSV file, preview it with every error, unsure cell and
 * duplicate, correct or drop rows, import the batch in one transaction (audited, undoable within the window),
 * export listings as CSV or JSON. The rows' checks live in desk-evaluation.service.ts, the export in desk-export.service.ts.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { insertListingChildren, type ListingGraphInput, type ListingsService } from '../listings/index.js';
import { appendAudit } from '../moderation/index.js';
import type { AdTextService, ListingDraft } from '../submissions/index.js';
import { cellsFromRecord, columnOfHeader, DESK_COLUMNS, type DeskCells, type DeskColumn } from './desk-rows.js';
import {
  pasteOverCap,
  type CapRefusal,
  type CsvJob,
  type CsvResult,
  type PasteCaps,
  type PasteJob,
  type PasteResult,
} from './bulk-parse.js';
import * as repo from './desk.repository.js';
import type { StagedRow } from './desk.repository.js';
import { evaluate, type Evaluation } from './desk-evaluation.service.js';
import { createDeskExport } from './desk-export.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PREVIEW_CACHE_MS = 60_000;
const PREVIEW_CACHE_ENTRIES = 4;

export interface DeskConfig { maxRows: number; undoHours: number; paste: PasteCaps }

/** Runs a bulk parse off the event loop (the app's worker pool); rejects on its time limit or a full queue. */
export type BulkParse = <R extends PasteResult | CsvResult>(job: PasteJob | CsvJob) => Promise<R>;

/** A job's refusal as the error the desk page shows: 413 with the cap it names. */
function refusedError(result: PasteResult | CsvResult): AppError | null {
  const refused = (result as CapRefusal).refused;
  return refused ? new AppError(413, refused.messageKey, { params: { max: refused.max.toLocaleString('en-US') } }) : null;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export function createDeskService(deps: {
  db: Knex;
  clock: Clock;
  listings: ListingsService;
  adText: AdTextService;
  bulkParse: BulkParse;
  config: DeskConfig;
}) {
  const { db, clock, listings, config } = deps;
  const previews = new Map<string, { at: number; evaluation: Evaluation }>();

  async function stage(actorId: number, source: 'paste' | 'csv', hash: string, rows: StagedRow[]): Promise<number> {
    await repo.deleteDraftsBefore(db, new Date(clock.now().getTime() - DAY));
    return repo.insertDraft(db, { actorId, source, sourceHash: hash, rows }, clock.now());
  }

  async function draftOf(id: number, actorId: number) {
    const draft = await repo.findDraft(db, id, actorId);
    if (!draft) throw new NotFoundError();
    return draft;
  }


  /** Fills the existing listing's gaps from the row: new phones, branches, offers, accounts, categories and empty fields. */
  async function mergeInto(trx: Knex.Transaction, listingId: number, d: ListingDraft, now: Date): Promise<void> {
    const have = await repo.existingChildren(trx, listingId);
    const additions: ListingGraphInput = {
      kind: d.kind,
      status: 'published',
      name: d.name,
      description: '',
      categoryIds: d.categoryIds.filter((id) => !have.categoryIds.has(id)),
      phones: d.phones.filter((p) => !have.e164s.has(p.e164)),
      branches: d.branches
        .filter((b) => !have.addresses.has(`${b.roadName ?? ''} ${b.buildingNo ?? ''}`))
        .map((b) => ({ ...b, phones: b.phones.filter((p) => !have.e164s.has(p.e164)) })),
      offers: d.offers.filter((o) => !have.offerNames.has(o.name)),
      paymentAccounts: d.paymentAccounts.filter((a) => !have.accountNumbers.has(a.number)),
    };
    await insertListingChildren(trx, listingId, additions, now);
    await repo.fillEmptyFields(
      trx,
      listingId,
      { description: d.description, website: d.website ?? null, business_reg_no: d.businessRegNo ?? null },
      now,
    );
    await listings.listingChanged(trx, listingId);
  }

  return {
    /** Splits a pasted ad page into ads, parses each with the print-ad parser, and stages them. */
    async stagePaste(actorId: number, text: string): Promise<number> {
      // Bytes and lines are checked here too, before a large text is copied to a worker thread for nothing.
      const result =
        pasteOverCap(text, config.paste) ??
        (await deps.bulkParse<PasteResult>({ kind: 'paste', text, hints: await deps.adText.categoryHints(), caps: config.paste }));
      const refused = refusedError(result);
      if (refused) throw refused;
      const { ads } = result as Exclude<PasteResult, CapRefusal>;
      if (ads.length === 0) throw new ValidationError({ text: 'desk.error.emptyPaste' });
      const rows: StagedRow[] = ads.map(({ cells, unsure }, i) => ({ line: i + 1, cells, unsure, dropped: false, duplicate: 'skip' }));
      return stage(actorId, 'paste', sha256(text), rows);
    },

    /** Decodes (UTF-8 with or without BOM, CP949/EUC-KR), parses and stages a CSV file. */
    async stageCsv(actorId: number, bytes: Buffer): Promise<{ draftId: number; encoding: string; ignoredColumns: string[] }> {
      const result = await deps.bulkParse<CsvResult>({ kind: 'csv', bytes, caps: { maxRows: config.maxRows } });
      const refused = refusedError(result);
      if (refused) throw refused;
      const { records, encoding } = result as Exclude<CsvResult, CapRefusal>;
      if (records.length < 2) throw new ValidationError({ file: 'desk.error.emptyCsv' });
      const columns = records[0].map(columnOfHeader);
      if (!columns.includes('name')) throw new ValidationError({ file: 'desk.error.noNameColumn' });
      const ignoredColumns = records[0].filter((_h, i) => columns[i] === null);
      const rows: StagedRow[] = records
        .slice(1)
        .map((rec, i) => ({ line: i + 2, cells: cellsFromRecord(rec, columns), unsure: [], dropped: false, duplicate: 'skip' }));
      return { draftId: await stage(actorId, 'csv', sha256(bytes), rows), encoding, ignoredColumns };
    },

    /** The staged rows evaluated; kept a minute per draft version, so paging through a large preview stays quick. */
    async preview(draftId: number, actorId: number) {
      const draft = await draftOf(draftId, actorId);
      const key = `${draft.id}:${draft.version}`;
      const cached = previews.get(key);
      if (cached && cached.at > clock.now().getTime() - PREVIEW_CACHE_MS) return { draft, evaluation: cached.evaluation };
      const evaluation = await evaluate(db, listings, draft.rows);
      previews.set(key, { at: clock.now().getTime(), evaluation });
      while (previews.size > PREVIEW_CACHE_ENTRIES) previews.delete(previews.keys().next().value!);
      return { draft, evaluation };
    },

    /** Applies the desk's corrections to the rows shown in the form (cells, drop, skip/merge). */
    async correctRows(
      draftId: number,
      actorId: number,
      edits: Array<{ index: number; cells: Partial<DeskCells>; dropped: boolean; duplicate: 'skip' | 'merge' }>,
    ): Promise<void> {
      const draft = await draftOf(draftId, actorId);
      for (const e of edits) {
        const row = draft.rows[e.index];
        if (!row) continue;
        for (const col of DESK_COLUMNS) {
          const v = e.cells[col];
          if (v !== undefined && v !== row.cells[col]) {
            row.cells[col] = v;
            row.unsure = row.unsure.filter((c) => c !== col);
          }
        }
        row.dropped = e.dropped;
        row.duplicate = e.duplicate;
      }
      await repo.updateDraftRows(db, draft.id, draft.rows, clock.now());
    },

    /**
     * Imports the staged batch in one transaction. New rows become published listings of the desk's account marked
     * "신문 광고"; duplicates are skipped or merged as chosen. `all` needs every row valid or dropped; `ready` imports the
     * valid rows and keeps the rows with errors in the draft to fix later (the draft is rewritten in the same transaction).
     */
    async importDraft(draftId: number, actorId: number, mode: 'all' | 'ready' = 'all'): Promise<{ batchId: number; kept: number }> {
      const draft = await draftOf(draftId, actorId);
      const { rows, counts } = await evaluate(db, listings, draft.rows);
      if (mode === 'all' && counts.invalid > 0) throw new ValidationError({ rows: 'desk.error.rowsInvalid' }, 'desk.error.rowsInvalid');
      if (counts.valid + counts.duplicates === 0) throw new ValidationError({ rows: 'desk.error.noneReady' }, 'desk.error.noneReady');
      const keep = rows.filter((r) => !r.dropped && !r.draft).map((r) => draft.rows[r.index]);
      const now = clock.now();
      const batchId = await db.transaction(async (trx) => {
        const batchId = await repo.insertBatch(trx, { actorId, source: draft.source, sourceHash: draft.sourceHash }, now);
        const items: Array<{ listingId: number; action: 'created' | 'merged' }> = [];
        let skipped = 0;
        for (const r of rows) {
          if (r.dropped || !r.draft) continue;
          if (r.existing) {
            if (r.duplicate === 'merge' && !items.some((x) => x.listingId === r.existing!.id)) {
              await mergeInto(trx, r.existing.id, r.draft, now);
              items.push({ listingId: r.existing.id, action: 'merged' });
            } else skipped += 1;
            continue;
          }
          const stamp = { ownerId: actorId, publishedAt: now, lastConfirmedAt: now };
          const input = { ...r.draft, ...stamp, status: 'published', origin: 'print_ad' } as const;
          const id = await listings.createListing(input, trx);
          items.push({ listingId: id, action: 'created' });
        }
        const created = items.filter((x) => x.action === 'created').length;
        const result = { created, merged: items.length - created, skipped };
        await repo.insertBatchListings(trx, batchId, items, now);
        await repo.finishBatch(trx, batchId, result);
        await appendAudit(
          trx,
          {
            actorId,
            action: 'desk_import',
            subjectType: 'import_batch',
            subjectId: batchId,
            after: { source: draft.source, sourceHash: draft.sourceHash, ...result, kept: keep.length },
          },
          now,
        );
        if (keep.length) await repo.updateDraftRows(trx, draft.id, keep, now);
        else await repo.deleteDraft(trx, draft.id);
        return batchId;
      });
      return { batchId, kept: keep.length };
    },

    async batch(id: number) {
      const batch = await repo.findBatch(db, id);
      if (!batch) throw new NotFoundError();
      const items = await repo.listBatchListings(db, id);
      const canUndo = !batch.undoneAt && clock.now().getTime() - batch.createdAt.getTime() <= config.undoHours * HOUR;
      return { batch, items, canUndo };
    },

    listBatches: () => repo.listBatches(db, 20),

    /** Undoes a batch within the window: its listings nobody edited since are removed; the others are listed. */
    async undoBatch(id: number, actorId: number): Promise<{ removed: number[]; kept: number[] }> {
      const { batch, items, canUndo } = await this.batch(id);
      if (!canUndo) throw new ConflictError(batch.undoneAt ? 'desk.error.alreadyUndone' : 'desk.error.undoWindow');
      const untouched = (i: repo.BatchListing) =>
        i.action === 'created' && i.status === 'published' && !i.hasRevisions && i.updatedAt.getTime() <= i.importedAt.getTime();
      const removed = items.filter(untouched).map((i) => i.listingId);
      const kept = items.filter((i) => !untouched(i)).map((i) => i.listingId);
      const now = clock.now();
      await db.transaction(async (trx) => {
        if (!(await repo.markBatchUndone(trx, id, actorId, now))) throw new ConflictError('desk.error.alreadyUndone');
        for (const id of removed) await listings.lifecycle.transition(trx, id, { to: 'removed', by: actorId, action: 'desk_undo' });
        await appendAudit(trx, { actorId, action: 'desk_undo', subjectType: 'import_batch', subjectId: id, after: { removed, kept } }, now);
      });
      return { removed, kept };
    },

    /** The listing ids of a batch that are public now (for the batch's shop-window cards). */
    async batchListingIds(id: number): Promise<number[]> {
      const { items } = await this.batch(id);
      return items.filter((i) => i.status === 'published').map((i) => i.listingId);
    },

    ...createDeskExport(db),
  };
}


export type DeskService = ReturnType<typeof createDeskService>;
export type { DeskColumn };
export type { EvaluatedRow, Evaluation } from './desk-evaluation.service.js';
