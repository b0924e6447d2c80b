/** Valid listing drafts for service-level set-up (the same validation the form uses). */
import { formValuesFromBody, validateListingForm, type ListingDraft } from '../../src/components/submissions/index.js';
import type { TestApp } from './test-app.js';

export async function draftOf(t: TestApp, extra: Record<string, unknown> = {}): Promise<ListingDraft> {
  const categories = await t.services.listings.listCategories();
  const flowers = categories.find((c) => c.slug === 'flowers') ?? categories.find((c) => c.parentId !== null)!;
  const { draft, errors } = validateListingForm(formValuesFromBody({
    kind: 'business', name: '새 꽃집', categoryIds: [String(flowers.id)], phones: [{ number: '010-2345-6789' }],
    // Each listing's own text, so the duplicate-text check stays quiet unless a test means it.
    description: `${String(extra.name ?? '새 꽃집')}: 축하화환과 근조화환을 광주 전역에 배달합니다.`, ...extra,
  }), { submit: true, knownCategoryIds: new Set(categories.map((c) => c.id)) });
  if (!draft) throw new Error(JSON.stringify(errors));
  return draft;
}

/** A listing submitted for review by its owner (status pending). */
export async function submitListing(t: TestApp, ownerId: number, extra: Record<string, unknown> = {}): Promise<number> {
  return t.services.submissions.createListing(ownerId, await draftOf(t, extra), [], true);
}
