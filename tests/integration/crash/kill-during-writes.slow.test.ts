/**
 * kill -9 of a real server process during a burst of submissions (with a photo), edits, moderation decisions and
 * call/view beacons, a few times over, restarting it after each kill. After every kill: the SQLite file passes
 * integrity and foreign-key checks, every listing is complete or absent, no child row is orphaned, and every write
 * that got its success response is there (beacons excepted: they may be buffered, but are never over-counted).
 * At the end, media:cleanup leaves no file in UPLOADS_DIR that no row names. What is asserted does not depend on
 * where the kills land; only how much was written before each one does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Knex } from 'knex';
import { Secret, TOTP } from 'otpauth';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createKnex, migrateLatest } from '../../../src/db/index.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/core/logger.js';
import { createLocalStorage, createMediaService } from '../../../src/components/media/index.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { projectRoot } from '../../../src/lib/paths.js';

const CYCLES = 3;
const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) Mobile Safari/537.36';
const CHILD_TABLES = ['phones', 'branches', 'offers', 'listing_categories'] as const;

/** Deterministic kill points: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** A cookie-keeping fetch client for one user. */
function client(origin: () => string) {
  const jar = new Map<string, string>();
  return async function req(
    p: string,
    init: { method?: string; form?: Record<string, string>; body?: FormData; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { 'User-Agent': UA, ...(init.headers ?? {}) };
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(origin() + p, {
      method: init.method ?? 'GET',
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : init.body,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair.split('=');
      jar.set(k, v.join('='));
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
}
const csrf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1];

describe('kill -9 during a write burst (SQLite, a real server process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-crash-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    DB_CLIENT: '',
    PORT: '0',
    HOST: '127.0.0.1',
    SQLITE_FILE: path.join(dir, 'golmok.sqlite'),
    UPLOADS_DIR: path.join(dir, 'uploads'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    SEED_ON_START: 'false',
    POW_ENABLED: 'false',
    RATE_LIMIT_ENABLED: 'false',
    PASSWORD_HASH_COST: '1024',
    TRUSTED_AFTER_APPROVALS: '0',
  };
  const config = loadConfig(env);
  let child: ChildProcess | null = null;
  let origin = '';
  const advertiser = client(() => origin);
  const moderator = client(() => origin);
  let flowersId = 0;

  async function start(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (c) => (out += c));
    proc.stderr!.on('data', (c) => (out += c));
    origin = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', () => {
        const m = out.match(/running at (http:\/\/\S+)/);
        if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
      });
      proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    child = proc;
  }
  async function kill(): Promise<void> {
    const proc = child!;
    child = null;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  }

  // What the clients were told, and what was sent without an answer.
  const created = new Set<string>(); // names of acknowledged submissions
  const approved = new Set<string>();
  const edits = new Map<string, { acked: string | null; unanswered: string[] }>(); // name → description
  let callsSent = 0;
  let viewsSent = 0;
  let beaconListing = 0;
  let beaconPhone = 0;

  beforeAll(async () => {
    const db = createKnex(config.db);
    await migrateLatest(db);
    const { services } = createApp({ config, db, logger: createLogger('silent') });
    await services.accounts.createUser({ email: 'shop@example.kr', password: 'a long enough password', role: 'advertiser' });
    await services.accounts.createUser({ email: 'mod@example.kr', password: 'a long enough password', role: 'moderator' });
    flowersId = Number((await db('categories').where({ slug: 'flowers' }).first('id')).id);
    await db.destroy();
    await start();
    for (const [c, email] of [[advertiser, 'shop@example.kr'], [moderator, 'mod@example.kr']] as const) {
      const page = await c('/login');
      expect(
        (await c('/login', { method: 'POST', form: { _csrf: csrf(page.text), email, password: 'a long enough password' } })).status,
      ).toBe(303);
    }
    const enrol = await moderator('/account/2fa');
    const secret = enrol.text.match(/<code>([A-Z2-7]+)<\/code>/)![1];
    const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
    // Enrolment answers with the one-time recovery codes page (200), and the session has passed the second factor.
    expect((await moderator('/account/2fa/enrol', { method: 'POST', form: { _csrf: csrf(enrol.text), code, next: '/mod' } })).status).toBe(
      200,
    );
  }, 120_000);

  afterAll(async () => {
    if (child) await kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Listings of workers' odd steps are edited by their owner; the others are approved by the moderator. */
  const forEdits = (name: string) => Number(name.split('-').at(-1)) % 2 === 1;

  let photoSeq = 0;
  async function photo(): Promise<Blob> {
    const n = photoSeq++;
    const png = await sharp({
      create: { width: 40 + (n % 200), height: 30 + Math.floor(n / 200), channels: 3, background: { r: n % 256, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    return new Blob([new Uint8Array(png)], { type: 'image/png' });
  }

  async function postListing(pathname: string, name: string, description: string, media: { id: string } | null): Promise<number> {
    const token = csrf((await advertiser(pathname)).text);
    const form = new FormData();
    const fields: Record<string, string> = {
      _csrf: token,
      kind: 'business',
      name,
      categoryIds: String(flowersId),
      description,
      'phones[0][number]': '062-522-2000',
      'branches[0][name]': '본점',
      'branches[0][address]': '광주 북구 금남로 24',
      'offers[0][name]': '축하화환',
      'offers[0][price]': '6만원',
      action: 'submit',
    };
    if (media) Object.assign(fields, { 'media[0][id]': media.id, 'media[0][role]': 'photo', 'media[0][alt]': '' });
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (!media) form.append('photos', await photo(), 'shop.png');
    return (await advertiser(`${pathname}?_csrf=${encodeURIComponent(token)}`, { method: 'POST', body: form })).status;
  }

  /** One burst: four clients write until the server dies under them. Returns how many writes were acknowledged. */
  async function burst(cycle: number, db: Knex, stop: { dead: boolean }): Promise<number> {
    let acked = 0;
    const loop = async (step: (i: number) => Promise<void>) => {
      for (let i = 0; !stop.dead; i++) {
        try {
          await step(i);
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    const idOf = async (name: string) => Number((await db('listings').where({ name }).first('id'))?.id);
    await Promise.all([
      ...['a', 'b'].map((worker) => loop(async (i) => {
        const name = `크래시꽃집 ${cycle}-${worker}-${i}`;
        if ((await postListing('/submissions/new', name, `${name} 소개`, null)) === 303) {
          created.add(name);
          acked++;
        }
      })),
      loop(async (i) => {
        const target = [...created].filter(forEdits).at(i % 3 === 0 ? 0 : -1);
        if (!target) return void (await new Promise((r) => setTimeout(r, 20)));
        const id = await idOf(target);
        const mediaId = (await db('media').where({ listing_id: id }).first('id'))?.id;
        const description = `${target} 수정 ${cycle}-${i}`;
        const record = edits.get(target) ?? { acked: null, unanswered: [] };
        edits.set(target, record);
        record.unanswered.push(description);
        if ((await postListing(`/submissions/${id}/edit`, target, description, mediaId ? { id: String(mediaId) } : null)) === 303) {
          record.acked = description;
          record.unanswered = [];
          acked++;
        }
      }),
      loop(async () => {
        const target = [...created].find((n) => !approved.has(n) && !forEdits(n));
        if (!target) return void (await new Promise((r) => setTimeout(r, 20)));
        const id = await idOf(target);
        const page = await moderator(`/mod/listings/${id}`);
        if (
          (await moderator(`/mod/listings/${id}/decide`, { method: 'POST', form: { _csrf: csrf(page.text), action: 'approve' } }))
            .status === 303
        ) {
          approved.add(target);
          acked++;
        }
      }),
      loop(async (i) => {
        if (!beaconListing && approved.size) {
          beaconListing = await idOf([...approved][0]);
          beaconPhone = Number((await db('phones').where({ listing_id: beaconListing }).first('id')).id);
        }
        if (!beaconListing) return void (await new Promise((r) => setTimeout(r, 20)));
        const headers = {
          'User-Agent': `${UA} visitor-${cycle}-${i}`,
          Origin: origin,
          'Content-Type': 'application/x-www-form-urlencoded',
        };
        callsSent++;
        await fetch(`${origin}/listings/${beaconListing}/calls`, { method: 'POST', headers, body: `phone=${beaconPhone}` });
        viewsSent++;
        await fetch(`${origin}/listings/${beaconListing}/views`, { method: 'POST', headers, body: '' });
      }),
    ]);
    return acked;
  }

  async function checkAfterKill(): Promise<void> {
    const db = createKnex(config.db);
    try {
      expect(await db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await db.raw('PRAGMA foreign_key_check')).toEqual([]);
      for (const t of [...CHILD_TABLES, 'search_documents', 'listing_daily_stats', 'listing_revisions', 'listing_flags']) {
        expect(
          Number((await db(t).whereNotIn('listing_id', db('listings').select('id')).count({ n: '*' }).first())?.n),
          `orphans in ${t}`,
        ).toBe(0);
      }
      // Complete or absent: every listing has the one phone, branch, offer, category and photo it was sent with.
      for (const l of (await db('listings').select('id', 'name', 'status', 'description')) as Array<{
        id: number;
        name: string;
        status: string;
        description: string;
      }>) {
        for (const t of CHILD_TABLES)
          expect(Number((await db(t).where({ listing_id: l.id }).count({ n: '*' }).first())?.n), `${t} of ${l.name}`).toBe(1);
        expect(Number((await db('media').where({ listing_id: l.id }).count({ n: '*' }).first())?.n), `photo of ${l.name}`).toBe(1);
        if (approved.has(l.name)) expect(l.status, l.name).toBe('published');
        const edit = edits.get(l.name);
        if (edit?.acked) expect([edit.acked, ...edit.unanswered], l.name).toContain(l.description);
      }
      const names = new Set(((await db('listings').pluck('name')) as string[]));
      for (const name of created) expect(names.has(name), `acknowledged listing ${name}`).toBe(true);
      for (const name of approved) {
        const id = Number((await db('listings').where({ name }).first('id')).id);
        expect(
          Number((await db('audit_log').where({ subject_type: 'listing', subject_id: id }).count({ n: '*' }).first())?.n),
          `audit of ${name}`,
        ).toBeGreaterThan(0);
      }
      const stats = await db('listing_daily_stats').sum({ calls: 'calls', views: 'views' }).first();
      expect(Number(stats?.calls ?? 0)).toBeLessThanOrEqual(callsSent);
      expect(Number(stats?.views ?? 0)).toBeLessThanOrEqual(viewsSent);
    } finally {
      await db.destroy();
    }
  }

  it(`${CYCLES} kills at random points: nothing partial, nothing acknowledged lost, no orphan files after media:cleanup`, async () => {
    const random = seeded(20261205);
    const reader = () => createKnex(config.db);
    let total = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const db = reader();
      const stop = { dead: false };
      const running = burst(cycle, db, stop);
      // Kill once the burst has written something, then after a random 1.5–4 s more.
      for (let waited = 0; created.size === 0; waited += 50) {
        if (waited > 120_000) throw new Error('no submission was acknowledged within 2 minutes');
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1500 + Math.floor(random() * 2500)));
      await kill();
      stop.dead = true;
      total += await running;
      await db.destroy();
      await checkAfterKill();
      await start();
      // The same sessions work after the restart (they live in the database).
      expect((await advertiser('/my/listings')).status).toBe(200);
    }
    expect(total).toBeGreaterThan(0);
    expect(created.size).toBeGreaterThan(0);

    const proc = child!;
    child = null;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await gone;
    await checkAfterKill();
    const db = createKnex(config.db);
    try {
      const media = createMediaService({
        db,
        clock: fixedClock(new Date(Date.now() + 8 * 86_400_000).toISOString()),
        storage: createLocalStorage(config.uploadsDir),
        config: { maxPixels: 40e6, keepOriginal: false },
      });
      await media.removeUnattached(7);
      const named = new Set(
        ((await db('media').pluck('variants')) as string[]).flatMap((v) => (JSON.parse(v) as Array<{ file: string }>).map((x) => x.file)),
      );
      const files = fs
        .readdirSync(config.uploadsDir, { recursive: true })
        .map(String)
        .filter((f) => fs.statSync(path.join(config.uploadsDir, f)).isFile());
      expect(files.filter((f) => !named.has(f))).toEqual([]);
      expect([...named].filter((f) => !files.includes(f))).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 300_000);
});
