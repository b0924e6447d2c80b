/**
 * What the parser read from a pasted ad, carried through the form's POSTs in hidden fields (nothing in the URL), and
 * the summary the form shows at its top: every fact that will be published, each with 고치기, unsure facts marked.
 */
import { formatWon } from '../../lib/money.js';
import type { ParsedAd } from './ad-text-parser.js';
import type { FormValues } from './form-values.js';

type T = (key: string, params?: Record<string, string | number>) => string;

export interface ReadState {
  /** The name as the parser read it; `nameUnsure`: the advertiser must confirm it (or change it) before saving. */
  name: string;
  nameUnsure: boolean;
  nameConfirmed: boolean;
  /** The parser's category suggestion and how sure it was (a low one is offered, never chosen). */
  categoryId: number | null;
  categoryConfidence: 'high' | 'medium' | 'low' | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '').slice(0, 200);

/** The read state a POST carries back (hidden fields read*), or null when no ad was pasted. */
export function readStateFromBody(body: Record<string, unknown> | undefined): ReadState | null {
  if (!body || str(body.readFrom) !== 'ad') return null;
  const id = Number(str(body.readCategoryId));
  const confidence = str(body.readCategoryConfidence);
  return {
    name: str(body.readName),
    nameUnsure: str(body.readNameUnsure) === '1',
    nameConfirmed: str(body.nameConfirmed) === '1',
    categoryId: Number.isSafeInteger(id) && id > 0 ? id : null,
    categoryConfidence: confidence === 'high' || confidence === 'medium' || confidence === 'low' ? confidence : null,
  };
}

export function readStateFromAd(ad: ParsedAd): ReadState {
  return {
    name: ad.name, nameUnsure: ad.nameUnsure, nameConfirmed: false,
    categoryId: ad.category?.id ?? null, categoryConfidence: ad.category?.confidence ?? null,
  };
}

/** An unsure name still as read and not confirmed: saving waits for the advertiser to confirm or change it. */
export function nameNeedsConfirming(read: ReadState | null, values: FormValues): boolean {
  return !!read && read.nameUnsure && !read.nameConfirmed && values.name.trim() === read.name.trim();
}

export interface SummaryFact { key: string; label: string; values: string[]; href: string; unsure: boolean; empty: boolean }

/** The facts the form will publish, in the order of the form, for the summary above it. */
export function summaryFacts(v: FormValues, read: ReadState, categories: Array<{ id: number; name: string }>, t: T): SummaryFact[] {
  const categoryName = (id: string) => categories.find((c) => String(c.id) === id)?.name ?? '';
  const chosen = v.categoryIds.map(categoryName).filter(Boolean);
  const suggested = read.categoryId !== null && read.categoryConfidence === 'low' ? categoryName(String(read.categoryId)) : '';
  const fact = (key: string, label: string, values: string[], href: string, unsure = false): SummaryFact => ({
    key, label: t(label), values: values.length ? values : [t('intake.summary.none')], href, unsure, empty: values.length === 0,
  });
  const joined = (...parts: Array<string | null | undefined>) => parts.map((p) => (p ?? '').trim()).filter(Boolean).join(' · ');
  const price = (p: string) => (/^\d+$/.test(p) ? formatWon(Number(p)) : p);
  return [
    fact('name', 'field.name', v.name.trim() ? [v.name.trim()] : [], '#f-name', nameNeedsConfirming(read, v) || !v.name.trim()),
    fact('kind', 'field.kind', [t(`submission.kind.${v.kind === 'classified' ? 'classified' : 'business'}`)], '#f-kind-0'),
    fact(
      'category',
      'field.categoryIds',
      chosen.length ? chosen : suggested ? [t('intake.summary.suggested', { name: suggested })] : [],
      '#f-categoryIds',
      !chosen.length,
    ),
    fact('phones', 'field.phones', v.phones.map((p) => p.number.trim()).filter(Boolean), '#f-phones-0-number'),
    fact(
      'branches',
      'field.branches',
      v.branches
        .filter((b) => b.address.trim() || b.name.trim())
        .map((b) => joined(b.name, joined(b.address, b.detail), ...b.phones.map((p) => p.number))),
      '#f-branches-0-address',
    ),
    fact(
      'offers',
      'field.offers',
      v.offers.filter((o) => o.name.trim()).map((o) => joined(o.name, price(o.price.trim()), o.note)),
      '#f-offers-0-name',
    ),
    fact(
      'accounts',
      'field.accounts',
      v.accounts.filter((a) => a.number.trim()).map((a) => joined(a.bank, a.number, a.holder)),
      '#f-accounts-0-number',
    ),
    // Published too, shown only when the ad had them (the summary stays short).
    ...(v.serviceArea.trim() || v.deliveryNote.trim()
      ? [fact('serviceArea', 'field.serviceArea', [joined(v.serviceArea, v.deliveryNote)], '#f-serviceArea')]
      : []),
    ...(v.description.trim() ? [fact('description', 'field.description', [v.description.trim()], '#f-description')] : []),
  ];
}
