/** A listing's child rows as the tables store them, built from its input graph: one shape for the first write and for saves. */
import type { BranchInput, ListingGraphInput, PhoneInput } from './listing-graph.js';

type Row = Record<string, unknown>;

export const phoneRows = (listingId: number, branchId: number | null, phones: PhoneInput[]): Row[] =>
  phones.map((p, i) => ({
    listing_id: listingId, branch_id: branchId, label: p.label ?? null, type: p.type, e164: p.e164, display: p.display,
    national_digits: p.nationalDigits, extension: p.extension ?? null, sort_order: i,
  }));

export const hoursRows = (branchId: number, b: BranchInput): Row[] =>
  b.hours.map((h) => ({
    branch_id: branchId, weekday: h.weekday, is_closed: h.isClosed, opens_at: h.opensAt ?? null, closes_at: h.closesAt ?? null,
    break_start: h.breakStart ?? null, break_end: h.breakEnd ?? null,
  }));

export const branchRow = (listingId: number, b: BranchInput, i: number): Row => ({
  listing_id: listingId, name: b.name ?? null, sido: b.sido ?? null, sigungu: b.sigungu ?? null, road_name: b.roadName ?? null,
  building_no: b.buildingNo ?? null, address_detail: b.detail ?? null, postal_code: b.postalCode ?? null, lat: b.lat ?? null,
  lng: b.lng ?? null, hours_note: b.hoursNote ?? null, sort_order: i,
});

export const offerRows = (listingId: number, input: ListingGraphInput): Row[] =>
  input.offers.map((o, i) => ({
    listing_id: listingId, name: o.name, price_krw: o.priceKrw, price_style: o.priceStyle ?? 'full', price_note: o.priceNote ?? null,
    sort_order: i,
  }));

export const accountRows = (listingId: number, input: ListingGraphInput): Row[] =>
  input.paymentAccounts.map((a, i) => ({ listing_id: listingId, bank: a.bank, holder: a.holder, number: a.number, sort_order: i }));
