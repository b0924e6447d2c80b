/**
 * PDFs of the ad desk, drawn with pdfkit (chosen over pdf-lib because it wraps text and measures line heights itself,
 * which a column-width proof needs; both embed a TrueType subset with a ToUnicode map, so the Hangul stays
 * extractable). The Korean font is a file from config (AD_FONT_FILE, Debian's fonts-nanum by default); a missing file
 * fails with one clear message instead of a PDF with no Korean glyphs.
 *
 * - proofPdf: the print copy at the paper's column width and font size, as it will be set.
 * - documentPdf: 견적서 (quote) or 거래명세서 (statement): the paper's and the customer's details, items, 공급가액/부가세/합계.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatWon } from '../../lib/money.js';
import type { AdsConfig } from '../../config/index.js';
import { formatBusinessNumber } from './business-number.js';
import type { Quote } from './pricing.js';

const MM = 72 / 25.4;

export class FontMissingError extends Error {
  override name = 'FontMissingError';
}

function fontBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new FontMissingError(
      `AD_FONT_FILE not readable: ${file} (install Debian's fonts-nanum, or point AD_FONT_FILE at a Korean TrueType font)`,
    );
  }
}

/** The bytes of a finished pdfkit document. */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The print proof: one column of copy at the configured width and size, with a small header naming the order and version. */
export async function proofPdf(
  config: AdsConfig,
  p: { orderId: number; version: number; copy: string; productName: string; bold: boolean; box: boolean },
): Promise<Buffer> {
  const font = fontBytes(config.fontFile);
  const width = config.columnWidthMm * MM;
  const margin = 6 * MM;
  const measure = new PDFDocument({ autoFirstPage: false });
  measure.registerFont('ko', font);
  measure.font('ko').fontSize(config.fontPt);
  const copyHeight = measure.heightOfString(p.copy, { width, lineGap: 1 });
  const doc = new PDFDocument({
    size: [width + margin * 2, copyHeight + margin * 2 + 28],
    margin,
    info: { Title: `교정지 ${p.orderId}-${p.version}`, Producer: 'Golmok' },
  });
  doc.registerFont('ko', font);
  doc.font('ko').fontSize(6).fillColor('#555').text(`교정지 v${p.version} · 주문 ${p.orderId} · ${p.productName}`, { width });
  doc.moveDown(0.5);
  const top = doc.y;
  doc.fontSize(config.fontPt).fillColor('#000').text(p.copy, { width, lineGap: 1, stroke: p.bold, fill: true, lineBreak: true });
  if (p.box)
    doc
      .rect(margin - 2, top - 2, width + 4, doc.y - top + 4)
      .lineWidth(0.6)
      .stroke('#000');
  return collect(doc);
}

export interface DocumentParty { name: string; businessNo: string | null; address?: string; email?: string }

/** 견적서 or 거래명세서 of an order, on one A4 page. */
export async function documentPdf(config: AdsConfig, d: {
  kind: 'quote' | 'statement'; orderId: number; issuedOn: string; customer: DocumentParty; productName: string; quote: Quote;
  itemLabel: (key: string, params: Record<string, number>) => string; runs: string[];
}): Promise<Buffer> {
  const font = fontBytes(config.fontFile);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${d.kind === 'quote' ? '견적서' : '거래명세서'} ${d.orderId}`, Producer: 'Golmok' },
  });
  doc.registerFont('ko', font);
  doc.font('ko');
  doc.fontSize(20).text(d.kind === 'quote' ? '견 적 서' : '거 래 명 세 서', { align: 'center' });
  doc.moveDown(0.5).fontSize(10).text(`주문번호 ${d.orderId}    발행일 ${d.issuedOn}`, { align: 'right' });
  doc.moveDown();
  const left = 50;
  const half = 250;
  const y = doc.y;
  doc.fontSize(11).text('공급받는자', left, y);
  doc
    .fontSize(10)
    .text(`상호(성명): ${d.customer.name}`)
    .text(`사업자등록번호: ${d.customer.businessNo ? formatBusinessNumber(d.customer.businessNo) : '-'}`);
  if (d.customer.email) doc.text(`이메일: ${d.customer.email}`);
  const yRight = y;
  doc.fontSize(11).text('공급자', left + half, yRight);
  doc
    .fontSize(10)
    .text(`상호: ${config.paper.name}`, left + half)
    .text(`사업자등록번호: ${config.paper.businessNo}`, left + half)
    .text(`주소: ${config.paper.address}`, left + half, undefined, { width: 245 });
  doc.moveDown(1.5);
  doc.x = left;
  doc.fontSize(11).text(`품목: ${d.productName}`, left);
  if (d.runs.length) doc.fontSize(9).text(`게재일: ${d.runs.join(', ')}`, { width: 495 });
  doc.moveDown(0.5);
  const cols = [left, left + 250, left + 320, left + 410];
  const row = (cells: string[], size = 10) => {
    const rowY = doc.y;
    doc.fontSize(size);
    cells.forEach((c, i) => doc.text(c, cols[i], rowY, { width: i === 0 ? 240 : 85, align: i === 0 ? 'left' : 'right' }));
    doc.x = left;
    doc.moveDown(0.4);
  };
  row(['항목', '수량', '단가', '금액']);
  doc.moveTo(left, doc.y).lineTo(545, doc.y).stroke();
  doc.moveDown(0.3);
  for (const item of d.quote.items)
    row([d.itemLabel(item.key, item.params), String(item.quantity), formatWon(item.unitPrice), formatWon(item.amount)]);
  if (d.quote.discount > 0) row([`다회 게재 할인 ${d.quote.discountPercent}%`, '', '', `-${formatWon(d.quote.discount)}`]);
  doc.moveTo(left, doc.y).lineTo(545, doc.y).stroke();
  doc.moveDown(0.3);
  row(['공급가액', '', '', formatWon(d.quote.supply)]);
  row(['부가세', '', '', formatWon(d.quote.vat)]);
  row(['합계', '', '', formatWon(d.quote.total)], 12);
  doc.moveDown();
  doc.fontSize(9).text(`입금 계좌: ${config.bank.name} ${config.bank.account} (예금주 ${config.bank.holder})`, left);
  return collect(doc);
}
