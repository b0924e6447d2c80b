/** The shape of a whole listing with its children, as written in one transaction and as read for a page. */
import type { PhoneType } from '../phones/index.js';

export type ListingKind = 'business' | 'classified';
/** Where a listing came from, when that earns trust: the paper's print edition, or checked by a moderator. */
export type ListingOrigin = 'print_ad' | 'verified';
export type ListingStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'expired' | 'archived' | 'removed' | 'closed' | 'suspended';
export const LISTING_KINDS: readonly ListingKind[] = ['business', 'classified'];
export const LISTING_STATUSES: readonly ListingStatus[] = [
  'draft',
  'pending',
  'published',
  'rejected',
  'expired',
  'archived',
  'removed',
  'closed',
  'suspended',
];


export interface PhoneInput {
  label?: string | null;
  type: PhoneType;
  e164: string;
  display: string;
  nationalDigits: string;
  extension?: string | null;
}

export interface HoursInput {
  weekday: number;
  isClosed: boolean;
  opensAt?: string | null;
  closesAt?: string | null;
  breakStart?: string | null;
  breakEnd?: string | null;
}

export interface BranchInput {
  name?: string | null;
  sido?: string | null;
  sigungu?: string | null;
  roadName?: string | null;
  buildingNo?: string | null;
  detail?: string | null;
  postalCode?: string | null;
  lat?: number | null;
  lng?: number | null;
  hoursNote?: string | null;
  hours: HoursInput[];
  phones: PhoneInput[];
}

export interface OfferInput {
  name: string;
  priceKrw: number | null;
  priceStyle?: 'full' | 'man';
  priceNote?: string | null;
}

export interface PaymentAccountInput {
  bank: string;
  holder: string;
  number: string;
}

export interface ListingGraphInput {
  kind: ListingKind;
  status: ListingStatus;
  name: string;
  slug?: string;
  nameLatin?: string | null;
  legalName?: string | null;
  tagline?: string | null;
  description: string;
  serviceArea?: string | null;
  deliveryNote?: string | null;
  website?: string | null;
  email?: string | null;
  businessRegNo?: string | null;
  /** Set by trusted code only (seeds, the ad desk's import: 'print_ad', shown as "신문 광고"; moderators), never from a form. */
  origin?: ListingOrigin | null;
  /** Made-up demo or benchmark data (seeds only): kept in the data, never shown on a page. */
  isSynthetic?: boolean;
  brands?: string[];
  tags?: string[];
  ownerId?: number | null;
  categoryIds: number[];
  publishedAt?: Date | null;
  expiresAt?: Date | null;
  featuredUntil?: Date | null;
  lastConfirmedAt?: Date | null;
  phones: PhoneInput[];
  branches: BranchInput[];
  offers: OfferInput[];
  paymentAccounts: PaymentAccountInput[];
}

export interface ListingRow {
  id: number;
  kind: ListingKind;
  status: ListingStatus;
  slug: string;
  name: string;
  nameLatin: string | null;
  legalName: string | null;
  tagline: string | null;
  description: string;
  serviceArea: string | null;
  deliveryNote: string | null;
  website: string | null;
  email: string | null;
  businessRegNo: string | null;
  origin: ListingOrigin | null;
  brands: string[];
  tags: string[];
  ownerId: number | null;
  primaryCategoryId: number | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  expiresAt: Date | null;
  featuredUntil: Date | null;
  lastConfirmedAt: Date | null;
  closedAt: Date | null;
  /** 폐업: a check confirmed the business closed for good (the page stays with a notice; no browse shelves). */
  outOfBusinessAt: Date | null;
  /** 공휴일 휴무 / 명절 당일만 휴무, followed every year from the gazette's list (components/facts). */
  holidayRule: 'public_holidays' | 'lunar_days' | null;
  deletedAt: Date | null;
  /** Why a moderator rejected the listing or asked for changes (shown to the owner). */
  moderationNote: string | null;
}

export interface PhoneRow extends PhoneInput { id: number; branchId: number | null }
export interface HoursRow extends HoursInput { branchId: number }
export interface BranchRow extends Omit<BranchInput, 'hours' | 'phones'> {
  id: number;
  hours: HoursRow[];
  phones: PhoneRow[];
  closures: Array<{ day: string; note: string | null }>;
}
export interface OfferRow extends OfferInput { id: number; priceStyle: 'full' | 'man' }
export interface PaymentAccountRow extends PaymentAccountInput { id: number }
export interface MediaRow {
  id: number;
  role: 'logo' | 'photo';
  storageKey: string;
  variants: Array<{ name: string; file: string; width: number; height: number; bytes: number }>;
  width: number;
  height: number;
  altText: string | null;
}
export interface CategoryRef { id: number; slug: string; nameKo: string; nameEn: string; schemaType: string; parentId: number | null }

export interface ListingGraph extends ListingRow {
  categories: CategoryRef[];
  phones: PhoneRow[];
  branches: BranchRow[];
  offers: OfferRow[];
  paymentAccounts: PaymentAccountRow[];
  media: MediaRow[];
}
