/**
 * Checks an uploaded image by its bytes and re-encodes it: type from magic bytes (never the name or declared type),
 * dimensions from the header before any decoding, markup and trailing payloads refused, EXIF orientation applied,
 * every piece of metadata dropped, WebP at 1600 and 480 px.
 */
import crypto from 'node:crypto';
import type { Metadata } from 'sharp';
// sharp and file-type load on the first upload, not at start (they were a tenth of the server's cold start).
const loadSharp = async () => (await import('sharp')).default;
const loadFileType = async () => (await import('file-type')).fileTypeFromBuffer;

export const ACCEPTED_MIME = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif']);
export const VARIANT_WIDTHS = [1600, 480] as const;

export type ImageRejection = 'type' | 'markup' | 'tooLarge' | 'unreadable';
export class ImageRejectedError extends Error {
  constructor(readonly reason: ImageRejection) {
    super(`image rejected: ${reason}`);
  }
}

export interface ProcessedVariant { name: '1600' | '480'; width: number; height: number; bytes: Buffer }
export interface ProcessedImage { sha256: string; width: number; height: number; variants: ProcessedVariant[] }

// Markup that makes a file dangerous if any browser or tool ever sniffs it as HTML/SVG/PHP. Markers are at least
// five bytes long so that compressed image data (near-random bytes) practically never matches by chance.
const MARKUP = /<(?:script|html|body|svg\s|iframe|object|embed|\?php|!doctype)|javascript:|onerror\s*=|onload\s*=/i;

/** Bytes glued after the end of a PNG (IEND chunk) or a JPEG (last EOI marker): where polyglot payloads sit. */
function trailingBytes(bytes: Buffer, mime: string): Buffer {
  if (mime === 'image/png') {
    const iend = bytes.lastIndexOf(Buffer.from('IEND'));
    return iend === -1 ? Buffer.alloc(0) : bytes.subarray(iend + 8);
  }
  if (mime === 'image/jpeg') {
    const eoi = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
    return eoi === -1 ? Buffer.alloc(0) : bytes.subarray(eoi + 2);
  }
  return Buffer.alloc(0);
}

export async function processImage(bytes: Buffer, opts: { maxPixels: number }): Promise<ProcessedImage> {
  const type = await (await loadFileType())(bytes);
  if (!type || !ACCEPTED_MIME.has(type.mime)) throw new ImageRejectedError('type');
  // Markup inside metadata is dropped by the re-encoding; markup glued after the image is a polyglot and refused,
  // as is anything at all after a PNG's end.
  const trailing = trailingBytes(bytes, type.mime);
  if (MARKUP.test(trailing.toString('latin1')) || (type.mime === 'image/png' && trailing.length > 0))
    throw new ImageRejectedError('markup');
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata(); // header only: nothing is decoded here
  } catch {
    throw new ImageRejectedError('unreadable');
  }
  // Decompression bombs stop here, from the header, before any pixel is decoded.
  if (!meta.width || !meta.height) throw new ImageRejectedError('unreadable');
  if (meta.width * meta.height > opts.maxPixels || (meta.pages ?? 1) > 1) throw new ImageRejectedError('tooLarge');
  const variants: ProcessedVariant[] = [];
  try {
    for (const width of VARIANT_WIDTHS) {
      const { data, info } = await sharp(bytes, { limitInputPixels: opts.maxPixels, failOn: 'warning', sequentialRead: true })
        .rotate()
        .resize({ width, height: width, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name: String(width) as '1600' | '480', width: info.width, height: info.height, bytes: data });
    }
  } catch {
    throw new ImageRejectedError('unreadable');
  }
  return {
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    width: variants[0].width,
    height: variants[0].height,
    variants,
  };
}
