/**
 * The only module that reads process.env. Every tunable of Golmok lives here with
 * its default; a bad value fails start-up with one line naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Config } from './config-types.js';
import { bool, ConfigError, describeIssue, int, isOrigin, totpKeyRing } from './env-values.js';
import { adPrintConfig, adPrintEnv } from './ad-print.js';

export type { AdsConfig, Config } from './config-types.js';
export { ConfigError } from './env-values.js';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'] satisfies Array<Config['env']>).default('development'),
    PORT: int(0, 65535).default(3000), // 0 = any free port (tests)
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z
      .string()
      .refine(isOrigin, 'must be an http or https origin such as https://golmok.kr (no path, query or user)')
      .optional(),
    ALLOWED_HOSTS: z
      .string()
      .regex(/^[a-z0-9.:[\], -]+$/i, 'must be a comma-separated list of host or host:port')
      .default('localhost,127.0.0.1,[::1]'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    DATABASE_URL: z.string().optional(),
    DB_CLIENT: z.enum(['sqlite', 'pg']).optional(),
    SQLITE_FILE: z.string().min(1).default('data/golmok.sqlite'),
    DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .optional(),
    DB_POOL_MAX: int(1, 200).default(10),
    SQLITE_READERS: int(0, 32).default(4),
    SQLITE_BUSY_TIMEOUT_MS: int(0, 60_000).default(5000),
    LISTING_CACHE_SIZE: int(0, 1_000_000).default(2000),
    PAGE_CACHE_SECONDS: int(0, 300).default(60),
    PAGE_CACHE_ENTRIES: int(0, 1_000_000).default(2000),
    PAGE_CACHE_MB: int(1, 4096).default(24),
    PAGE_FRONT: bool.default(true),
    SAVE_GATE_WAIT_MS: int(0, 10_000).default(100),
    UPLOADS_DIR: z.string().min(1).default('data/uploads'),
    OUTBOX_DIR: z.string().min(1).default('data/outbox'),
    BACKUP_DIR: z.string().min(1).default('data/backups'),
    SEED_ON_START: bool.default(true),
    SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    TOTP_ENCRYPTION_KEYS: z.string().optional(),
    SESSION_IDLE_MINUTES: int(1, 60 * 24 * 30).default(60 * 24),
    SESSION_TOUCH_PERCENT: int(0, 50).default(5),
    SESSION_ABSOLUTE_DAYS: int(1, 365).default(14),
    TRUST_PROXY: z.string().default('false'),
    PAGE_SIZE: int(1, 100).default(20),
    CLASSIFIED_LIFETIME_DAYS: int(1, 365).default(30),
    UPLOAD_MAX_FILE_MB: int(1, 100).default(10),
    UPLOAD_MAX_FILES: int(1, 50).default(10),
    UPLOAD_MAX_TOTAL_MB: int(1, 500).default(40),
    UPLOAD_MAX_MEGAPIXELS: int(1, 300).default(40),
    UPLOAD_KEEP_ORIGINAL: bool.default(false),
    REDIS_URL: z.string().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z
      .string()
      .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]+$/u, 'must be one line')
      .default('Golmok <no-reply@golmok.local>'),
    SHUTDOWN_TIMEOUT_MS: int(100, 60000).default(10000),
    RATE_LIMIT_ENABLED: bool.default(true),
    RATE_LIMIT_SYNC_MS: int(0, 60_000).default(1000),
    PASSWORD_HASH_COST: z.coerce
      .number()
      .int()
      .refine((n) => n >= 1024 && n <= 1048576 && (n & (n - 1)) === 0, 'must be a power of two from 1024 to 1048576')
      .default(32768),
    API_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(300),
    SIGNUP_LIMIT_PER_HOUR: int(1, 100_000).default(10),
    SUBMISSION_LIMIT_PER_HOUR: int(1, 100_000).default(30),
    REPORT_LIMIT_PER_HOUR: int(1, 100_000).default(5),
    POW_ENABLED: bool.default(true),
    POW_MAX_NUMBER: int(10, 10_000_000).default(100_000),
    TRUSTED_AFTER_APPROVALS: int(0, 1000).default(3),
    NEW_ACCOUNT_BURST: int(1, 1000).default(3),
    STATS_FLUSH_SECONDS: int(1, 300).default(5),
    JOBS_ENABLED: bool.default(true),
    JOBS_INTERVAL_MINUTES: int(1, 1440).default(5),
    REMIND_CONFIRM_AFTER_DAYS: int(1, 3650).default(182),
    STALE_AFTER_DAYS: int(1, 3650).default(365),
    CLASSIFIED_REMIND_DAYS_BEFORE: int(1, 60).default(3),
    CLASSIFIED_RENEWABLE_DAYS: int(0, 3650).default(90),
    REMINDER_LINK_DAYS: int(1, 365).default(14),
    FACT_REPORT_THRESHOLD: int(1, 1000).default(3),
    HOLIDAY_REMINDER_DAYS_BEFORE: int(1, 90).default(21),
    DESK_CSV_MAX_MB: int(1, 200).default(20),
    DESK_MAX_ROWS: int(1, 200_000).default(20_000),
    DESK_UNDO_HOURS: int(1, 24 * 30).default(24),
    DESK_PASTE_MAX_KB: int(1, 200 * 1024).default(1024),
    DESK_PASTE_MAX_LINES: int(1, 1_000_000).default(20_000),
    DESK_PASTE_MAX_ADS: int(1, 100_000).default(500),
    BULK_WORKERS: int(1, 16).default(1),
    BULK_JOB_TIMEOUT_MS: int(100, 600_000).default(30_000),
    BULK_QUEUE_MAX: int(0, 1000).default(4),
    EVENT_LOOP_DELAY_WARN_MS: int(0, 60_000).default(200),
    METRICS_ALLOW: z
      .string()
      .regex(/^[0-9a-fA-F.:, ]*$/, 'must be IP addresses separated by commas')
      .default(''),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    CLAIM_LIMIT_PER_HOUR: int(1, 100_000).default(5),
    SAVED_MAX_LISTINGS: int(1, 10_000).default(200),
    SAVED_WRITE_LIMIT_PER_HOUR: int(1, 100_000).default(300),
    REVIEW_LIMIT_PER_HOUR: int(1, 100_000).default(10),
    KAKAO_REST_API_KEY: z
      .string()
      .regex(/^[A-Za-z0-9]{16,64}$/, 'must be the REST API key of a Kakao app (letters and digits)')
      .optional(),
    MAP_TILE_URL: z
      .string()
      .regex(/^https:\/\/[a-z0-9.-]+(?::\d+)?\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, 'must be an https tile URL template with {z}, {x} and {y}')
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    AD_PUBLICATION_DAYS: z
      .string()
      .regex(/^[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*$/i, 'must be weekdays such as mon-sat or thu')
      .default('mon-sat'),
    AD_DEADLINE_DAYS_BEFORE: int(0, 30).default(2),
    AD_DEADLINE_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (Asia/Seoul)')
      .default('17:00'),
    AD_BANK_NAME: z.string().max(40).default('광주은행'),
    AD_BANK_ACCOUNT: z.string().max(40).default('000-000-000000'),
    AD_BANK_HOLDER: z.string().max(40).default('골목신문'),
    AD_PAPER_NAME: z.string().max(100).default('골목신문'),
    AD_PAPER_BUSINESS_NO: z
      .string()
      .regex(/^\d{3}-?\d{2}-?\d{5}$/, 'must be a 사업자등록번호 (123-45-67890)')
      .default('000-00-00000'),
    AD_PAPER_ADDRESS: z.string().max(200).default('광주광역시'),
    AD_COLUMN_WIDTH_MM: z.coerce.number().min(10).max(300).default(32),
    AD_FONT_PT: z.coerce.number().min(5).max(30).default(8.5),
    AD_FONT_FILE: z.string().min(1).default('/usr/share/fonts/truetype/nanum/NanumGothic.ttf'),
    AD_ORDER_LIMIT_PER_HOUR: int(1, 100_000).default(20),
    AD_STATEMENT_MAX_MB: int(1, 100).default(5),
  })
  .extend(adPrintEnv);

export type Env = z.infer<typeof envSchema>;

/** Parses an environment (process.env by default) into a frozen Config, or throws one ConfigError line. */
export function loadConfig(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(describeIssue(parsed.error.issues[0], source));
  const env = parsed.data;
  const resolve = (p: string) => (p === ':memory:' ? p : path.resolve(cwd, p));

  const usePg = env.DB_CLIENT === 'pg' || /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '');
  if (env.DATABASE_URL && !usePg && !env.DATABASE_URL.startsWith('sqlite:')) {
    throw new ConfigError('Invalid configuration: DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
  }
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required in production');
  }
  const totpKeys = totpKeyRing(env.TOTP_ENCRYPTION_KEYS, env.NODE_ENV === 'production');
  // Links a visitor, crawler or mail reader follows must name this site whatever a request's headers say (web/origin.ts).
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
    throw new ConfigError(
      'Invalid configuration: PUBLIC_URL is required in production (the public origin of links, e.g. https://golmok.kr)',
    );
  }
  const db: Config['db'] = usePg
    ? {
        client: 'pg',
        connection: env.DATABASE_URL ?? {
          host: source.PGHOST ?? '127.0.0.1',
          port: Number(source.PGPORT ?? 5432),
          user: source.PGUSER ?? 'postgres',
          password: source.PGPASSWORD,
          database: source.PGDATABASE ?? 'golmok',
        },
        schema: env.DB_SCHEMA,
        poolMax: env.DB_POOL_MAX,
      }
    : {
        client: 'sqlite',
        filename: resolve(env.DATABASE_URL?.startsWith('sqlite:') ? env.DATABASE_URL.slice('sqlite:'.length) : env.SQLITE_FILE),
        poolMax: 1,
        readers: env.SQLITE_READERS,
        busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS,
      };

  return Object.freeze({
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    isTest: env.NODE_ENV === 'test',
    port: env.PORT,
    host: env.HOST,
    baseUrl: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    allowedHosts: env.ALLOWED_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    db,
    uploadsDir: resolve(env.UPLOADS_DIR),
    outboxDir: resolve(env.OUTBOX_DIR),
    backupDir: resolve(env.BACKUP_DIR),
    seedOnStart: env.SEED_ON_START,
    // Development and tests get a fixed, obviously non-secret value; production must set one.
    sessionSecret: env.SESSION_SECRET ?? 'golmok-development-session-secret',
    totpKeys,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionTouchPercent: env.SESSION_TOUCH_PERCENT,
    sessionAbsoluteDays: env.SESSION_ABSOLUTE_DAYS,
    trustProxy:
      env.TRUST_PROXY === 'false'
        ? false
        : env.TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(env.TRUST_PROXY)
            ? Number(env.TRUST_PROXY)
            : env.TRUST_PROXY,
    pageSize: env.PAGE_SIZE,
    listingCacheSize: env.LISTING_CACHE_SIZE,
    pageCache: {
      seconds: env.PAGE_CACHE_SECONDS,
      entries: env.PAGE_CACHE_ENTRIES,
      maxBytes: env.PAGE_CACHE_MB * 1024 * 1024,
      front: env.PAGE_FRONT,
      saveGateWaitMs: env.SAVE_GATE_WAIT_MS,
    },
    classifiedLifetimeDays: env.CLASSIFIED_LIFETIME_DAYS,
    upload: {
      maxFileBytes: env.UPLOAD_MAX_FILE_MB * 1024 * 1024,
      maxFiles: env.UPLOAD_MAX_FILES,
      maxTotalBytes: env.UPLOAD_MAX_TOTAL_MB * 1024 * 1024,
      maxPixels: env.UPLOAD_MAX_MEGAPIXELS * 1_000_000,
      keepOriginal: env.UPLOAD_KEEP_ORIGINAL,
    },
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED,
      syncMs: env.RATE_LIMIT_SYNC_MS,
      apiPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
      signupsPerHour: env.SIGNUP_LIMIT_PER_HOUR,
      submissionsPerHour: env.SUBMISSION_LIMIT_PER_HOUR,
      reportsPerHour: env.REPORT_LIMIT_PER_HOUR,
      claimsPerHour: env.CLAIM_LIMIT_PER_HOUR,
      reviewsPerHour: env.REVIEW_LIMIT_PER_HOUR,
    },
    pow: { enabled: env.POW_ENABLED, maxNumber: env.POW_MAX_NUMBER },
    trustedAfterApprovals: env.TRUSTED_AFTER_APPROVALS,
    newAccountBurst: env.NEW_ACCOUNT_BURST,
    passwordHashCost: env.PASSWORD_HASH_COST,
    stats: { flushSeconds: env.STATS_FLUSH_SECONDS },
    jobs: { enabled: env.JOBS_ENABLED, intervalMinutes: env.JOBS_INTERVAL_MINUTES },
    kakaoRestApiKey: env.KAKAO_REST_API_KEY,
    mapTileUrl: env.MAP_TILE_URL,
    mapTileOrigin: new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin,
    freshness: {
      remindAfterDays: env.REMIND_CONFIRM_AFTER_DAYS,
      staleAfterDays: env.STALE_AFTER_DAYS,
      classifiedRemindDaysBefore: env.CLASSIFIED_REMIND_DAYS_BEFORE,
      classifiedRenewableDays: env.CLASSIFIED_RENEWABLE_DAYS,
      linkDays: env.REMINDER_LINK_DAYS,
    },
    facts: { reportThreshold: env.FACT_REPORT_THRESHOLD, holidayReminderDaysBefore: env.HOLIDAY_REMINDER_DAYS_BEFORE },
    desk: {
      maxUploadBytes: env.DESK_CSV_MAX_MB * 1024 * 1024,
      maxRows: env.DESK_MAX_ROWS,
      undoHours: env.DESK_UNDO_HOURS,
      paste: { maxBytes: env.DESK_PASTE_MAX_KB * 1024, maxLines: env.DESK_PASTE_MAX_LINES, maxAds: env.DESK_PASTE_MAX_ADS },
    },
    bulk: { workers: env.BULK_WORKERS, timeoutMs: env.BULK_JOB_TIMEOUT_MS, maxQueue: env.BULK_QUEUE_MAX },
    eventLoopDelayWarnMs: env.EVENT_LOOP_DELAY_WARN_MS,
    metrics: {
      allow: env.METRICS_ALLOW.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      token: env.METRICS_TOKEN ?? null,
    },
    saved: { maxListings: env.SAVED_MAX_LISTINGS, writesPerHour: env.SAVED_WRITE_LIMIT_PER_HOUR },
    ads: {
      publicationDays: env.AD_PUBLICATION_DAYS,
      deadlineDaysBefore: env.AD_DEADLINE_DAYS_BEFORE,
      deadlineTime: env.AD_DEADLINE_TIME,
      bank: { name: env.AD_BANK_NAME, account: env.AD_BANK_ACCOUNT, holder: env.AD_BANK_HOLDER },
      paper: { name: env.AD_PAPER_NAME, businessNo: env.AD_PAPER_BUSINESS_NO, address: env.AD_PAPER_ADDRESS },
      columnWidthMm: env.AD_COLUMN_WIDTH_MM,
      fontPt: env.AD_FONT_PT,
      fontFile: env.AD_FONT_FILE,
      ordersPerHour: env.AD_ORDER_LIMIT_PER_HOUR,
      statementMaxBytes: env.AD_STATEMENT_MAX_MB * 1024 * 1024,
      print: adPrintConfig(env),
    },
  });
}
