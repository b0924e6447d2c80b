/**
 * `npm run totp:reencrypt`: seals every TOTP secret under the first key of TOTP_ENCRYPTION_KEYS (after a rotation),
 * and any left in clear, in one transaction. Secrets that open with no configured key are reported and left as they
 * are (exit code 1); those users sign in with a recovery code and enrol again.
 */
import { resealTotpSecrets } from '../components/accounts/index.js';
import { runCli } from './cli-kit.js';

runCli(async ({ config, db }) => {
  const r = await resealTotpSecrets(db, config.totpKeys, { plaintextOnly: false });
  console.log(`TOTP secrets under key "${config.totpKeys.primaryId}": ${r.reencrypted} re-encrypted, ${r.encrypted} encrypted from plain text, ${r.current} already current.`);
  if (r.failed.length) {
    console.error(`${r.failed.length} secret(s) open with none of the configured keys (user ids ${r.failed.join(', ')}); left unchanged.`);
    process.exitCode = 1;
  }
}, { migrate: true });
