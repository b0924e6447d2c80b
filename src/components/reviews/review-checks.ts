/**
 * The listings' spam checks, applied to a review's or a reply's text: banned words (spaces ignored), links, and the
 * same text already posted as another review or reply. A text that trips one is held for a moderator, not refused.
 * Listings may carry a website and a few links; a review or reply may carry none.
 */
import type { Knex } from 'knex';
import { countLinks, findBannedWords } from '../moderation/index.js';
import * as repo from './reviews.repository.js';

/** Texts shorter than this are not compared for duplicates (친절해요 twice is no spam). */
const DUPLICATE_MIN_CHARS = 20;

export async function reviewTextFlags(
  db: Knex | Knex.Transaction,
  body: string | null,
  except: { reviewId?: number; replyReviewId?: number },
): Promise<string[]> {
  if (!body) return [];
  const flags: string[] = [];
  const words = findBannedWords([body], await repo.bannedWords(db));
  if (words.length) flags.push(`banned_word: ${words.join(', ')}`);
  const links = countLinks([body]);
  if (links > 0) flags.push(`links: ${links}`);
  if (body.trim().length >= DUPLICATE_MIN_CHARS && (await repo.sameTextElsewhere(db, body, except))) flags.push('duplicate_text');
  return flags;
}
