/** The typed, frozen configuration loadConfig (index.ts) hands to the rest of the code. */
import type { KeyRing } from '../lib/secret-box.js';
import type { PrintConfig } from './ad-print.js';

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  isTest: boolean;
  port: number;
  host: string;
  /** PUBLIC_URL without a trailing slash: the origin of every absolute link (required in production). */
  baseUrl: string | undefined;
  /** Without PUBLIC_URL: the hosts (host or host:port) whose requests may print their own origin in links (web/origin.ts). */
  allowedHosts: string[];
  logLevel: string;
  db:
    | { client: 'sqlite'; filename: string; poolMax: number; readers: number; busyTimeoutMs: number }
    | { client: 'pg'; connection: string | Record<string, string | number | undefined>; schema?: string; poolMax: number };
  uploadsDir: string;
  outboxDir: string;
  /** Where `db:backup` puts a backup folder when no `--to` is given. */
  backupDir: string;
  seedOnStart: boolean;
  sessionSecret: string;
  /** Keys for TOTP secrets at rest (AES-256-GCM): the first seals, all open. */
  totpKeys: KeyRing;
  sessionIdleMinutes: number;
  /** The stored idle expiry is rewritten only when it moves by at least this share of the idle time (0: every request). */
  sessionTouchPercent: number;
  sessionAbsoluteDays: number;
  /** Express 'trust proxy': false (direct), a hop count, or a list of addresses/subnets. */
  trustProxy: boolean | number | string;
  pageSize: number;
  /** Listings whose page data are kept in memory (checked against their version stamp on every use). */
  listingCacheSize: number;
  /**
   * Rendered anonymous pages kept per instance (web/page-cache.ts): seconds (0 = off) and how many; `front`: answered by
   * the server's node:http handler before Express (web/front.ts), else by the page cache's first middleware.
   */
  pageCache: { seconds: number; entries: number; maxBytes: number; front: boolean; saveGateWaitMs: number };
  classifiedLifetimeDays: number;
  upload: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number; maxPixels: number; keepOriginal: boolean };
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  shutdownTimeoutMs: number;
  rateLimit: {
    enabled: boolean;
    syncMs: number;
    apiPerMinute: number;
    signupsPerHour: number;
    submissionsPerHour: number;
    reportsPerHour: number;
    claimsPerHour: number;
    reviewsPerHour: number;
  };
  /** ALTCHA proof of work on sign-up, submission and reports: the largest counter a client may have to try. */
  pow: { enabled: boolean; maxNumber: number };
  /** Approved listings (with no rejection) after which an advertiser's edits go live at once, reviewed afterwards; 0 = never. */
  trustedAfterApprovals: number;
  /** Listings a week-old account may submit within a day before the spam checks flag it. */
  newAccountBurst: number;
  /** The ad desk's bulk import: largest CSV or .txt upload, most rows per batch, hours an import can be undone. */
  desk: { maxUploadBytes: number; maxRows: number; undoHours: number; paste: { maxBytes: number; maxLines: number; maxAds: number } };
  /** Bulk parses (pasted pages, CSV files) run in this many worker threads, each job within timeoutMs, maxQueue waiting. */
  bulk: { workers: number; timeoutMs: number; maxQueue: number };
  /** The event loop's delay is logged when its p99 over a few seconds passes this (0: not watched). */
  eventLoopDelayWarnMs: number;
  /** Who may read /metrics: these socket addresses, or a request with this bearer token (neither: nobody). */
  metrics: { allow: string[]; token: string | null };
  /** Saved shops (저장): the longest list an account or a browser may keep; writes (save, remove, note, merge) per hour and account. */
  saved: { maxListings: number; writesPerHour: number };
  /** scrypt N for password hashes (memory ≈ 128 × N × 8 bytes). */
  passwordHashCost: number;
  /** Call, view and search counters are buffered in memory and written every flushSeconds (and on shutdown). */
  stats: { flushSeconds: number };
  /** The in-app job runner (reminders, expiry, archiving): on/off and how often it wakes up. */
  jobs: { enabled: boolean; intervalMinutes: number };
  /** Reminder and staleness rules for business listings and classified ads. */
  freshness: {
    remindAfterDays: number;
    staleAfterDays: number;
    classifiedRemindDaysBefore: number;
    classifiedRenewableDays: number;
    linkDays: number;
  };
  /** Residents' fact reports: distinct visitors before a listing is "being checked"; 명절 reminder lead time in days. */
  facts: { reportThreshold: number; holidayReminderDaysBefore: number };
  /** Kakao Local API key: fills a branch's coordinates from its road-name address when set (undefined = off). */
  kakaoRestApiKey: string | undefined;
  /** The listing form's map tiles, and the one other host the CSP lets images come from. */
  mapTileUrl: string;
  mapTileOrigin: string;
  /** The ad desk: edition calendar, the paper's bank account and business details, proof layout, limits (docs/ad-orders.md). */
  ads: AdsConfig;
}

export interface AdsConfig {
  publicationDays: string;
  deadlineDaysBefore: number;
  deadlineTime: string;
  bank: { name: string; account: string; holder: string };
  paper: { name: string; businessNo: string; address: string };
  columnWidthMm: number;
  fontPt: number;
  fontFile: string;
  ordersPerHour: number;
  statementMaxBytes: number;
  /** The classified pages' geometry and fonts (docs/print-pages.md). */
  print: PrintConfig;
}
