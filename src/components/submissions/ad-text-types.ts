/** What the ad-text parser hands back: types only, imported by the parser and by each of its parts. */
import type { ClassifiedDeal } from './ad-text-data.js';
import type { AdPhone } from './ad-text-phones.js';
import type { AdAccount } from './ad-text-fields.js';
import type { CategoryGuess } from './ad-text-category.js';

export interface AdClassified {
  deal: ClassifiedDeal;
  /** The asking price (sale, purchase, job pay): the monthly rent for 월세, the deposit for 전세. */
  priceKrw: number | null;
  depositKrw: number | null;
  rentKrw: number | null;
}

export interface AdBranch {
  name: string | null;
  addressPrinted: string;
  address: { sido: string; sigungu: string; road: string; buildingNo: string; detail: string };
  phones: AdPhone[];
}
export interface AdOffer {
  name: string;
  priceKrw: number | null;
  priceStyle: 'full' | 'man';
  /** A from-price (7만원부터, 5만원 이상, the low end of 3~5만원). */
  priceFrom?: boolean;
  /** The top of a printed range (3~5만원 → 50000). */
  priceMaxKrw?: number;
  /** How the ad qualified the price (부터, 이상, 3~5만원): the offer's note. */
  priceNote?: string;
  /** A price for a period or unit of time (월 25만원, 시급 1만원). */
  pricePer?: 'month' | 'hour' | 'day' | 'week';
}

export interface ParsedAd {
  kind: 'business' | 'classified';
  /** For a classified ad: the deal and its prices (deposit and rent for 월세/전세); null for a business. */
  classified: AdClassified | null;
  name: string;
  nameLatin: string | null;
  legalName: string | null;
  brands: string[];
  /** The category suggested, when its confidence is medium or high (kept for the desk's import). */
  categories: Array<{ id: number; name: string }>;
  /** The category suggested with its confidence (a low one is shown as a question, never chosen by default); null: none fits. */
  category: CategoryGuess | null;
  /** The parser could not tell where the name starts or ends: the advertiser confirms it. */
  nameUnsure: boolean;
  /** The trade phrase printed around the name (꽃배달 전문), also the start of the description. */
  tagline: string | null;
  description: string;
  serviceArea: string | null;
  deliveryNote: string | null;
  phones: AdPhone[];
  branches: AdBranch[];
  offers: AdOffer[];
  paymentAccounts: AdAccount[];
}
