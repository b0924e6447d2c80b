/**
 * The desk's bulk parses as pure jobs for a worker thread (bulk-parse.worker.ts): a pasted ad page split and parsed
 * into import cells, a CSV file decoded and split into records. Each checks its caps first and answers a refusal naming
 * the cap instead of doing the work. Linear in their input (scripts/bench/paste-parse.ts measures it).
 */
import { parseAdText, type CategoryHint } from '../submissions/index.js';
import { splitAds } from './ad-page-split.js';
import { cellsFromParsedAd, type DeskCells, type DeskColumn } from './desk-rows.js';
import { decodeCsvBytes, parseCsv, type CsvEncoding } from './desk-csv.js';

/** The longest single ad the parser reads; the rest of a very long ad is left out. */
export const AD_MAX = 5000;

export interface PasteCaps { maxBytes: number; maxLines: number; maxAds: number }
export interface CsvCaps { maxRows: number }

/** A refusal: the message key and the cap it names. */
export interface CapRefusal { refused: { messageKey: string; max: number } }

export type PasteJob = { kind: 'paste'; text: string; hints: CategoryHint[]; caps: PasteCaps };
export type CsvJob = { kind: 'csv'; bytes: Uint8Array; caps: CsvCaps };
export type PasteResult = { ads: Array<{ cells: DeskCells; unsure: DeskColumn[] }> } | CapRefusal;
export type CsvResult = { records: string[][]; encoding: CsvEncoding } | CapRefusal;

/** Lines in a text, counted without building them. */
function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** The caps a paste is checked against before any parsing (cheap: bytes and lines). */
export function pasteOverCap(text: string, caps: PasteCaps): CapRefusal | null {
  if (Buffer.byteLength(text, 'utf8') > caps.maxBytes)
    return { refused: { messageKey: 'desk.error.pasteBytes', max: Math.floor(caps.maxBytes / 1024) } };
  if (lineCount(text) > caps.maxLines) return { refused: { messageKey: 'desk.error.pasteLines', max: caps.maxLines } };
  return null;
}

export function parsePastedPage(job: Omit<PasteJob, 'kind'>): PasteResult {
  const over = pasteOverCap(job.text, job.caps);
  if (over) return over;
  const ads = splitAds(job.text);
  if (ads.length > job.caps.maxAds) return { refused: { messageKey: 'desk.error.pasteAds', max: job.caps.maxAds } };
  return { ads: ads.map((ad) => cellsFromParsedAd(parseAdText(ad.slice(0, AD_MAX), job.hints))) };
}

export function parseCsvUpload(job: Omit<CsvJob, 'kind'>): CsvResult {
  const { text, encoding } = decodeCsvBytes(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength));
  const records = parseCsv(text);
  if (records.length - 1 > job.caps.maxRows) return { refused: { messageKey: 'desk.error.tooManyRows', max: job.caps.maxRows } };
  return { records, encoding };
}

export function runBulkJob(job: PasteJob | CsvJob): PasteResult | CsvResult {
  return job.kind === 'paste' ? parsePastedPage(job) : parseCsvUpload(job);
}
