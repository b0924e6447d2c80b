/**
 * Runs the app as a given user without a login (until the accounts branch's loginAgent is available):
 * an outer app sets res.locals.currentUser before the real app runs.
 */
import express, { type Express } from 'express';
import type { TestApp } from './test-app.js';
import type { CurrentUser, Role } from '../../src/web/viewer.js';

export async function createUserRow(t: TestApp, email: string, role: Role = 'advertiser'): Promise<CurrentUser> {
  const now = t.clock.now();
  const [row] = await t.db('users').insert({ email, password_hash: 'x', role, created_at: now, updated_at: now }).returning('id');
  return { id: Number(typeof row === 'object' ? row.id : row), email, role, displayName: null };
}

export function appAs(t: TestApp, user: CurrentUser | null): Express {
  const outer = express();
  outer.use((_req, res, next) => {
    res.locals.currentUser = user;
    next();
  });
  outer.use(t.app);
  return outer;
}

/** The CSRF token printed in a form (empty until the accounts branch's CSRF middleware is mounted). */
export function tokenFrom(html: string): string {
  return html.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
}
