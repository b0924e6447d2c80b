/**
 * `npm run user:create -- --email a@b.kr --role admin`: creates a confirmed account (the first admin comes from here;
 * no default account exists). The password is asked for on a terminal, or read from GOLMOK_USER_PASSWORD (CI).
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { createLogger } from '../web/logger.js';
import { createApp } from '../app.js';
import { ValidationError } from '../web/errors.js';
import { translate } from '../web/i18n.js';
import { runCli } from './cli-kit.js';

const ROLES = ['advertiser', 'desk', 'moderator', 'admin'] as const;
const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string', default: 'advertiser' } } });

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    out._writeToOutput = (s: string) => out.output.write(s.startsWith(question) ? s : '');
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

if (!values.email || !ROLES.includes(values.role as (typeof ROLES)[number])) {
  console.error(`Usage: npm run user:create -- --email a@b.kr --role ${ROLES.join('|')}`);
  process.exit(2);
}

runCli(async ({ config, db }) => {
  const password = process.env.GOLMOK_USER_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Password: ') : '');
  if (!password) throw new Error('No password: type it at the prompt, or set GOLMOK_USER_PASSWORD.');
  const { services } = createApp({ config, db, logger: createLogger('silent') });
  try {
    const id = await services.accounts.createUser({ email: values.email!, password, role: values.role as (typeof ROLES)[number] });
    console.log(`Created ${values.role} ${values.email} (id ${id}).`);
  } catch (err) {
    if (err instanceof ValidationError) throw new Error(Object.values(err.fieldErrors).map((k) => translate('en', k)).join(' '));
    throw err;
  }
}, { migrate: true });
