/** Logged-in supertest agents per user (built on the accounts branch's tests/helpers/auth.ts), and the form token of a page. */
import request from 'supertest';
import type { TestApp } from './test-app.js';
import type { Role } from '../../src/core/viewer.js';
import { createUser, loginAgent } from './auth.js';

export interface TestUser { id: number; email: string; password: string; role: Role }
export type Agent = ReturnType<typeof request.agent>;

export async function createUserRow(t: TestApp, email: string, role: Role = 'advertiser'): Promise<TestUser> {
  const u = await createUser(t, { email, role });
  return { ...u, role };
}

/** as(user) → that user's logged-in agent (created once); as(null) → an anonymous agent. */
export function agentsFor(t: TestApp): (user: TestUser | null) => Promise<Agent> {
  const cache = new Map<number, Agent>();
  return async (user) => {
    const key = user?.id ?? 0;
    if (!cache.has(key)) cache.set(key, user ? await loginAgent(t, user.email, user.password) : request.agent(t.app));
    return cache.get(key)!;
  };
}

/** The CSRF token printed in a form. */
export function tokenFrom(html: string): string {
  return html.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
}
