/** Runs a command-line tool's exported main in-process, capturing what it writes and its exit code. */
import type { CliEnv, CliIo, CliMain } from '../../src/cli/cli-kit.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, as a terminal would mostly show them */
  out: string;
}

export async function runMain(main: CliMain, argv: string[], env: CliEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(argv, { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, io);
  return { code, stdout, stderr, out: `${stdout}${stderr}` };
}
