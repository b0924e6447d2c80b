/**
 * The edition's classified pages for the desk and the advertisers (docs/print-pages.md): the layout of the printable
 * orders of an edition with the desk's placements, manual order and locks; the print PDF and the tagged text; holding
 * an ad back to the next edition; and tear sheets. Layout and PDF are bulk work and run in a worker thread (`run`).
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { seoulParts } from '../../lib/clock.js';
import type { AdsConfig } from '../../config/index.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Viewer } from '../../core/viewer.js';
import type { AdsService } from './ads.service.js';
import { addDays, editionsBetween } from './edition-calendar.js';
import { classificationList, classify, type Classification } from './print-layout/classifications.js';
import { groupAds, placementError, sortGroup, type Geometry, type Layout, type LayoutAd } from './print-layout/layout.js';
import type { PrintJob, PrintResult } from './print-layout/print-job.js';
import { taggedText } from './print-layout/tagged-text.js';
import { PRINTABLE_STATES } from './tear-sheets.js';
import * as repo from './ads.repository.js';
import * as printRepo from './print.repository.js';

/** Orders that go in the paper: paid, or scheduled (후불), or already running. */
const PRINTABLE = PRINTABLE_STATES;

/** A short code for an order's run in an edition (/p/CODE), from the attribution component; none by default. */
export type CodeLookup = (orderId: number, editionDate: string) => Promise<string | undefined>;

export interface PrintDeps {
  db: Knex; clock: Clock; ads: AdsService; config: AdsConfig;
  /** The public origin printed with codes. */
  siteUrl: string;
  /** Runs a print job (a worker pool in the app; in-process in scripts). */
  run: (job: PrintJob) => Promise<PrintResult>;
  codeFor?: CodeLookup;
}

export interface EditionAd extends LayoutAd { customer: string; state: string }

export function createPrintService(deps: PrintDeps) {
  const { db, clock, ads, config } = deps;
  const classifications: Classification[] = classificationList(config.print.classifications);
  const geometry: Geometry = {
    pageWidthMm: config.print.pageWidthMm,
    pageHeightMm: config.print.pageHeightMm,
    columns: config.print.columns,
    gutterMm: config.print.gutterMm,
    marginMm: config.print.marginMm,
    bodyPt: config.print.bodyPt,
    headingPt: config.print.headingPt,
  };
  const codeFor: CodeLookup = deps.codeFor ?? (async () => undefined);

  /** The printable print orders of an edition as layout ads, with their classification mapped onto the list. */
  async function editionAds(edition: string): Promise<{ ads: EditionAd[]; pending: number }> {
    const orders = (await repo.runsOfEdition(db, edition)).filter(
      (o) => o.product.rule.kind === 'line' || o.product.rule.kind === 'display' || o.product.rule.kind === 'bundle',
    );
    const printable = orders.filter((o) => PRINTABLE.has(o.state));
    const out: EditionAd[] = [];
    for (const o of printable) {
      const display = o.product.rule.kind === 'display';
      out.push({
        orderId: o.id,
        kind: display ? 'display' : 'line',
        classification: classify(classifications, o.options.classification).code,
        copy: o.copy,
        bold: Boolean(o.options.bold),
        box: Boolean(o.options.box),
        orderedAt: o.createdAt.toISOString(),
        customer: o.customerName,
        state: o.state,
        ...(display ? { columns: o.options.columns ?? 1, cm: o.options.cm ?? 1 } : {}),
        code: await codeFor(o.id, edition),
      });
    }
    const pending = orders.filter((o) => !PRINTABLE.has(o.state) && !['draft', 'cancelled', 'refunded'].includes(o.state)).length;
    return { ads: out, pending };
  }

  async function job(
    edition: string,
    output: PrintJob['output'],
    extra: Partial<PrintJob> = {},
  ): Promise<{ result: PrintResult; ads: EditionAd[]; pending: number; state: printRepo.PrintState }> {
    const [{ ads: list, pending }, state] = await Promise.all([editionAds(edition), printRepo.printState(db, edition)]);
    const result = await deps.run({
      output,
      ads: list.map(({ customer: _c, state: _s, ...ad }) => ad),
      geometry,
      classifications: config.print.classifications,
      placements: state.placements,
      locks: state.locks,
      manualOrder: [...state.manualOrder],
      fontFile: config.fontFile,
      boldFontFile: config.print.boldFontFile,
      origin: deps.siteUrl,
      title: `${config.paper.name} ${edition} 광고`,
      folio: `${config.paper.name} ${edition} 광고면`,
      cropMarks: false,
      ...extra,
    });
    return { result, ads: list, pending, state };
  }

  const today = () => seoulParts(clock.now()).day;

  async function displayAd(edition: string, orderId: number): Promise<EditionAd> {
    const ad = (await editionAds(edition)).ads.find((a) => a.orderId === orderId && a.kind === 'display');
    if (!ad) throw new NotFoundError();
    return ad;
  }

  return {
    classifications,
    geometry,

    /** The layout and what the desk's page shows beside it. */
    async preview(
      edition: string,
    ): Promise<{
      layout: Layout;
      ads: EditionAd[];
      pending: number;
      placements: printRepo.PrintState['placements'];
      groups: Classification[];
    }> {
      const { result, ads: list, pending, state } = await job(edition, 'layout');
      return { layout: result.layout, ads: list, pending, placements: state.placements, groups: classifications };
    },

    async pdf(edition: string, cropMarks: boolean): Promise<Buffer> {
      const { result } = await job(edition, 'pdf', { cropMarks });
      return Buffer.from(result.pdf!);
    },

    async tagged(edition: string): Promise<string> {
      const { result, ads: list } = await job(edition, 'layout');
      const copy = new Map(list.map((a) => [a.orderId, a.copy]));
      return taggedText(result.layout, {
        edition,
        paper: config.paper.name,
        copyOf: (id) => copy.get(id) ?? '',
        codeUrl: (code) => `${deps.siteUrl}/p/${code}`,
      });
    },

    /** The desk puts a display ad on a page; a place off the page or over another display ad is a field error. */
    async place(edition: string, orderId: number, p: { page: number; column: number; topMm: number }): Promise<void> {
      const ad = await displayAd(edition, orderId);
      const state = await printRepo.printState(db, edition);
      const sizes = new Map(
        (await editionAds(edition)).ads
          .filter((a) => a.kind === 'display')
          .map((a) => [a.orderId, { columns: a.columns ?? 1, cm: a.cm ?? 1 }]),
      );
      const error = placementError(geometry, ad, { orderId, ...p }, state.placements, sizes);
      if (error) throw new ValidationError({ place: error });
      await printRepo.setPlacement(db, edition, { orderId, ...p }, clock.now());
    },

    async unplace(edition: string, orderId: number): Promise<void> {
      await displayAd(edition, orderId);
      await printRepo.setPlacement(db, edition, { orderId, page: null, column: null, topMm: null }, clock.now());
    },

    /** Moves a line ad one place up or down within its group; the group's whole order is then the desk's. */
    async reorder(edition: string, orderId: number, direction: 'up' | 'down'): Promise<void> {
      const { ads: list } = await editionAds(edition);
      const state = await printRepo.printState(db, edition);
      const group = groupAds(
        list.filter((a) => a.kind === 'line'),
        classifications,
        state.manualOrder,
      ).find((g) => g.ads.some((a) => a.orderId === orderId));
      if (!group) throw new NotFoundError();
      const ids = sortGroup(group.ads, state.manualOrder).map((a) => a.orderId);
      const at = ids.indexOf(orderId);
      const to = direction === 'up' ? at - 1 : at + 1;
      if (to < 0 || to >= ids.length) return;
      [ids[at], ids[to]] = [ids[to], ids[at]];
      await printRepo.setPositions(db, edition, ids, clock.now());
    },

    /**
     * Holds an order back to the next edition the paper publishes after this one (per the calendar, skipping editions
     * it already runs in): its run moves, in one transaction with an audit entry; this edition re-flows without it.
     */
    async holdBack(viewer: Viewer, edition: string, orderId: number): Promise<string> {
      const order = await repo.findOrder(db, orderId);
      if (!order || !order.runs.includes(edition)) throw new NotFoundError();
      const closed = new Set((await ads.closedDays()).map((d) => d.day));
      const next = editionsBetween(addDays(edition, 1), 400, ads.rules, closed)
        .map((e) => e.date)
        .find((d) => !order.runs.includes(d));
      if (!next) throw new ValidationError({ hold: 'print.error.noNextEdition' });
      await db.transaction(async (trx) => {
        if (!(await printRepo.moveRun(trx, orderId, edition, next))) throw new NotFoundError();
        await repo.insertAudit(
          trx,
          {
            actorId: viewer.userId,
            action: 'ad_order.holdBack',
            orderId,
            reason: `${edition} → ${next}`,
            before: { edition },
            after: { edition: next },
          },
          clock.now(),
        );
      });
      return next;
    },

    /** Locks a page with the line ads now on it: they stay there when the rest re-flows. */
    async lock(edition: string, page: number, userId: number): Promise<void> {
      const { result } = await job(edition, 'layout');
      const onPage = result.layout.pages.find((p) => p.number === page);
      if (!onPage) throw new NotFoundError();
      const ids = onPage.boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId!);
      await printRepo.lockPage(db, edition, page, ids, userId, clock.now());
    },

    unlock: (edition: string, page: number) => printRepo.unlockPage(db, edition, page),

    /**
     * The advertiser's tear sheet: once the edition's day has passed, the page their ad ran on, with the ad outlined.
     * Another advertiser's order, an edition it did not run in, or a day not yet passed: 404.
     */
    async tearSheet(viewer: Viewer, orderId: number, edition: string): Promise<Buffer> {
      const order = await ads.orderFor(viewer, orderId);
      if (!order.runs.includes(edition) || !PRINTABLE.has(order.state) || edition >= today()) throw new NotFoundError();
      const { result } = await job(edition, 'pdf', { tearSheet: { orderId } });
      if (!result.pdf) throw new NotFoundError();
      return Buffer.from(result.pdf);
    },
  };
}

export type PrintService = ReturnType<typeof createPrintService>;
