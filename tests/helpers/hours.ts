/** Opening hours for a test's own listing: the demo's print ads state none (their hours are unknown). */
import type { Knex } from 'knex';

/** Gives every branch of a listing 10:00–20:00 from Monday to Saturday, closed on Sunday. */
export async function giveShopHours(db: Knex, listingId: number): Promise<void> {
  const branchIds = (await db('branches').where({ listing_id: listingId }).pluck('id')).map(Number);
  await db('branch_hours').whereIn('branch_id', branchIds).del();
  await db('branch_hours').insert(
    branchIds.flatMap((branch_id) =>
      [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
        weekday === 0
          ? { branch_id, weekday, is_closed: true }
          : { branch_id, weekday, is_closed: false, opens_at: '10:00', closes_at: '20:00' },
      ),
    ),
  );
}
