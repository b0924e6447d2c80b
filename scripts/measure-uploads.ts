/**
 * Measures photo processing (12 MP JPEG → WebP 1600/480), header refusal of a bomb, and the ad-text parser. Run: npx tsx
 * scripts/measure-uploads.ts
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { processImage } from '../src/components/media/index.js';
import { parseAdText } from '../src/components/submissions/index.js';

const noise = Buffer.alloc(4000 * 3000 * 3);
for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
const jpeg = await sharp(noise, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
const times: number[] = [];
let rss = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const out = await processImage(jpeg, { maxPixels: 40_000_000 });
  times.push(performance.now() - t0);
  rss = Math.max(rss, process.memoryUsage().rss);
  if (i === 0)
    console.log(
      '12 MP JPEG',
      (jpeg.length / 1048576).toFixed(1),
      'MB →',
      out.variants.map((v) => `${v.name}: ${(v.bytes.length / 1024).toFixed(0)} KB`).join(', '),
    );
}
times.sort((a, b) => a - b);
console.log('processImage 12 MP median', times[2].toFixed(0), 'ms; max RSS', (rss / 1048576).toFixed(0), 'MB');
const ads = JSON.parse(fs.readFileSync('src/demo/print-ads.json', 'utf8')).ads as Array<{ printed_text: string }>;
const t0 = performance.now();
for (let i = 0; i < 2000; i++) parseAdText(ads[i % 2].printed_text);
console.log('parseAdText', ((performance.now() - t0) / 2000).toFixed(3), 'ms per ad (2,000 runs)');
const bomb = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } }).png().toBuffer());
bomb.writeUInt32BE(20000, 16); bomb.writeUInt32BE(20000, 20);
const t1 = performance.now();
try {
  await processImage(bomb, { maxPixels: 40_000_000 });
} catch (e) {
  console.log('20000×20000 header refused in', (performance.now() - t1).toFixed(1), 'ms:', (e as Error).message);
}
