/** The pages a featured placement can be bought for: a category of the directory, a Gwangju district, or a search term. */
import { districtLabel, GWANGJU_DISTRICTS } from '../../lib/korean-address.js';
import { normaliseQuery } from '../stats/index.js';
import type { PlacementKind } from './placements.repository.js';

type Categories = () => Promise<Array<{ slug: string; nameKo: string; nameEn: string }>>;

export function createFeaturedTargets(categories?: Categories) {
  async function choices(placement: PlacementKind): Promise<Array<{ value: string; ko: string; en: string }>> {
    if (placement === 'district') return GWANGJU_DISTRICTS.map((d) => ({ value: d, ko: d, en: districtLabel(d, 'en').name }));
    if (placement === 'category') return (categories ? await categories() : []).map((c) => ({ value: c.slug, ko: c.nameKo, en: c.nameEn }));
    return [];
  }
  return {
    choices,
    /** A featured placement's page as stored: a known category slug, a Gwangju district, or a search term normalised; else null. */
    async targetOf(placement: PlacementKind, raw: string): Promise<string | null> {
      if (placement === 'search') return normaliseQuery(raw) || null;
      return (await choices(placement)).some((c) => c.value === raw) ? raw : null;
    },
  };
}
