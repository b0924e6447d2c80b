import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRejectedError, processImage } from '../../../src/components/media/index.js';
import { jpegClaiming, jpegWithGpsAndRotation, pngClaiming, smallJpeg, smallPng } from '../../helpers/images.js';

const OPTS = { maxPixels: 40_000_000 };
async function reason(bytes: Buffer): Promise<string> {
  try {
    await processImage(bytes, OPTS);
    return 'accepted';
  } catch (err) {
    if (err instanceof ImageRejectedError) return err.reason;
    throw err;
  }
}

describe('processImage', () => {
  it('JPEG with GPS, serial, code comment and Orientation 6 → upright WebP with no metadata at all (U6)', async () => {
    const input = await jpegWithGpsAndRotation();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('SERIAL-12345');
    const out = await processImage(input, OPTS);
    const big = out.variants.find((v) => v.name === '1600')!;
    const meta = await sharp(big.bytes).metadata();
    expect(meta.format).toBe('webp');
    expect([meta.width, meta.height]).toEqual([200, 400]); // rotated: the 400×200 landscape is shown portrait
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    const text = big.bytes.toString('latin1');
    for (const leak of ['GPS', 'SERIAL-12345', 'TestCam', '<script', '<?php', 'Exif']) expect(text).not.toContain(leak);
    // Orientation 6 turns the picture 90° clockwise: the red left half ends up on top.
    const { data } = await sharp(big.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // top-left pixel red
    expect(data[2]).toBeLessThan(60);
  });

  it('PNG → two WebP variants, 480 no wider than 480 and never enlarged', async () => {
    const out = await processImage(await smallPng(2000, 1000), OPTS);
    expect(out.variants.map((v) => [v.name, v.width, v.height])).toEqual([['1600', 1600, 800], ['480', 480, 240]]);
    const tiny = await processImage(await smallPng(64, 48), OPTS);
    expect(tiny.variants.map((v) => v.width)).toEqual([64, 64]);
    expect(out.sha256).toMatch(/^[a-f0-9]{64}$/);
  });

  it('JPEG with a ZIP appended → accepted and re-encoded: the stored bytes carry no payload (U3)', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('payload-inside-zip.txt evil')]);
    const out = await processImage(Buffer.concat([await smallJpeg(), zip]), OPTS);
    for (const v of out.variants) expect(v.bytes.toString('latin1')).not.toContain('payload-inside-zip');
  });

  it.each([
    ['SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), 'type'],
    ['SVG with an XML declaration', () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'type'],
    ['a text file (named .jpg by its sender)', () => Buffer.from('just some text, not a photo'), 'type'],
    ['JSON bytes (declared image/png by its sender)', () => Buffer.from('{"a":1}'), 'type'],
    ['a GIF header followed by script', () => Buffer.from('GIF89a/*<script>alert(1)</script>*/'), 'type'],
    ['HTML', () => Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'type'],
  ])('%s → refused (%s)', async (_name, make, expected) => {
    expect(await reason(make())).toBe(expected);
  });

  it('PNG with HTML appended (polyglot) → refused', async () => {
    const png = Buffer.concat([await smallPng(), Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    expect(await reason(png)).toBe('markup');
  });

  it('JPEG with HTML appended (polyglot) → refused', async () => {
    expect(await reason(Buffer.concat([await smallJpeg(), Buffer.from('<html><body onload=alert(1)></body></html>')]))).toBe('markup');
  });

  it('PNG with bytes after IEND → refused', async () => {
    expect(await reason(Buffer.concat([await smallPng(), Buffer.from('trailing-data-0123456789')]))).toBe('markup');
  });

  it.each([
    [20000, 20000],
    [10000, 10000],
    [16384, 16384],
  ])('PNG claiming %i×%i → refused from the header (U5)', async (w, h) => {
    expect(await reason(pngClaiming(w, h))).toBe('tooLarge');
  });

  it('JPEG whose header claims 65535×65535 → refused from the header (U5)', async () => {
    expect(['tooLarge', 'unreadable']).toContain(await reason(await jpegClaiming(65535, 65535)));
  });

  it('truncated JPEG → refused as unreadable', async () => {
    const jpeg = await smallJpeg(300, 300);
    expect(await reason(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe('unreadable');
  });
});
