/** Who is asking, as services see it: no request or response objects, so the CLI and tests can build one. */

/** `desk`: the newspaper's ad desk (bulk imports of print ads, batch cards). */
export type Role = 'advertiser' | 'desk' | 'moderator' | 'admin';
export interface CurrentUser { id: number; email: string; role: Role; displayName: string | null }

export interface Viewer { userId: number | null; role: 'visitor' | Role }

export const VISITOR: Viewer = { userId: null, role: 'visitor' };
