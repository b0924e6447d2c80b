/** What a pending revision changes, field by field, as plain text for the moderator (pure). */
import { formatRoadAddress } from '../../lib/korean-address.js';
import type { ListingGraph } from '../listings/index.js';
import type { ListingDraft } from './listing-form.js';

export interface FieldChange { field: string; before: string; after: string }

type Comparable = Record<string, string>;

export interface TextFields {
  kind: string;
  name: string;
  nameLatin?: string | null;
  legalName?: string | null;
  description: string;
  serviceArea?: string | null;
  deliveryNote?: string | null;
  website?: string | null;
  businessRegNo?: string | null;
}

/** A listing's plain text fields, an absent one as '' (for the form's values and for comparing revisions). */
export function textFields(g: TextFields) {
  return {
    kind: g.kind,
    name: g.name,
    nameLatin: g.nameLatin ?? '',
    legalName: g.legalName ?? '',
    description: g.description,
    serviceArea: g.serviceArea ?? '',
    deliveryNote: g.deliveryNote ?? '',
    website: g.website ?? '',
    businessRegNo: g.businessRegNo ?? '',
  };
}

function phonesText(list: Array<{ display: string; label?: string | null; extension?: string | null }>): string {
  return list
    .map((p) => [p.display, p.extension ? `내선 ${p.extension}` : '', p.label ? `(${p.label})` : ''].filter(Boolean).join(' '))
    .join(', ');
}

function comparable(
  g: Pick<
    ListingDraft,
    | 'kind'
    | 'name'
    | 'nameLatin'
    | 'legalName'
    | 'description'
    | 'serviceArea'
    | 'deliveryNote'
    | 'website'
    | 'businessRegNo'
    | 'categoryIds'
    | 'phones'
    | 'branches'
    | 'offers'
    | 'paymentAccounts'
  >,
  mediaIds: number[],
): Comparable {
  return {
    ...textFields(g),
    categoryIds: [...g.categoryIds].sort((a, b) => a - b).join(', '),
    phones: phonesText(g.phones),
    branches: g.branches
      .map((b) => `${b.name ? `${b.name}: ` : ''}${formatRoadAddress(b)}${b.phones.length ? ` · ${phonesText(b.phones)}` : ''}`)
      .join(' / '),
    hours: g.branches
      .map((b) =>
        b.hours
          .map((h) =>
            h.isClosed
              ? `${h.weekday}:휴무`
              : `${h.weekday}:${h.opensAt}-${h.closesAt}${h.breakStart ? ` (${h.breakStart}-${h.breakEnd})` : ''}`,
          )
          .join(' '),
      )
      .join(' / '),
    offers: g.offers.map((o) => `${o.name} ${o.priceKrw ?? '협의'}${o.priceNote ? ` (${o.priceNote})` : ''}`).join(', '),
    paymentAccounts: g.paymentAccounts.map((a) => `${a.bank} ${a.holder} ${a.number}`).join(', '),
    photos: mediaIds.join(', '),
  };
}

export function diffRevision(current: ListingGraph, proposed: ListingDraft, proposedMediaIds: number[]): FieldChange[] {
  const before = comparable({ ...current, categoryIds: current.categories.map((c) => c.id) }, current.media.map((m) => m.id));
  const after = comparable(proposed, proposedMediaIds);
  return Object.keys(before).filter((k) => before[k] !== after[k]).map((field) => ({ field, before: before[field], after: after[field] }));
}
