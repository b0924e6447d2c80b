/**
 * The frame every command-line tool shares. Each tool exports `main(argv, env, io)`, which returns an exit code and
 * writes only to the given streams (so tests run it in-process), and ends with `runIfMain(import.meta.url, main)`,
 * which runs it with the real process arguments, environment and streams only when the file is executed directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../config/index.js';
import { assertReachable, createKnex, migrateLatest } from '../db/index.js';
import { createLogger } from '../core/logger.js';

export type CliEnv = Record<string, string | undefined>;

export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export type CliMain = (argv: string[], env: CliEnv, io: CliIo) => Promise<number>;

/** Exit codes: 0 done, 1 failed (bad config, unreachable database, refused input), 2 wrong usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function println(out: CliOutput, text: string): void {
  out.write(`${text}\n`);
}

export function errorLine(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Config from `env`, a reachable database (migrated when asked), then `work`; failures become one stderr line and exit 1. */
export async function withDatabase(
  env: CliEnv,
  io: CliIo,
  work: (ctx: { config: Readonly<Config>; db: Knex }) => Promise<number | void>,
  opts: { migrate?: boolean } = {},
): Promise<number> {
  let db: Knex | undefined;
  try {
    const config = loadConfig(env);
    // knex's own warnings go to the log (at LOG_LEVEL), so an unreachable database is reported in one line.
    db = createKnex(config.db, { logger: createLogger(config.logLevel) });
    await assertReachable(db);
    if (opts.migrate) await migrateLatest(db);
    return (await work({ config, db })) ?? EXIT_OK;
  } catch (err) {
    println(io.stderr, errorLine(err));
    return EXIT_FAILED;
  } finally {
    await db?.destroy();
  }
}

/** True when the module at `moduleUrl` is the script node was started with (not when it is imported). */
export function isMainModule(moduleUrl: string, argv1 = process.argv[1]): boolean {
  if (!argv1) return false;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(fileURLToPath(moduleUrl)) === real(argv1);
}

/** Runs `main` with the process's arguments, environment and streams when the module was executed directly. */
export function runIfMain(moduleUrl: string, main: CliMain): void {
  if (!isMainModule(moduleUrl)) return;
  main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(errorLine(err));
      process.exitCode = EXIT_FAILED;
    },
  );
}

/**
 * Runs `main` when the calling file is the process's entry point, not when a test imports it; `main` resolves to the
 * exit code, and a thrown error is printed as one line with exit code 1.
 */
export function runIfEntry(moduleUrl: string, main: () => Promise<number>): void {
  const entry = process.argv[1] ? fs.realpathSync(path.resolve(process.argv[1])) : '';
  if (entry !== fs.realpathSync(fileURLToPath(moduleUrl))) return;
  main().then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
