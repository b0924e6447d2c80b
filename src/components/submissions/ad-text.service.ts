/** The parser with the category list it suggests from. */
import { parseAdText, type CategoryHint, type ParsedAd } from './ad-text-parser.js';

type CategoryRow = { id: number; parentId: number | null; slug: string; nameKo: string; synonyms: string[] };
export function createAdTextService(deps: { listCategories: () => Promise<CategoryRow[]> }) {
  let hints: CategoryHint[] | null = null;
  /** The categories the parser suggests from (also handed to the desk's worker threads, which parse without a database). */
  async function categoryHints(): Promise<CategoryHint[]> {
    hints ??= (await deps.listCategories()).filter((c) => c.parentId !== null)
      .map((c) => ({ id: c.id, parentId: c.parentId, slug: c.slug, nameKo: c.nameKo, synonyms: c.synonyms }));
    return hints;
  }
  return {
    categoryHints,
    async parse(text: string): Promise<ParsedAd> {
      return parseAdText(text, await categoryHints());
    },
  };
}
export type AdTextService = ReturnType<typeof createAdTextService>;
