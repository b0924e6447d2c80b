/** The proof-of-work replay guard lives in the database: a solution accepted by one instance is refused by another. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import express from 'express';
import request from 'supertest';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';
import { createHumanCheck } from '../../../src/web/human-check.js';

describe.each(engines())('human check shared by two instances on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t.destroy());

  const instance = () => createHumanCheck({ db: t.db, secret: 'one secret shared by both instances', enabled: true, maxNumber: 50 });

  async function solvedBy(check: ReturnType<typeof createHumanCheck>): Promise<string> {
    const app = express().use(check.router);
    const challenge = (await request(app).get('/pow/challenge').expect(200)).body;
    const solution = await solveChallenge({ challenge, deriveKey });
    return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
  }

  it('A accepts a solution once; B refuses it as replayed; a tampered or foreign challenge is invalid', async () => {
    const a = instance();
    const b = instance();
    const altcha = await solvedBy(a);
    expect(await a.check({ altcha })).toBeNull();
    expect(await b.check({ altcha })).toBe('human.powReplayed');
    const payload = JSON.parse(Buffer.from(altcha, 'base64').toString());
    payload.challenge.parameters.expiresAt += 3600;
    expect(await b.check({ altcha: Buffer.from(JSON.stringify(payload)).toString('base64') })).toBe('human.powInvalid');
    const foreign = createHumanCheck({ db: t.db, secret: 'another site', enabled: true, maxNumber: 50 });
    expect(await a.check({ altcha: await solvedBy(foreign) })).toBe('human.powInvalid');
    expect(await a.check({})).toBe('human.powMissing');
    expect(await a.check({ altcha: 'not base64 json' })).toBe('human.powMissing');
    expect(await a.check({ homepage_url: 'x', altcha: await solvedBy(a) })).toBe('human.honeypot');
  });
});
