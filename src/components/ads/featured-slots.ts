/** The featured slots of the public pages: read, counted and turned into what the page prints. */
import { repeatOnHit } from '../../lib/repeat-on-hit.js';
import type { FeaturedSlots } from '../listings/index.js';
import type { Placements } from './placements.js';
import { slotsVM } from './slots.view-models.js';

/**
 * The slots a page shows, as the browse and search routes ask for them. Each page sent counts one impression per slot
 * (`record` leaves bots out by user agent); a page answered from the page cache counts them again for its request.
 */
export function createFeaturedSlots(
  placements: Placements,
  record: (placementIds: number[], userAgent: string | undefined) => void,
): FeaturedSlots {
  return async (req, res, placement, target) => {
    const pick = await placements.slotsFor(placement, target);
    const ids = pick.slots.map((s) => s.placementId);
    record(ids, req.get('user-agent'));
    if (ids.length) repeatOnHit((hit) => record(ids, hit.headers['user-agent']));
    return slotsVM(pick, res.locals.lang, res.locals.t);
  };
}
