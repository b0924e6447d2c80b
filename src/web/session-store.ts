/**
 * The sessions table's store (connect-session-knex) with a throttled touch. express-session "touches" an unchanged
 * session after every signed-in request so its idle expiry rolls on; the store's touch is an UPDATE of the row, i.e.
 * one write per signed-in page view (through the one SQLite writer; on PostgreSQL a lock on the row). Here `get`
 * also reads the row's stored expiry, and `touch` writes only when the new expiry is at least `minStepMs` later than
 * the stored one. A session therefore ends between `idle − minStepMs` and `idle` after its last request, never later;
 * the cookie's own expiry still rolls with every response.
 */
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { SessionData } from 'express-session';
import type { Knex } from 'knex';
import { engineOf, instantAtMost } from '../db/index.js';

/** Where `get` leaves the row's stored expiry: express-session copies the loaded cookie's fields onto the session's
 * Cookie, whose JSON (what `set` stores) lists only the cookie attributes, so this field is never written back. */
const STORED_UNTIL = 'storedUntil';

type Callback<T> = (err: unknown, value?: T) => void;

export class ThrottledSessionStore extends ConnectSessionKnexStore {
  constructor(private readonly db: Knex, private readonly minStepMs: number) {
    super({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: 0 });
  }

  override async get(sid: string, callback?: Callback<SessionData | null>): Promise<SessionData | null> {
    try {
      const now = new Date().toISOString();
      const row = await this.db('sessions').where({ sid })
        .andWhereRaw(instantAtMost(engineOf(this.db), 'expired'), [now])
        .first('sess', 'expired');
      let session: SessionData | null = null;
      if (row) {
        session = (typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess) as SessionData;
        if (session.cookie) Object.assign(session.cookie, { [STORED_UNTIL]: new Date(row.expired).getTime() });
      }
      callback?.(null, session);
      return session;
    } catch (err) {
      callback?.(err);
      throw err;
    }
  }

  override async touch(sid: string, session: SessionData, callback?: () => void): Promise<void> {
    const next = session.cookie?.expires ? new Date(session.cookie.expires).getTime() : NaN;
    const stored = (session.cookie as unknown as Record<string, unknown> | undefined)?.[STORED_UNTIL];
    if (typeof stored === 'number' && next - stored < this.minStepMs) {
      callback?.();
      return;
    }
    await super.touch(sid, session, callback);
  }
}
