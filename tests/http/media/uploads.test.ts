import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { jpegWithGpsAndRotation, smallPng } from '../../helpers/images.js';
import { createUploadParser } from '../../../src/components/media/index.js';
import { AppError } from '../../../src/core/errors.js';

async function insertUser(t: TestApp, email: string): Promise<number> {
  const now = t.clock.now();
  const [row] = await t
    .db('users')
    .insert({ email, password_hash: 'x', role: 'advertiser', created_at: now, updated_at: now })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

describe.each(engines())('serving /uploads on %s', (engine) => {
  let t: TestApp;
  let publicFile: string;
  let draftFile: string;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const owner = await insertUser(t, 'owner@example.kr');
    const base = {
      kind: 'business' as const,
      description: '',
      categoryIds: [],
      phones: [],
      branches: [],
      offers: [],
      paymentAccounts: [],
      ownerId: owner,
    };
    const published = await t.services.listings.createListing({ ...base, name: '공개 가게', status: 'published', publishedAt: t.clock.now() });
    const draft = await t.services.listings.createListing({ ...base, name: '비밀 초안', status: 'draft' });
    const a = await t.services.media.storeUpload(await jpegWithGpsAndRotation(), { ownerId: owner, role: 'photo', altText: '가게 앞' });
    const b = await t.services.media.storeUpload(await smallPng(300, 200), { ownerId: owner, role: 'photo', altText: null });
    await t.db.transaction(async (trx) => {
      await t.services.media.attachMedia(trx, published, owner, [{ id: a.id, role: 'photo', altText: '가게 앞' }]);
      await t.services.media.attachMedia(trx, draft, owner, [{ id: b.id, role: 'photo', altText: null }]);
    });
    publicFile = a.variants[0].file;
    draftFile = b.variants[1].file;
  });
  afterAll(async () => t.close());

  it('a published listing photo → 200 image/webp, nosniff, cached for a year', async () => {
    const res = await request(t.app).get(`/uploads/${publicFile}`).expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('stored files are the generated WebP names only, with no GPS left in them', async () => {
    const files = fs.readdirSync(t.config.uploadsDir).sort();
    expect(files.every((f) => /^[a-f0-9]{64}-(1600|480)\.webp$/.test(f))).toBe(true);
    expect(fs.readFileSync(path.join(t.config.uploadsDir, publicFile)).toString('latin1')).not.toContain('SERIAL-12345');
  });

  it('a draft listing photo as a visitor → 404 (C2)', async () => {
    await request(t.app).get(`/uploads/${draftFile}`).expect(404);
  });

  it.each([
    '/uploads/',
    '/uploads',
    '/uploads/x.html',
    `/uploads/${'a'.repeat(64)}-1600.webp`,
    '/uploads/..%2f..%2fgolmok.sqlite',
    '/uploads/..%2F..%2Fdata%2Fgolmok.sqlite',
    '/uploads/%2e%2e/golmok.sqlite',
    '/uploads/a.php.jpg',
  ])('%s → 404 (U8)', async (url) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/image/);
  });

  it('a served name with .html appended → 404, never text/html of the image', async () => {
    await request(t.app).get(`/uploads/${publicFile}.html`).expect(404);
  });
});

describe('multipart limits (U1, U9)', () => {
  const parse = createUploadParser({ maxFileBytes: 50_000, maxFiles: 2, maxTotalBytes: 400_000 });
  const app = express();
  app.post('/up', async (req, res) => {
    const { files, error } = await parse(req, res);
    if (error) {
      res.status(error.status).json({ key: error.messageKey, kept: req.body });
      return;
    }
    res.json({ files: files.map((f) => [f.field, f.index, f.bytes.length]), body: req.body });
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(err instanceof AppError ? err.status : 500).end();
  });

  it('two photos and fields → parsed, fields kept', async () => {
    const png = await smallPng();
    const res = await request(app)
      .post('/up')
      .field('name', '60플라워')
      .attach('photos', png, 'a.png')
      .attach('photos', png, 'b.png')
      .expect(200);
    expect(res.body.files).toEqual([['photos', 0, png.length], ['photos', 1, png.length]]);
    expect(res.body.body.name).toBe('60플라워');
  });

  it('a file over the size limit → 413 with the fields typed before it kept', async () => {
    const res = await request(app).post('/up').field('name', '60플라워').attach('photos', Buffer.alloc(60_000, 1), 'big.jpg').expect(413);
    expect(res.body.key).toBe('media.tooLarge');
    expect(res.body.kept.name).toBe('60플라워');
  });

  it('one photo too many → 413', async () => {
    const png = await smallPng();
    await request(app).post('/up').attach('photos', png, 'a.png').attach('photos', png, 'b.png').attach('photos', png, 'c.png').expect(413);
  });

  it('10,000 fields → 413', async () => {
    const req = request(app).post('/up');
    for (let i = 0; i < 10_000; i++) req.field(`f${i}`, 'x');
    await req.expect(413);
  });

  it('a Content-Length over the total limit → 413 before reading', async () => {
    const res = await request(app).post('/up').set('content-type', 'multipart/form-data; boundary=x').send(`--x${'a'.repeat(450_000)}`);
    expect(res.status).toBe(413);
  });

  it('a file in an unexpected field → ignored, not stored', async () => {
    const res = await request(app).post('/up').attach('avatar', await smallPng(), 'a.png').expect(200);
    expect(res.body.files).toEqual([]);
  });

  it('truncated multipart with filename="" → 400 and the process stays up', async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename=""\r\nContent-Type: image/png\r\n\r\nabc';
    await request(app).post('/up').set('content-type', 'multipart/form-data; boundary=XYZ').send(body).expect(400);
    await request(app).post('/up').field('a', 'b').expect(200);
  });

  it('a part with an empty name → 400 or ignored, never 500', async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name=""\r\n\r\nvalue\r\n--XYZ--\r\n';
    const res = await request(app).post('/up').set('content-type', 'multipart/form-data; boundary=XYZ').send(body);
    expect([200, 400]).toContain(res.status);
  });
});

describe('500 uploads aborted mid-stream (U9)', () => {
  it('the server keeps answering and its open files return to the baseline', async () => {
    const parse = createUploadParser({ maxFileBytes: 5_000_000, maxFiles: 10, maxTotalBytes: 40_000_000 });
    const app = express();
    app.post('/up', async (req, res) => {
      const { error } = await parse(req, res);
      res.status(error ? error.status : 200).end();
    });
    app.get('/ok', (_req, res) => res.send('ok'));
    app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (!res.headersSent) res.status(400).end();
    });
    const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const port = (server.address() as AddressInfo).port;
    const fds = () => fs.readdirSync('/proc/self/fd').length;
    const baseline = fds();
    const head = (len: number) =>
      `POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: ${len}\r\n\r\n`;
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(head(3_000_000));
          socket.write('--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
          socket.write(Buffer.alloc(64 * 1024, 0xff), () => setTimeout(() => { socket.destroy(); resolve(); }, 5));
        });
        socket.on('error', () => resolve());
      })));
    }
    const ok = await fetch(`http://127.0.0.1:${port}/ok`);
    expect(await ok.text()).toBe('ok');
    // The server sees the aborted sockets close when it gets to them (later on a loaded machine): wait for the count
    // to come back rather than for a fixed time. A leak never comes back and fails at the limit.
    await vi.waitFor(() => expect(fds()).toBeLessThanOrEqual(baseline + 5), { timeout: 60_000, interval: 50 });
    await new Promise((r) => server.close(r));
  }, 120_000);
});
