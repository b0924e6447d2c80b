/**
 * A submission when a write fails for reasons the advertiser did not cause: an unwritable uploads folder, a full
 * disk, a read-only folder, a database error in the middle of the listing's transaction. The advertiser gets a 503
 * with a clear Korean message and the form as typed; nothing is half-saved; the server keeps serving.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';

/** A 320×240 image of deterministic noise: its WebP variants are far larger than a 4 KiB disk. */
function noisyPng(): Promise<Buffer> {
  const pixels = Buffer.alloc(320 * 240 * 3);
  let x = 12345;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = x >> 16;
  }
  return sharp(pixels, { raw: { width: 320, height: 240, channels: 3 } }).png().toBuffer();
}

/** Whether this process may mount a tmpfs (root in a container that allows it); the mount tests run only then. */
function canMount(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  fs.mkdirSync(dir, { recursive: true });
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  return ok;
}

const allFiles = (dir: string): string[] =>
  fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? fs.readdirSync(dir, { recursive: true }).map(String) : [];

describe.each(engines())('a submission whose write fails on %s', (engine) => {
  let t: TestApp;
  let as: ReturnType<typeof agentsFor>;
  let alice: TestUser;
  let flowersId: number;
  let mountable = false;
  let photo: Buffer;
  // A fresh app per test: the tests replace the uploads folder and add a trigger to the database.
  beforeEach(async () => {
    t = await createTestApp({ engine });
    as = agentsFor(t);
    alice = await createUserRow(t, 'alice@example.kr');
    flowersId = Number((await t.db('categories').where({ slug: 'flowers' }).first('id')).id);
    mountable = canMount(path.join(t.dir, 'probe'));
    photo = await noisyPng();
  });
  afterEach(async () => {
    spawnSync('umount', [t.config.uploadsDir]);
    await t.close();
  });

  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await t.db(table).where(where).count({ n: '*' }).first())?.n);

  async function submit(name: string, opts: { photo?: boolean; offer?: string } = {}) {
    const agent = await as(alice);
    const token = tokenFrom((await agent.get('/submissions/new').expect(200)).text);
    let req = agent.post(`/submissions/new?_csrf=${encodeURIComponent(token)}`).field('_csrf', token)
      .field('kind', 'business').field('name', name).field('categoryIds', String(flowersId)).field('description', `${name}: 축하화환 배달`)
      .field('phones[0][number]', '062-522-2000').field('branches[0][address]', '광주 북구 금남로 24')
      .field('offers[0][name]', opts.offer ?? '꽃바구니').field('offers[0][price]', '6만원').field('action', 'submit');
    if (opts.photo) req = req.attach('photos', photo, 'shop.png');
    return req;
  }

  /** The 503 page: the Korean message, the typed values, no listing, no rows or files of this request left behind. */
  async function expectNothingSaved(res: { status: number; text: string }, name: string, message: string, before: { media: number }) {
    expect(res.status).toBe(503);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain(`value="${name}"`);
    expect(res.text).toContain('062-522-2000');
    expect(res.text).toContain('광주 북구 금남로 24');
    expect(await count('listings', { name })).toBe(0);
    expect(await count('media')).toBe(before.media);
    expect(allFiles(t.config.uploadsDir)).toEqual([]);
  }

  async function stillServing(name: string) {
    await (await as(null)).get('/').expect(200);
    await (await as(null)).get('/healthz').expect(200);
    const res = await submit(name, { photo: true });
    expect(res.status, res.text.match(/class="error-summary"[\s\S]{0,400}/)?.[0]).toBe(303);
    const listing = await t.db('listings').where({ name }).first('id');
    expect(await count('media', { listing_id: listing.id })).toBe(1);
  }

  it('the uploads folder is not a folder (unwritable) → 503, Korean message, form kept; no listing, media row or file', async () => {
    fs.rmSync(t.config.uploadsDir, { recursive: true, force: true });
    fs.writeFileSync(t.config.uploadsDir, 'not a folder');
    const before = { media: await count('media') };
    const res = await submit('쓰기실패꽃집', { photo: true });
    fs.rmSync(t.config.uploadsDir);
    await expectNothingSaved(res, '쓰기실패꽃집', '지금은 사진을 저장할 수 없어 아무것도 저장하지 않았습니다', before);
    fs.mkdirSync(t.config.uploadsDir);
    await stillServing('쓰기복구꽃집');
  });

  it('a full disk (a 4 KiB tmpfs) and a read-only uploads folder → the same: 503, form kept, no half-written file', async (ctx) => {
    if (!mountable) ctx.skip();
    fs.mkdirSync(t.config.uploadsDir, { recursive: true }); // made by the first upload; none came before here
    for (const options of ['size=4k', 'ro,size=1m']) {
      const dir = t.config.uploadsDir;
      const kept = fs.readdirSync(dir);
      const saved = path.join(t.dir, 'saved-uploads');
      fs.renameSync(dir, saved);
      fs.mkdirSync(dir);
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status).toBe(0);
      try {
        const before = { media: await count('media') };
        const res = await submit(`디스크꽃집 ${options}`, { photo: true });
        await expectNothingSaved(res, `디스크꽃집 ${options}`, '지금은 사진을 저장할 수 없어', before);
      } finally {
        expect(spawnSync('umount', [dir]).status).toBe(0);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.renameSync(saved, dir);
      }
      expect(fs.readdirSync(dir)).toEqual(kept);
    }
    await stillServing('디스크복구꽃집');
  });

  it('a database error in the middle of the listing transaction → 503, Korean message, form and photo kept; no listing or child rows', async () => {
    if (engine === 'pg') {
      await t.db.raw(`CREATE FUNCTION golmok_test_refuse_offer() RETURNS trigger AS $$ BEGIN
        IF NEW.name = '저장실패' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await t.db.raw(
        'CREATE TRIGGER golmok_test_refuse_offer BEFORE INSERT ON offers FOR EACH ROW EXECUTE FUNCTION golmok_test_refuse_offer()',
      );
    } else {
      await t.db.raw(
        "CREATE TRIGGER golmok_test_refuse_offer BEFORE INSERT ON offers WHEN NEW.name = '저장실패' BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
      );
    }
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['listings', 'phones', 'branches', 'offers', 'listing_categories', 'search_documents', 'listing_flags'].map(async (x) => [
            x,
            await count(x),
          ]),
        ),
      );
    const before = await counts();
    const res = await submit('트랜잭션꽃집', { photo: true, offer: '저장실패' });
    expect(res.status).toBe(503);
    expect(res.text).toContain('잠시 문제가 생겨 저장하지 못했습니다');
    expect(res.text).not.toContain('injected failure');
    expect(res.text).toContain('value="트랜잭션꽃집"');
    expect(res.text).toContain('value="저장실패"');
    expect(await counts()).toEqual(before);
    // The photo stored before the save is kept for the next try (as after a 422), and its files are its row's.
    const kept = await t.db('media').whereNull('listing_id').orderBy('id', 'desc').first();
    expect(res.text).toContain(`/uploads/${JSON.parse(kept.variants)[1].file}`);
    const named = ((await t.db('media').pluck('variants')) as string[]).flatMap((v) =>
      (JSON.parse(v) as Array<{ file: string }>).map((x) => x.file),
    );
    expect(allFiles(t.config.uploadsDir).filter((f) => !named.includes(f))).toEqual([]);
    await t.db.raw('DROP TRIGGER golmok_test_refuse_offer' + (engine === 'pg' ? ' ON offers' : ''));
    await stillServing('트랜잭션복구꽃집');
  });
});
