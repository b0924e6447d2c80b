/**
 * Two real server processes on two ports against ONE PostgreSQL schema: nothing an instance needs may live only
 * in its memory. Sessions, rate limits, counters and the search index all go through the database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/db/index.js';
import { projectRoot } from '../../../src/lib/paths.js';

const PG = process.env.TEST_DATABASE_URL;
const START_LIMIT_MS = 240_000;
const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) Mobile Safari/537.36';

async function start(env: Record<string, string>): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const origin = await new Promise<string>((resolve, reject) => {
    // Instance A seeds the demo data on PostgreSQL first (~15 s under load): the limit only stops a hung start.
    const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), START_LIMIT_MS);
    child.stdout!.on('data', () => {
      const m = out.match(/running at (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')); }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { origin, child };
}

/** A tiny cookie-keeping client over fetch. */
function client(origin: string, jar = new Map<string, string>()) {
  return {
    jar,
    at: (other: string) => client(other, jar),
    async req(p: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { 'User-Agent': UA, ...(init.headers ?? {}) };
      if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(origin + p, {
        method: init.method ?? 'GET',
        headers,
        body: init.form ? new URLSearchParams(init.form).toString() : undefined,
        redirect: 'manual',
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, ...v] = pair.split('=');
        if (/Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(k);
        else jar.set(k, v.join('='));
      }
      return { status: res.status, text: await res.text(), location: res.headers.get('location') };
    },
  };
}
const csrf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1];

describe.runIf(Boolean(PG))('several instances on one PostgreSQL', () => {
  const schema = `mi_${crypto.randomBytes(5).toString('hex')}`;
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: PG ?? '',
    DB_SCHEMA: schema,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'shared-secret-of-both-instances',
    PASSWORD_HASH_COST: '1024',
    POW_ENABLED: 'false',
    STATS_FLUSH_SECONDS: '1',
  };
  let a: { origin: string; child: ChildProcess };
  let b: { origin: string; child: ChildProcess };
  const db = createKnex({ client: 'pg', connection: PG ?? '', schema, poolMax: 2 });

  beforeAll(async () => {
    a = await start({ ...env, SEED_ON_START: 'true' });
    b = await start({ ...env, SEED_ON_START: 'false' });
  }, 2 * START_LIMIT_MS + 10_000);
  afterAll(async () => {
    // Both processes gone (their pools closed) before the schema is dropped.
    await Promise.all(
      [a, b].map(
        (s) =>
          s &&
          s.child.exitCode === null &&
          s.child.signalCode === null &&
          new Promise((r) => {
            s.child.once('close', r);
            s.child.kill('SIGTERM');
          }),
      ),
    );
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  });

  it('both are healthy and serve the same demo data', async () => {
    for (const s of [a, b]) expect(await (await fetch(`${s.origin}/healthz`)).json()).toEqual({ status: 'ok', database: 'pg' });
    const hd = await (await fetch(`${b.origin}/api/search?q=hdkorea`)).json();
    expect(hd.results[0].name).toBe('HDKorea');
  });

  it('a session made on A is valid on B; logging out on B ends it on A', async () => {
    const { hashPassword } = await import('../../../src/components/accounts/passwords.js');
    await db('users').insert({
      email: 'owner@shop.kr',
      password_hash: await hashPassword('a long enough password', 1024),
      role: 'advertiser',
      email_verified_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    });
    const onA = client(a.origin);
    const login = await onA.req('/login');
    expect(
      (
        await onA.req('/login', {
          method: 'POST',
          form: { _csrf: csrf(login.text), email: 'owner@shop.kr', password: 'a long enough password' },
        })
      ).status,
    ).toBe(303);
    const onB = onA.at(b.origin);
    const account = await onB.req('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('owner@shop.kr');
    expect((await onB.req('/logout', { method: 'POST', form: { _csrf: csrf(account.text) } })).status).toBe(303);
    expect((await onA.req('/account')).status).toBe(303);
  });

  it('a rate limit hit on A counts on B (login failures for one account)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = client(i % 2 ? a.origin : b.origin);
      const page = await c.req('/login');
      statuses.push(
        (
          await c.req('/login', {
            method: 'POST',
            form: { _csrf: csrf(page.text), email: 'victim@shop.kr', password: `wrong password ${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });

  it('a call counted on each instance adds up; the same visitor on both counts once', async () => {
    const phone = await db('phones').where({ e164: '+82625222000' }).first();
    const beacon = (origin: string, ua: string) =>
      fetch(`${origin}/listings/${phone.listing_id}/calls`, {
        method: 'POST',
        headers: { 'User-Agent': ua, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `phone=${phone.id}`,
      });
    expect((await beacon(a.origin, `${UA} one`)).status).toBe(204);
    expect((await beacon(b.origin, `${UA} two`)).status).toBe(204);
    expect((await beacon(b.origin, `${UA} one`)).status).toBe(204);
    // Counters are buffered per instance and flushed every second (STATS_FLUSH_SECONDS=1); the repeat rule holds across them.
    const calls = async () => Number((await db('listing_daily_stats').where({ listing_id: phone.listing_id }).first())?.calls ?? 0);
    await expect.poll(calls, { timeout: 10000, interval: 250 }).toBe(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await calls()).toBe(2);
  });

  it('a listing submitted through A and approved is found by search on B at once; removed, it is gone on A', async () => {
    const c = client(a.origin);
    const page = await c.req('/login');
    await c.req('/login', { method: 'POST', form: { _csrf: csrf(page.text), email: 'owner@shop.kr', password: 'a long enough password' } });
    const token = csrf((await c.req('/submissions/new')).text);
    const flowers = String((await db('categories').where({ slug: 'flowers' }).first('id')).id);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      _csrf: token,
      kind: 'business',
      categoryIds: flowers,
      name: '다중인스턴스꽃집',
      description: '축하화환 배달',
      'branches[0][address]': '광주 북구 금남로 30',
      'branches[0][phones][0][number]': '062-555-1234',
      action: 'submit',
    }))
      form.append(k, v);
    const submitted = await fetch(`${a.origin}/submissions/new?_csrf=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { Cookie: [...c.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'User-Agent': UA },
    });
    expect(submitted.status, (await submitted.clone().text()).match(/field-error[^<]*<|class="error-summary"[\s\S]{0,300}/)?.[0]).toBe(303);
    const row = await db('listings').where({ name: '다중인스턴스꽃집' }).first();
    expect(row.status).toBe('pending');
    expect((await (await fetch(`${b.origin}/api/search?q=${encodeURIComponent('다중인스턴스')}`)).json()).total).toBe(0);
    // Approval as a moderator decision does it (the moderation queue is issue 7): status and index in one transaction.
    const { reindexListings } = await import('../../../src/components/search/index.js');
    await db.transaction(async (trx) => {
      await trx('listings').where({ id: row.id }).update({ status: 'published', published_at: new Date() });
      await reindexListings(trx, [Number(row.id)]);
    });
    const found = await (await fetch(`${b.origin}/api/search?q=${encodeURIComponent('다중인스턴스')}`)).json();
    expect(found.results.map((r: { name: string }) => r.name)).toEqual(['다중인스턴스꽃집']);
    const removed = await c.req(`/my/listings`);
    expect(removed.text).toContain('다중인스턴스꽃집');
    await db.transaction(async (trx) => {
      await trx('listings').where({ id: row.id }).update({ status: 'removed' });
      await reindexListings(trx, [Number(row.id)]);
    });
    expect((await (await fetch(`${a.origin}/api/search?q=${encodeURIComponent('다중인스턴스')}`)).json()).total).toBe(0);
  });
});
