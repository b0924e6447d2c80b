/** Real image files made in the test with sharp, and hostile ones made by hand. */
import zlib from 'node:zlib';
import sharp from 'sharp';

/** A JPEG 400×200 (left half red, right half blue) carrying GPS, camera serial, a comment with code and Orientation 6. */
export async function jpegWithGpsAndRotation(): Promise<Buffer> {
  const left = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ff0000' } }).png().toBuffer();
  return sharp({ create: { width: 400, height: 200, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Make: 'Golmok', Model: 'TestCam', ImageDescription: '<script>alert(1)</script>' },
      IFD2: { BodySerialNumber: 'SERIAL-12345', UserComment: '<?php system($_GET[1]); ?>' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 9/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '126/1 55/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export function smallPng(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#22aa44' } }).png().toBuffer();
}

export function smallJpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#aa2244' } }).jpeg().toBuffer();
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A tiny PNG whose header claims width × height (a decompression bomb as the decoder would see it). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const idat = zlib.deflateSync(Buffer.alloc(width + 1, 0)); // one row; the rest would be "missing"
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real small JPEG with its SOF0 dimensions patched to claim width × height. */
export async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await smallJpeg(16, 16));
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF marker');
}
