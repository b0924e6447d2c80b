/**
 * The layout drawn as a print-ready PDF with pdfkit: both Nanum fonts embedded as subsets (with a ToUnicode map, so
 * the text stays extractable), every box at its computed place, codes as text and as a vector QR (qrcode's module
 * matrix filled as rectangles: sharp at any print resolution), optional crop marks outside the trim, and for a tear
 * sheet one page with the advertiser's ad outlined.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { collect, FontMissingError } from '../ad-documents.js';
import type { Layout, LayoutPage } from './layout.js';
import type { FontKey, Measure } from './line-break.js';

const MM = 72 / 25.4;
/** Crop marks sit in a slug this wide around the trimmed page. */
const SLUG = 10 * MM;

export interface Fonts { regular: Buffer; bold: Buffer }

/** Both font files read once, or one clear error naming the setting. */
export function readFonts(regularFile: string, boldFile: string): Fonts {
  const read = (file: string, setting: string) => {
    try {
      return fs.readFileSync(file);
    } catch {
      throw new FontMissingError(
        `${setting} not readable: ${file} (install Debian's fonts-nanum, or point ${setting} at a Korean TrueType font)`,
      );
    }
  };
  return { regular: read(regularFile, 'AD_FONT_FILE'), bold: read(boldFile, 'AD_PRINT_BOLD_FONT_FILE') };
}

/** Widths from the embedded fonts' own metrics (the same fontkit tables pdfkit sets the text with), memoised. */
export function fontMeasure(fonts: Fonts): Measure {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const cache = new Map<string, number>();
  return (text: string, font: FontKey, size: number) => {
    const key = `${font}|${size}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(size).widthOfString(text);
      if (cache.size > 200_000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
}

function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell + 0.01, cell + 0.01);
  }
  doc.fillColor('#000').fill();
}

function drawCropMarks(doc: PDFKit.PDFDocument, w: number, h: number): void {
  const len = 6 * MM;
  const off = 2 * MM;
  doc.save().lineWidth(0.25).strokeColor('#000');
  for (const [cx, cy] of [[0, 0], [w, 0], [0, h], [w, h]]) {
    const sx = cx === 0 ? -1 : 1;
    const sy = cy === 0 ? -1 : 1;
    doc.moveTo(cx + sx * off, cy).lineTo(cx + sx * (off + len), cy).stroke();
    doc.moveTo(cx, cy + sy * off).lineTo(cx, cy + sy * (off + len)).stroke();
  }
  doc.restore();
}

export interface PdfOptions {
  title: string;
  /** Printed in the top margin of each page, before the page number. */
  folio: string;
  cropMarks?: boolean;
  /** The full URL a code's QR leads to. */
  codeUrl?: (code: string) => string;
  /** Tear sheet: only this page, with this ad outlined. */
  tearSheet?: { page: number; orderId: number };
}

function drawPage(doc: PDFKit.PDFDocument, layout: Layout, page: LayoutPage, o: PdfOptions): void {
  const m = layout.geometry.marginMm * MM;
  doc.font('regular').fontSize(7).fillColor('#000').text(`${o.folio} · ${page.number}`, m, m / 2 - 4, { lineBreak: false });
  for (const b of page.boxes) {
    if (b.kind === 'heading') {
      doc.rect(b.x, b.y + 1, b.w, b.h - 3).fillColor('#000').fill();
      doc
        .font('bold')
        .fontSize(b.size)
        .fillColor('#fff')
        .text(b.lines[0], b.x + 3, b.y + (b.h - b.size) / 2 - 1, { width: b.w - 6, lineBreak: false });
      doc.fillColor('#000');
      continue;
    }
    if (b.box)
      doc
        .rect(b.x + 0.3, b.y + 0.3, b.w - 0.6, b.h - 0.6)
        .lineWidth(b.kind === 'display' ? 0.8 : 0.5)
        .strokeColor('#000')
        .stroke();
    doc.font(b.font).fontSize(b.size).fillColor('#000');
    b.lines.forEach((line, i) => doc.text(line, b.x + b.pad, b.y + b.pad + i * b.lineHeight, { lineBreak: false }));
    if (b.code && b.codeLines) {
      const qr = 9 * MM;
      const qx = b.x + b.w - b.pad - qr;
      const qy = b.y + b.h - b.pad - qr - 1;
      drawQr(doc, o.codeUrl?.(b.code) ?? b.code, qx, qy, qr);
      const size = Math.max(5, layout.geometry.bodyPt * 0.8);
      b.codeLines.forEach((line, i) =>
        doc
          .font('regular')
          .fontSize(size)
          .fillColor('#000')
          .text(line, b.x + b.pad, qy + i * size * 1.25, { lineBreak: false }),
      );
    }
    if (o.tearSheet && b.orderId === o.tearSheet.orderId) {
      doc.save().rect(b.x - 3, b.y - 3, b.w + 6, b.h + 6).lineWidth(2).strokeColor('#d00000').stroke().restore();
    }
  }
}

/** The edition (or one tear-sheet page) as PDF bytes. */
export async function layoutPdf(layout: Layout, fonts: Fonts, o: PdfOptions): Promise<Buffer> {
  const slug = o.cropMarks ? SLUG : 0;
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: o.title, Producer: 'Golmok' } });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const pages = o.tearSheet ? layout.pages.filter((p) => p.number === o.tearSheet!.page) : layout.pages;
  for (const page of pages) {
    doc.addPage({ size: [layout.widthPt + 2 * slug, layout.heightPt + 2 * slug], margin: 0 });
    if (slug) {
      // The trimmed page inside the slug: TrimBox tells the printer's RIP where to cut.
      (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.TrimBox = [
        slug,
        slug,
        slug + layout.widthPt,
        slug + layout.heightPt,
      ];
      doc.translate(slug, slug);
      drawCropMarks(doc, layout.widthPt, layout.heightPt);
    }
    drawPage(doc, layout, page, o);
  }
  return collect(doc);
}
