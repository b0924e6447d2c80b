/** The parser with the category list it suggests from. */
import { parseAdText, type CategoryHint, type ParsedAd } from './ad-text-parser.js';

export function createAdTextService(deps: { listCategories: () => Promise<Array<{ id: number; parentId: number | null; nameKo: string; synonyms: string[] }>> }) {
  let hints: CategoryHint[] | null = null;
  return {
    async parse(text: string): Promise<ParsedAd> {
      hints ??= (await deps.listCategories()).filter((c) => c.parentId !== null).map((c) => ({ id: c.id, nameKo: c.nameKo, synonyms: c.synonyms }));
      return parseAdText(text, hints);
    },
  };
}
export type AdTextService = ReturnType<typeof createAdTextService>;
