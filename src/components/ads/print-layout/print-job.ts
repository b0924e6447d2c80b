/**
 * One print job: the layout of an edition, and its PDF when asked, from plain data (it crosses into a worker thread,
 * so no functions: the short links are built from `origin`). Fonts are read once per thread.
 */
import { classificationList } from './classifications.js';
import { layoutEdition, type Geometry, type Layout, type LayoutAd, type PageLock, type Placement } from './layout.js';
import { fontMeasure, layoutPdf, readFonts, type Fonts } from './print-pdf.js';
import type { Measure } from './line-break.js';

export interface PrintJob {
  output: 'layout' | 'pdf';
  ads: LayoutAd[];
  geometry: Geometry;
  classifications: string | undefined;
  placements: Placement[];
  locks: PageLock[];
  manualOrder: Array<[number, number]>;
  fontFile: string;
  boldFontFile: string;
  /** The public origin printed with codes (https://golmok.kr → golmok.kr/p/CODE). */
  origin: string;
  title: string;
  folio: string;
  cropMarks: boolean;
  tearSheet?: { orderId: number };
}

export interface PrintResult { layout: Layout; pdf?: Uint8Array }

let loaded: { key: string; fonts: Fonts; measure: Measure } | null = null;
function fontsFor(regular: string, bold: string) {
  const key = `${regular}\n${bold}`;
  if (loaded?.key !== key) {
    const fonts = readFonts(regular, bold);
    loaded = { key, fonts, measure: fontMeasure(fonts) };
  }
  return loaded;
}

export async function runPrintJob(job: PrintJob): Promise<PrintResult> {
  const { fonts, measure } = fontsFor(job.fontFile, job.boldFontFile);
  const host = job.origin.replace(/^https?:\/\//, '');
  const layout = layoutEdition({
    ads: job.ads,
    geometry: job.geometry,
    classifications: classificationList(job.classifications),
    measure,
    placements: job.placements,
    locks: job.locks,
    manualOrder: new Map(job.manualOrder),
    codeText: (code) => `${host}/p/${code}`,
  });
  if (job.output === 'layout') return { layout };
  let tearSheet: { page: number; orderId: number } | undefined;
  if (job.tearSheet) {
    const page = layout.pages.find((p) => p.boxes.some((b) => b.orderId === job.tearSheet!.orderId));
    if (!page) return { layout };
    tearSheet = { page: page.number, orderId: job.tearSheet.orderId };
  }
  const pdf = await layoutPdf(layout, fonts, {
    title: job.title,
    folio: job.folio,
    cropMarks: job.cropMarks,
    codeUrl: (code) => `${job.origin}/p/${code}`,
    tearSheet,
  });
  return { layout, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
}
