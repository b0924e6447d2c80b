/**
 * Print → web attribution: every print order × edition (and every shop-window card) gets a short code that leads,
 * through /p/CODE, to the listing the ad is for. Codes are made idempotently (the same code every time, one per
 * run even when two requests race), when an order is scheduled or lazily when a layout or a card asks for one.
 */
import QRCode from 'qrcode';
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import * as repo from './codes.repository.js';
import { normaliseCode, randomCode } from './short-code.js';

export type { CodeFigures, DeskCodeRow } from './codes.repository.js';

/** A new code clashing with an existing one is astronomically rare; a few tries make it certain. */
const ATTEMPTS = 5;
/** Runs of these states print nothing, so they get no code. */
const NOT_PRINTED = new Set(['draft', 'cancelled', 'refunded']);

type Db = Knex | Knex.Transaction;

/** Inserts with fresh random codes until a row for `find` exists (each try in a savepoint: a clash keeps the transaction usable). */
async function ensure(db: Db, find: (db: Db) => Promise<string | null>, insert: (db: Db, code: string) => Promise<void>): Promise<string> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const found = await find(db);
    if (found) return found;
    try {
      await db.transaction((sp) => insert(sp, randomCode()));
    } catch (err) {
      if (i === ATTEMPTS - 1) throw err;
    }
  }
  const found = await find(db);
  if (!found) throw new Error('short code not created');
  return found;
}

/**
 * The code printed with an order in an edition, made on first use. Undefined when the order does not run in that
 * edition, is not printed (draft, cancelled, refunded), or leads nowhere (no listing linked to the order).
 */
export interface PrintRun { orderId: number; editionDate: string }

export async function ensurePrintCode(db: Db, run: PrintRun, now = new Date()): Promise<string | undefined> {
  const existing = await repo.findPrintCode(db, run.orderId, run.editionDate);
  if (existing) return existing;
  const r = await repo.orderRun(db, run.orderId, run.editionDate);
  if (!r || r.listingId === null || NOT_PRINTED.has(r.state)) return undefined;
  const listingId = r.listingId;
  return ensure(db, (d) => repo.findPrintCode(d, run.orderId, run.editionDate),
    (d, code) => repo.insertCode(d, { code, kind: 'print', orderId: run.orderId, editionDate: run.editionDate, listingId }, now));
}

/** The shop-window card's own code for a listing, made on first use. */
export async function ensureCardCode(db: Db, listingId: number, now = new Date()): Promise<string> {
  return ensure(db, (d) => repo.findCardCode(d, listingId), (d, code) => repo.insertCode(d, { code, kind: 'card', listingId }, now));
}

export type QrFormat = 'svg' | 'png' | 'matrix';

/**
 * The QR code of a short URL (origin + /p/CODE): SVG text, PNG bytes, or the module matrix (rows of booleans, true
 * = dark) for a PDF library to draw as paths. Error correction M: newsprint smudges.
 */
export async function codeQr(code: string, origin: string, format: 'svg'): Promise<string>;
export async function codeQr(code: string, origin: string, format: 'png'): Promise<Buffer>;
export async function codeQr(code: string, origin: string, format: 'matrix'): Promise<boolean[][]>;
export async function codeQr(code: string, origin: string, format: QrFormat): Promise<string | Buffer | boolean[][]> {
  const url = shortUrl(code, origin);
  if (format === 'svg') return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  if (format === 'png') return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => Boolean(modules.get(y, x))));
}

/** Upper case in the URL: a QR code holding only upper case, digits and "/:." fits its denser alphanumeric mode. */
export function shortUrl(code: string, origin: string): string {
  const u = new URL(origin);
  return `${`${u.protocol}//${u.host}`.toUpperCase()}${u.pathname.replace(/\/+$/, '')}/P/${code}`;
}

export function createCodesService(deps: { db: Knex; reader?: Knex; clock: Clock; isListingPublic: (id: number) => Promise<boolean> }) {
  const { db, clock } = deps;
  const reader = deps.reader ?? db;

  return {
    ensurePrintCode: (trx: Db, run: PrintRun) => ensurePrintCode(trx, run, clock.now()),

    /** Codes for every edition of an order, inside the transaction that schedules it. */
    async ensureOrderCodes(trx: Db, orderId: number): Promise<void> {
      for (const editionDate of await repo.editionsOf(trx, orderId)) await ensurePrintCode(trx, { orderId, editionDate }, clock.now());
    },

    /** The lookup the edition's layout prints with each ad: its code, or undefined when it gets none. */
    printCodeFor: (orderId: number, editionDate: string) => ensurePrintCode(db, { orderId, editionDate }, clock.now()),

    /** A shop-window card's short link: its code made on first use, the URL and the QR code to print. */
    async cardLink(listingId: number, origin: string): Promise<{ code: string; url: string; qrSvg: string }> {
      const code = await ensureCardCode(db, listingId, clock.now());
      return { code, url: `${origin}/p/${code}`, qrSvg: await codeQr(code, origin, 'svg') };
    },

    /** An order's codes with their QR codes and figures (the order page; read only: codes are made at scheduling). */
    async orderCodes(orderId: number, origin: string) {
      const rows = await repo.figuresForOrder(reader, orderId);
      return Promise.all(rows.map(async (r) => ({
        ...r, editionDate: r.editionDate ?? '', url: `${origin}/p/${r.code}`, qrSvg: await codeQr(r.code, origin, 'svg'),
      })));
    },

    /** Where a typed or scanned code leads: a public listing's path, or null (unknown, malformed, or its listing not public). */
    async resolve(raw: unknown): Promise<{ id: number; code: string; listingId: number; path: string } | null> {
      const code = normaliseCode(raw);
      const row = code ? await repo.findByCode(reader, code) : null;
      if (!row || row.listingId === null || row.slug === null || !(await deps.isListingPublic(row.listingId))) return null;
      // Only ever a path built from the listing's id and slug: the redirect cannot leave the site.
      // A card's visit keeps the card's marker (listing.js counts it as a QR scan, as before codes).
      const path = `/listings/${row.listingId}-${encodeURIComponent(row.slug)}${row.kind === 'card' ? '?src=card' : ''}`;
      return { id: row.id, code: row.code, listingId: row.listingId, path };
    },

    /** The id of a code that leads to this listing (a call beacon's via=), else null. */
    async codeFor(raw: string, listingId: number): Promise<number | null> {
      const code = normaliseCode(raw);
      const row = code ? await repo.findByCode(reader, code) : null;
      return row && row.listingId === listingId ? row.id : null;
    },

    figuresForListing: (listingId: number) => repo.figuresForListing(reader, listingId),
    printFigures: (limit = 5000) => repo.printFigures(reader, limit),
  };
}

export type CodesService = ReturnType<typeof createCodesService>;
