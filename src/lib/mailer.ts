/**
 * Outgoing mail. With SMTP_URL: nodemailer over SMTP. Without: every message is written as an .eml file to
 * OUTBOX_DIR and logged, so sign-up, reset and moderation mail work on a fresh clone and in tests.
 *
 * Mail carries user-written text (listing names, notes), so every message goes through composeMail first: one bare
 * recipient address or nothing is sent (no display names, lists, or CR/LF that would add a recipient or a header),
 * the subject is one line, the body is plain text only (no HTML part, so markup in it stays inert text), and
 * nodemailer may not read files or URLs on our behalf.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Transporter } from 'nodemailer';

/** nodemailer loads with the first message, not at start. */
const transporter = (options: string | Record<string, unknown>): () => Promise<Transporter> => {
  let made: Promise<Transporter> | null = null;
  return () => (made ??= import('nodemailer').then((m) => m.default.createTransport(options as string) as Transporter));
};
import type { Logger } from 'pino';

export interface MailMessage { to: string; subject: string; text: string }
export interface Mailer { send(message: MailMessage): Promise<void> }

export class MailAddressError extends Error {
  override name = 'MailAddressError';
}

const SUBJECT_MAX = 200;
// One local@domain: no whitespace or control characters, no display name, comment, group, list or quoting.
const BARE_ADDRESS = /^[^\s\p{Cc}\p{Cf}@<>()[\]\\,;:"]{1,64}@[^\s\p{Cc}\p{Cf}@<>()[\]\\,;:"]{1,253}$/u;

/** A bare address or a MailAddressError: a stored or typed address can never add a recipient or a header. */
export function checkRecipient(to: string): string {
  if (typeof to !== 'string' || !BARE_ADDRESS.test(to) || !to.split('@')[1].includes('.'))
    throw new MailAddressError('not a single bare e-mail address');
  return to;
}

/**
 * A subject on one line: line breaks and other control or format characters become spaces, and `=?` is broken up so
 * typed text cannot pose as an RFC 2047 encoded word (which a mail client would decode); cut to 200 characters.
 */
export function oneLine(text: string): string {
  const flat = String(text).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').replace(/=\?/g, '= ?').replace(/ {2,}/g, ' ').trim();
  const chars = [...flat];
  return chars.length > SUBJECT_MAX ? `${chars.slice(0, SUBJECT_MAX - 1).join('')}…` : flat;
}

/** Plain-text body: line ends normalised, control characters other than newline and tab removed. */
export function plainBody(text: string): string {
  return String(text).replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '');
}

/** The nodemailer options for a message: text/plain only, checked recipient, one-line subject, no file or URL access. */
export function composeMail(from: string, m: MailMessage) {
  return {
    from, to: checkRecipient(m.to), subject: oneLine(m.subject), text: plainBody(m.text),
    disableFileAccess: true, disableUrlAccess: true,
  };
}

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string; logger: Logger; now?: () => Date }): Mailer {
  if (opts.smtpUrl) {
    const transport = transporter(opts.smtpUrl);
    return {
      async send(m) {
        const mail = composeMail(opts.from, m);
        await (await transport()).sendMail(mail);
        opts.logger.info({ to: mail.to, subject: mail.subject }, 'mail sent');
      },
    };
  }
  const transport = transporter({ streamTransport: true, buffer: true, newline: 'unix' });
  let sequence = 0;
  return {
    async send(m) {
      const mail = composeMail(opts.from, m);
      const info = await (await transport()).sendMail({ ...mail, date: opts.now?.() ?? new Date() });
      fs.mkdirSync(opts.outboxDir, { recursive: true });
      // Real time plus a per-process sequence: file names sort in sending order.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      sequence += 1;
      const file = path.join(opts.outboxDir, `${stamp}-${String(sequence).padStart(6, '0')}-${crypto.randomBytes(4).toString('hex')}.eml`);
      fs.writeFileSync(file, info.message as Buffer);
      opts.logger.info({ to: mail.to, subject: mail.subject, file }, 'mail written to the outbox');
    },
  };
}
