/** Who is asking: set on res.locals.currentUser by the accounts component's session middleware. */
import type { Response } from 'express';

/** `desk`: the newspaper's ad desk (bulk imports of print ads, batch cards). */
export type Role = 'advertiser' | 'desk' | 'moderator' | 'admin';
export interface CurrentUser { id: number; email: string; role: Role; displayName: string | null }

declare module 'express-serve-static-core' {
  interface Locals {
    currentUser?: CurrentUser | null;
  }
}

export interface Viewer { userId: number | null; role: 'visitor' | Role }

export function viewerOf(res: Response): Viewer {
  const u = res.locals.currentUser;
  return u ? { userId: u.id, role: u.role } : { userId: null, role: 'visitor' };
}
