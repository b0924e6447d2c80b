/** Who is asking: set on res.locals.currentUser by the accounts component's session middleware. */
import type { Response } from 'express';
import type { CurrentUser, Viewer } from '../core/viewer.js';

declare module 'express-serve-static-core' {
  interface Locals {
    currentUser?: CurrentUser | null;
  }
}

export function viewerOf(res: Response): Viewer {
  const u = res.locals.currentUser;
  return u ? { userId: u.id, role: u.role } : { userId: null, role: 'visitor' };
}
