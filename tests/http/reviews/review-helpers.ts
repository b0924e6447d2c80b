/** Set-up shared by the review tests: a published listing with its owner, residents old enough to review, posting helpers. */
import type request from 'supertest';
import type { TestApp } from '../../helpers/test-app.js';
import { createUser, csrfFrom, loginAgent } from '../../helpers/auth.js';
import { draftOf } from '../../helpers/drafts.js';

export type Agent = ReturnType<typeof request.agent>;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export async function publishedListing(t: TestApp, ownerId: number, name: string): Promise<{ id: number; path: string }> {
  const id = await t.services.listings.createListing({
    ...(await draftOf(t, { name })),
    status: 'published',
    ownerId,
    publishedAt: t.clock.now(),
  });
  const slug = String((await t.db('listings').where({ id }).first('slug')).slug);
  return { id, path: `/listings/${id}-${slug}` };
}

/** A user created now; log in after moving the clock if the account must be older. */
export async function resident(t: TestApp, email: string) {
  return createUser(t, { email });
}

export async function keywordIds(t: TestApp, ...codes: string[]): Promise<number[]> {
  const rows = await t.db('review_keywords').whereIn('code', codes).select('id', 'code');
  return codes.map((c) => Number(rows.find((r) => r.code === c)!.id));
}

export async function postReview(
  agent: Agent,
  listingId: number,
  fields: { keywords: number[]; body?: string },
  photos: Array<[Buffer, string]> = [],
) {
  const token = csrfFrom((await agent.get('/account')).text);
  let req = agent.post(`/listings/${listingId}/reviews?_csrf=${encodeURIComponent(token)}`).field('body', fields.body ?? '');
  for (const k of fields.keywords) req = req.field('keywords', String(k));
  for (const [bytes, name] of photos) req = req.attach('photos', bytes, { filename: name });
  return req;
}

export async function postForm(agent: Agent, path: string, body: Record<string, string>) {
  const token = csrfFrom((await agent.get('/account')).text);
  return agent.post(path).type('form').send({ _csrf: token, ...body });
}

export const loginAs = loginAgent;
export const reviewsOf = (t: TestApp, listingId: number) => t.db('reviews').where({ listing_id: listingId }).orderBy('id');
