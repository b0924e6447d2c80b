/** A staged batch's rows checked: each validated, duplicates found against Golmok (phone E.164, business number) and within the batch. */
import type { Knex } from 'knex';
import type { ListingsService } from '../listings/index.js';
import type { ListingDraft } from '../submissions/index.js';
import { validateDeskRow, type CategoryReading, type RowErrors } from './desk-rows.js';
import * as repo from './desk.repository.js';
import type { ListingRef, StagedRow } from './desk.repository.js';

export interface EvaluatedRow extends StagedRow {
  index: number;
  errors: RowErrors;
  /** Near-miss categories to confirm and, for one matching nothing, the closest of ours. */
  categories: CategoryReading;
  draft: ListingDraft | null;
  existing: ListingRef | null;
}

export interface Evaluation {
  rows: EvaluatedRow[];
  counts: { total: number; valid: number; invalid: number; duplicates: number; dropped: number };
}

/** Validation of every row, duplicates against Golmok (phone E.164, business number) and within the batch. */
export async function evaluate(db: Knex, listings: ListingsService, rows: StagedRow[]): Promise<Evaluation> {
  const categories = await listings.listCategories();
  const checked = rows.map((r, index) => ({
    ...r,
    index,
    existing: null as ListingRef | null,
    ...(r.dropped
      ? { draft: null, errors: {} as RowErrors, categories: { near: [], unknown: null } as CategoryReading }
      : validateDeskRow(r.cells, categories)),
  }));
  const phonesOf = (d: ListingDraft) =>
    [...d.phones, ...d.branches.flatMap((b) => b.phones)].filter((p) => p.type !== 'fax').map((p) => p.e164);
  const e164s = checked.flatMap((r) => (r.draft ? phonesOf(r.draft) : []));
  const regNos = checked.flatMap((r) => (r.draft?.businessRegNo ? [r.draft.businessRegNo] : []));
  const { byPhone, byRegNo } = await repo.findExisting(db, e164s, regNos);
  const firstLine = new Map<string, number>();
  for (const r of checked) {
    if (!r.draft) continue;
    const keys = [...phonesOf(r.draft).map((p) => `p:${p}`), ...(r.draft.businessRegNo ? [`b:${r.draft.businessRegNo}`] : [])];
    r.existing =
      (r.draft.businessRegNo ? byRegNo.get(r.draft.businessRegNo) : undefined) ??
      phonesOf(r.draft)
        .map((p) => byPhone.get(p))
        .find(Boolean) ??
      null;
    const earlier = keys.map((k) => firstLine.get(k)).find((n) => n !== undefined);
    if (earlier !== undefined && !r.existing) {
      r.errors = { ...r.errors, phones: 'desk.error.sameAsRow' };
      r.draft = null;
      continue;
    }
    for (const k of keys) if (!firstLine.has(k)) firstLine.set(k, r.line);
  }
  const live = checked.filter((r) => !r.dropped);
  return {
    rows: checked,
    counts: {
      total: rows.length,
      dropped: rows.length - live.length,
      valid: live.filter((r) => r.draft && !r.existing).length,
      invalid: live.filter((r) => !r.draft).length,
      duplicates: live.filter((r) => r.draft && r.existing).length,
    },
  };
}
