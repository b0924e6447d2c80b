/**
 * Anti-automation for the forms bots target (sign-up, submission, reports): a honeypot field people never see,
 * and an ALTCHA proof of work (altcha-lib v2 on the server, the altcha widget in the page, no third party).
 * A solution is accepted once: its signature goes into `pow_replays`, shared by every instance.
 */
import crypto from 'node:crypto';
import { Router } from 'express';
import type { Knex } from 'knex';
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/** The honeypot's name: plausible enough for a form-filling bot, hidden from people and screen readers. */
const HONEYPOT_FIELD = 'homepage_url';
const POW_FIELD = 'altcha';
// Long enough to fill in a listing form after the widget solved on first focus; replays are refused anyway.
const CHALLENGE_TTL_MS = 2 * 60 * 60_000;

import type { HumanCheckFailure, HumanVerdict } from '../core/human-check.js';

export type { HumanCheckFailure } from '../core/human-check.js';

/** The verdict services use (core/human-check.ts), with the route that hands out challenges. */
export interface HumanCheck extends HumanVerdict {
  router: Router;
}

function decodePayload(raw: unknown): { challenge: Challenge; solution: Solution } | null {
  if (typeof raw !== 'string' || raw.length > 4000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { challenge?: Challenge; solution?: Solution };
    const c = parsed.challenge;
    const s = parsed.solution;
    if (!c || typeof c !== 'object' || !c.parameters || typeof c.signature !== 'string') return null;
    if (!s || typeof s !== 'object' || !Number.isSafeInteger(s.counter) || typeof s.derivedKey !== 'string') return null;
    return { challenge: c, solution: s };
  } catch {
    return null;
  }
}

export function createHumanCheck(deps: { db: Knex; secret: string; enabled: boolean; maxNumber: number }): HumanCheck {
  const hmacSignatureSecret = `pow:${deps.secret}`;
  const router = Router();
  router.get('/pow/challenge', async (_req, res) => {
    const challenge = await createChallenge({
      algorithm: 'SHA-256', cost: 1, counter: randomInt(deps.maxNumber), deriveKey, hmacSignatureSecret,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS), // real time: a proof of work is about the client's seconds
    });
    res.set('Cache-Control', 'no-store').json(challenge);
  });

  async function claim(signature: string, expiresAt: Date): Promise<boolean> {
    const key = crypto.createHash('sha256').update(signature).digest('hex');
    await deps.db('pow_replays').where('expires_at', '<', new Date()).del();
    const inserted = await deps.db('pow_replays').insert({ key, expires_at: expiresAt }).onConflict('key').ignore().returning('key');
    return inserted.length === 1;
  }

  async function verdict(body: unknown, consume: boolean): Promise<HumanCheckFailure | null> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const trap = fields[HONEYPOT_FIELD];
    if (trap !== undefined && trap !== '') return 'human.honeypot';
    if (!deps.enabled) return null;
    const payload = decodePayload(fields[POW_FIELD]);
    if (!payload) return 'human.powMissing';
    // Unsigned or expiry-less challenges are not ours (verifySolution checks signature and expiry against real time).
    if (typeof payload.challenge.parameters.expiresAt !== 'number') return 'human.powInvalid';
    const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, hmacSignatureSecret }).catch(
      () => null,
    );
    if (!result?.verified) return 'human.powInvalid';
    if (!consume) return null;
    return (await claim(payload.challenge.signature!, new Date(payload.challenge.parameters.expiresAt * 1000)))
      ? null
      : 'human.powReplayed';
  }

  return {
    enabled: deps.enabled,
    router,
    check: (body) => verdict(body, true),
    peek: (body) => verdict(body, false),
  };
}
