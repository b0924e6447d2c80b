/**
 * `npm run user:create -- --email a@b.kr --role admin`: creates a confirmed account (the first admin comes from here;
 * no default account exists). The password is asked for on a terminal, or read from GOLMOK_USER_PASSWORD (CI).
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import type { Role } from '../core/viewer.js';
import { EXIT_USAGE, println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

const ROLES: readonly Role[] = ['advertiser', 'desk', 'moderator', 'admin'];
const USAGE = `Usage: npm run user:create -- --email a@b.kr --role ${ROLES.join('|')}`;

function askHidden(question: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input, output, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    out._writeToOutput = (s: string) => out.output.write(s.startsWith(question) ? s : '');
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}

export async function main(argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  let email: string | undefined;
  let role: string;
  try {
    const { values } = parseArgs({ args: argv, options: { email: { type: 'string' }, role: { type: 'string', default: 'advertiser' } } });
    ({ email, role } = values);
  } catch {
    role = '';
  }
  if (!email || !ROLES.includes(role as Role)) {
    println(io.stderr, USAGE);
    return EXIT_USAGE;
  }

  return withDatabase(env, io, async ({ config, db }) => {
    const onTerminal = Boolean(io.stdin?.isTTY);
    const password =
      env.GOLMOK_USER_PASSWORD ?? (onTerminal ? await askHidden('Password: ', io.stdin!, io.stdout as NodeJS.WritableStream) : '');
    if (!password) throw new Error('No password: type it at the prompt, or set GOLMOK_USER_PASSWORD.');
    // Loaded only once the arguments are good: a usage error answers without loading the services.
    const [{ createServices }, { ValidationError }, { translate }] = await Promise.all([
      import('../services.js'), import('../core/errors.js'), import('../core/i18n.js'),
    ]);
    const { accounts, close } = createServices(config, db);
    try {
      const id = await accounts.createUser({ email, password, role: role as Role });
      println(io.stdout, `Created ${role} ${email} (id ${id}).`);
    } catch (err) {
      if (err instanceof ValidationError) throw new Error(Object.values(err.fieldErrors).map((k) => translate('en', k)).join(' '));
      throw err;
    } finally {
      await close();
    }
  }, { migrate: true });
}

runIfMain(import.meta.url, main);
