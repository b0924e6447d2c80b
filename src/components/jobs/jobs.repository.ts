/** Job leases: one row per job, taken by a conditional update so that one instance at a time runs it. */
import type { Knex } from 'knex';

/**
 * Takes (or extends) the lease when it is free, expired or already ours. One UPDATE decides, on both engines:
 * two instances racing for it cannot both see one row changed.
 */
export async function takeLease(db: Knex, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  await db('job_leases').insert({ name, holder: '', expires_at: 0 }).onConflict('name').ignore();
  const changed = await db('job_leases')
    .where({ name })
    .andWhere((w) => w.where('expires_at', '<=', now).orWhere({ holder }))
    .update({ holder, expires_at: now + ttlMs });
  return Number(changed) === 1;
}

/** Gives the lease back (only when still ours), so the next run elsewhere need not wait for the expiry. */
export async function releaseLease(db: Knex, name: string, holder: string): Promise<void> {
  await db('job_leases').where({ name, holder }).update({ expires_at: 0 });
}
