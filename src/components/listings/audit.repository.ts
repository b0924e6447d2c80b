/** The append-only audit log (the database refuses UPDATE and DELETE on it): who did what to which subject, and why. */
import type { Knex } from 'knex';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType:
    | 'listing' | 'revision' | 'user' | 'category' | 'report' | 'banned_term' | 'import_batch' | 'claim' | 'review' | 'review_reply';
  subjectId: number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(trx: Knex.Transaction | Knex, e: AuditEntry, now: Date): Promise<void> {
  await trx('audit_log').insert({
    actor_id: e.actorId, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId,
    reason: e.reason ? e.reason.slice(0, 1000) : null, created_at: now,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
  });
}
