/** The parser with the category list it suggests from. */
import { parseAdText, type CategoryHint, type ParsedAd } from './ad-text-parser.js';

type CategoryRow = { id: number; parentId: number | null; slug: string; nameKo: string; synonyms: string[] };
export function createAdTextService(deps: { listCategories: () => Promise<CategoryRow[]> }) {
  let hints: CategoryHint[] | null = null;
  return {
    async parse(text: string): Promise<ParsedAd> {
      hints ??= (await deps.listCategories()).filter((c) => c.parentId !== null).map((c) => ({ id: c.id, parentId: c.parentId, slug: c.slug, nameKo: c.nameKo, synonyms: c.synonyms }));
      return parseAdText(text, hints);
    },
  };
}
export type AdTextService = ReturnType<typeof createAdTextService>;
