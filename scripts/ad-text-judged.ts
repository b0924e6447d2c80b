/**
 * The print-ad parser against its judged set (tests/fixtures/print-ads-judged.json): precision and recall per field.
 * Shared by the test that holds the floors (tests/unit/submissions/ad-text-judged.test.ts) and the table printer
 * (`npm run parser:eval`).
 */
import fs from 'node:fs';
import { parseRoadAddress } from '../src/lib/korean-address.js';
import { parseAdText, type ParsedAd } from '../src/components/submissions/index.js';

export interface JudgedAd {
  id: string;
  shape: string;
  /** Written after the parser was tuned on the others: the honest figure for ads it has not seen. */
  heldOut?: boolean;
  text: string;
  expect: {
    name: string;
    kind: string;
    category: string | null;
    phones: string[];
    branches: Array<{ name: string | null; address: string; phones: string[] }>;
    prices: Array<{ item: string; amount: number; from?: boolean; per?: string }>;
    accounts: Array<{ bank: string; holder: string; number: string }>;
  };
}
interface Hint { id: number; parentId: number | null; slug: string; nameKo: string; synonyms: string[] }

export const FIELDS = ['name', 'kind', 'category', 'phones', 'branches', 'prices', 'account'] as const;
export type Field = (typeof FIELDS)[number];
export interface Score { tp: number; predicted: number; expected: number; precision: number; recall: number }
export interface Miss { id: string; field: Field; expected: string; got: string }

const root = new URL('../tests/fixtures/', import.meta.url);
export const JUDGED: JudgedAd[] = JSON.parse(fs.readFileSync(new URL('print-ads-judged.json', root), 'utf8')).ads;
export const CATEGORY_HINTS: Hint[] = JSON.parse(fs.readFileSync(new URL('category-hints.json', root), 'utf8'));

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const addressKey = (printed: string) => {
  const a = parseRoadAddress(printed);
  return a ? `${a.sigungu} ${a.roadName} ${a.buildingNo}` : squash(printed);
};
const sorted = (xs: string[]) => [...new Set(xs)].sort().join(',');

/** What the parser said, in the judged set's terms. */
export function predicted(ad: ParsedAd) {
  const slugOf = (id: number | undefined) => CATEGORY_HINTS.find((h) => h.id === id)?.slug ?? null;
  return {
    name: ad.name.trim(),
    kind: ad.kind === 'classified' ? (ad.classified?.deal ?? 'classified') : 'business',
    category: slugOf(ad.categories[0]?.id),
    phones: [...new Set([...ad.phones, ...ad.branches.flatMap((b) => b.phones)].map((p) => p.e164))],
    branches: ad.branches.map((b) => ({
      key: `${squash(b.name)}|${addressKey(b.addressPrinted)}`,
      phones: sorted(b.phones.map((p) => p.e164)),
    })),
    prices: ad.offers
      .filter((o) => o.priceKrw !== null)
      .map((o) => `${squash(o.name)}|${o.priceKrw}|${o.priceFrom ? 'from' : ''}|${o.pricePer ?? ''}`),
    account: ad.paymentAccounts.map((a) => `${a.bank}|${a.holder}|${a.number.replace(/\D/g, '')}`),
  };
}

/** Items matched one to one (a multiset intersection). */
function matched(got: string[], want: string[]): number {
  const left = [...want];
  let n = 0;
  for (const g of got) {
    const i = left.indexOf(g);
    if (i >= 0) {
      left.splice(i, 1);
      n++;
    }
  }
  return n;
}

/** Strings a stored field must not hold: brackets, a separator at either end, "/." runs, or a lone label word. */
const LEFTOVER = /[[\]【】<>{}]|\/\s*\.|^[\s/|·:.,~-]|[\s/|·:,~-]$|^(?:문의|주문|예약|tel|t|전화|계좌|입금)\.?$/i;
export function leftovers(ad: ParsedAd): string[] {
  const fields = [
    ad.name, ad.nameLatin, ad.legalName, ad.serviceArea, ad.deliveryNote, ad.description.replace(/[.]$/, ''),
    ...ad.offers.flatMap((o) => [o.name, o.priceNote ?? null]), ...ad.branches.flatMap((b) => [b.name, b.addressPrinted]),
    ...ad.paymentAccounts.flatMap((a) => [a.bank, a.holder]),
  ];
  return fields.filter((f): f is string => typeof f === 'string' && f !== '' && LEFTOVER.test(f));
}

export function evaluate(ads: JudgedAd[] = JUDGED) {
  const counts = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, predicted: 0, expected: 0 }])) as Record<
    Field,
    Omit<Score, 'precision' | 'recall'>
  >;
  const misses: Miss[] = [];
  const dirty: Array<{ id: string; fields: string[] }> = [];
  let unsureWrongNames = 0;
  let unsureRightNames = 0;
  for (const judged of ads) {
    // As the service does: only the categories a listing is filed under (the second level).
    const ad = parseAdText(judged.text, CATEGORY_HINTS.filter((h) => h.parentId !== null));
    const got = predicted(ad);
    const e = judged.expect;
    const want: Record<Field, string[]> = {
      name: e.name ? [e.name] : [],
      kind: [e.kind],
      category: e.category ? [e.category] : [],
      phones: e.phones,
      branches: e.branches.map((b) => `${squash(b.name)}|${addressKey(b.address)}`),
      prices: e.prices.map((p) => `${squash(p.item)}|${p.amount}|${p.from ? 'from' : ''}|${p.per ?? ''}`),
      account: e.accounts.map((a) => `${a.bank}|${a.holder}|${a.number.replace(/\D/g, '')}`),
    };
    // A branch counts when its name and address match, and its own phones too where the ad ties phones to branches.
    const branchGot = got.branches.map((b) => {
      const expected = e.branches.find((x) => `${squash(x.name)}|${addressKey(x.address)}` === b.key);
      return expected && expected.phones.length && sorted(expected.phones) !== b.phones ? `${b.key}|wrong-phones` : b.key;
    });
    const have: Record<Field, string[]> = {
      name: got.name ? [got.name] : [], kind: [got.kind], category: got.category ? [got.category] : [],
      phones: got.phones, branches: branchGot, prices: got.prices, account: got.account,
    };
    for (const f of FIELDS) {
      const tp = matched(have[f], want[f]);
      counts[f].tp += tp;
      counts[f].predicted += have[f].length;
      counts[f].expected += want[f].length;
      if (tp !== have[f].length || tp !== want[f].length)
        misses.push({ id: judged.id, field: f, expected: want[f].join(' ; '), got: have[f].join(' ; ') });
    }
    const unsure = (ad as { nameUnsure?: boolean }).nameUnsure === true;
    if (unsure && got.name !== e.name) unsureWrongNames++;
    if (unsure && got.name === e.name) unsureRightNames++;
    const left = leftovers(ad);
    if (left.length) dirty.push({ id: judged.id, fields: left });
  }
  const scores = Object.fromEntries(FIELDS.map((f) => {
    const c = counts[f];
    return [f, { ...c, precision: c.predicted ? c.tp / c.predicted : 1, recall: c.expected ? c.tp / c.expected : 1 }];
  })) as Record<Field, Score>;
  const wrongNames = misses.filter((m) => m.field === 'name').length;
  return {
    ads: ads.length,
    scores,
    misses,
    dirty,
    names: { wrong: wrongNames, wrongMarkedUnsure: unsureWrongNames, rightMarkedUnsure: unsureRightNames },
  };
}

export function formatTable(result: ReturnType<typeof evaluate>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = FIELDS.map((f) => {
    const s = result.scores[f];
    const cells = [
      pct(s.precision).padStart(9),
      pct(s.recall).padStart(6),
      String(s.tp).padStart(5),
      String(s.predicted).padStart(4),
      String(s.expected).padStart(6),
    ];
    return `| ${f.padEnd(8)} | ${cells.join(' | ')} |`;
  });
  return [
    `${result.ads} judged ads`,
    '| field    | precision | recall | right | read | judged |',
    '|----------|-----------|--------|-------|------|--------|',
    ...rows,
    `wrong names: ${result.names.wrong} (marked unsure: ${result.names.wrongMarkedUnsure}); right names marked unsure: ${result.names.rightMarkedUnsure}`,
    `ads with a leftover separator, bracket or label in a stored field: ${result.dirty.length}`,
  ].join('\n');
}
