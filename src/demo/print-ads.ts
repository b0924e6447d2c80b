/**
 * The two print ads from the Gwangju paper as demo listings, taken exactly from the fixture's `expected` blocks.
 * The fixture is read from ../shared/fixtures when present, else from the copy committed beside this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/paths.js';
import { parsePhone } from '../components/phones/index.js';
import { plainText } from '../lib/plain-text.js';
import type { ListingGraphInput, PhoneInput } from '../components/listings/index.js';

interface ExpectedPhone { printed: string; e164: string; display: string; type: string }
interface ExpectedAd {
  kind: 'business' | 'classified';
  name: string;
  name_latin?: string;
  legal_name?: string;
  brands?: string[];
  categories: string[];
  description?: string;
  offers?: Array<{ name: string; price_krw: number }>;
  service_area?: string;
  delivery_note?: string;
  phones: ExpectedPhone[];
  payment_accounts: Array<{ bank: string; holder: string; number: string }>;
  branches: Array<{ name: string; address: { sido: string; sigungu: string; road: string; building_no: string }; phones: ExpectedPhone[] }>;
}
export interface PrintAdsFixture { ads: Array<{ printed_text: string; expected: ExpectedAd }> }

export function readPrintAds(): PrintAdsFixture {
  const shared = path.resolve(projectRoot, '..', 'shared', 'fixtures', 'print-ads.json');
  const local = path.join(projectRoot, 'src', 'demo', 'print-ads.json');
  return JSON.parse(fs.readFileSync(fs.existsSync(shared) ? shared : local, 'utf8')) as PrintAdsFixture;
}

function phoneFrom(p: ExpectedPhone): PhoneInput {
  const parsed = parsePhone(p.printed);
  if (!parsed || parsed.e164 !== p.e164) throw new Error(`Fixture phone ${p.printed} does not parse to ${p.e164}`);
  return { ...parsed, label: null };
}

export function printAdListings(categoryIdByName: Map<string, number>, now: Date): ListingGraphInput[] {
  return readPrintAds().ads.map(({ expected: e }) => ({
    kind: e.kind,
    status: 'published',
    name: e.name,
    nameLatin: e.name_latin ?? null,
    legalName: e.legal_name ?? null,
    // Only what the ad says, as plain text: no markup, and nothing the structured fields below already show (offers,
    // phones, account). An ad with no prose of its own gets no description rather than a copy of the printed block.
    description: plainText(e.description ?? ''),
    // An ad without prose of its own is summed up by what it prints: its goods and where it delivers (no prices, no account).
    tagline: e.description ? null : [...(e.offers ?? []).map((o) => o.name), e.service_area].filter(Boolean).join(' · ') || null,
    serviceArea: e.service_area ?? null,
    deliveryNote: e.delivery_note ?? null,
    brands: e.brands ?? [],
    categoryIds: e.categories.map((name) => {
      const id = categoryIdByName.get(name);
      if (id === undefined) throw new Error(`Unknown category ${name} in the print-ads fixture`);
      return id;
    }),
    publishedAt: now,
    lastConfirmedAt: now,
    origin: 'print_ad' as const,
    phones: e.phones.map(phoneFrom),
    offers: (e.offers ?? []).map((o) => ({ name: o.name, priceKrw: o.price_krw, priceStyle: 'full' as const })),
    paymentAccounts: e.payment_accounts,
    branches: e.branches.map((b) => ({
      name: b.name,
      sido: b.address.sido,
      sigungu: b.address.sigungu,
      roadName: b.address.road,
      buildingNo: b.address.building_no,
      // The ads print no opening hours: they are unknown, and the page says so.
      hours: [],
      phones: b.phones.map(phoneFrom),
    })),
  }));
}
