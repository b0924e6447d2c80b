/**
 * `npm run totp:reencrypt`: seals every TOTP secret under the first key of TOTP_ENCRYPTION_KEYS (after a rotation),
 * and any left in clear, in one transaction. Secrets that open with no configured key are reported and left as they
 * are (exit code 1); those users sign in with a recovery code and enrol again.
 */
import { EXIT_FAILED, println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

export async function main(_argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  return withDatabase(env, io, async ({ config, db }) => {
    const { resealTotpSecrets } = await import('../components/accounts/index.js');
    const r = await resealTotpSecrets(db, config.totpKeys, { plaintextOnly: false });
    println(
      io.stdout,
      `TOTP secrets under key "${config.totpKeys.primaryId}": ${r.reencrypted} re-encrypted, ${r.encrypted} encrypted from plain text, ${r.current} already current.`,
    );
    if (r.failed.length) {
      println(
        io.stderr,
        `${r.failed.length} secret(s) open with none of the configured keys (user ids ${r.failed.join(', ')}); left unchanged.`,
      );
      return EXIT_FAILED;
    }
  }, { migrate: true });
}

runIfMain(import.meta.url, main);
