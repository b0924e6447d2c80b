/** The classified pages' PDF itself: a short code prints as text and as a QR a phone camera reads; crop marks add a trim box. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runPrintJob, type PrintJob } from '../../../src/components/ads/print-layout/print-job.js';

const job = (extra: Partial<PrintJob> = {}): PrintJob => ({
  output: 'pdf',
  geometry: { pageWidthMm: 120, pageHeightMm: 150, columns: 2, gutterMm: 4, marginMm: 10, bodyPt: 8, headingPt: 10 },
  classifications: undefined,
  ads: [
    {
      orderId: 1,
      kind: 'line',
      classification: 'rent',
      copy: '양림동 원룸 월세\n문의 062) 522-2000',
      bold: false,
      box: true,
      orderedAt: '2026-11-20T00:00:00Z',
      code: 'AB3K',
    },
    {
      orderId: 2,
      kind: 'line',
      classification: 'jobs',
      copy: '주방 보조 구함 010-2345-6789',
      bold: true,
      box: false,
      orderedAt: '2026-11-21T00:00:00Z',
    },
  ],
  placements: [],
  locks: [],
  manualOrder: [],
  fontFile: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
  boldFontFile: '/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf',
  origin: 'https://golmok.kr',
  title: 't',
  folio: '골목신문',
  cropMarks: false,
  ...extra,
});

function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-print-pdf-'));
  try {
    const file = path.join(dir, 'a.pdf');
    fs.writeFileSync(file, pdf);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the classified pages PDF', () => {
  it('an ad with a code carries its short link as text and a QR that decodes to it', async () => {
    const { pdf } = await runPrintJob(job());
    const text = withFile(pdf!, (f) => execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }));
    expect(text).toContain('golmok.kr/p/AB3K');
    expect(text).toContain('062) 522-2000');
    const png = withFile(pdf!, (f) => {
      execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', f, `${f}-page`]);
      return fs.readFileSync(`${f}-page.png`);
    });
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data).toBe(
      'https://golmok.kr/p/AB3K',
    );
  });

  it('crop marks: the sheet grows by a slug and declares where to trim', async () => {
    const plain = (await runPrintJob(job())).pdf!;
    const cropped = (await runPrintJob(job({ cropMarks: true }))).pdf!;
    const size = (pdf: Uint8Array) =>
      withFile(pdf, (f) =>
        /Page size:\s+([\d.]+) x ([\d.]+)/
          .exec(execFileSync('pdfinfo', ['-box', f], { encoding: 'utf8' }))!
          .slice(1)
          .map(Number),
      );
    const [w, h] = size(plain);
    const [cw, ch] = size(cropped);
    expect(Math.round(cw - w)).toBe(57); // 2 × 10 mm
    expect(Math.round(ch - h)).toBe(57);
    expect(withFile(cropped, (f) => execFileSync('pdfinfo', ['-box', f], { encoding: 'utf8' }))).toMatch(/TrimBox:\s+28\.35\s+28\.35/);
  });
});
