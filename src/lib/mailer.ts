/**
 * Outgoing mail. With SMTP_URL: nodemailer over SMTP. Without: every message is written as an .eml file to
 * OUTBOX_DIR and logged, so sign-up, reset and moderation mail work on a fresh clone and in tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage { to: string; subject: string; text: string }
export interface Mailer { send(message: MailMessage): Promise<void> }

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string; logger: Logger; now?: () => Date }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(m) {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text });
        opts.logger.info({ to: m.to, subject: m.subject }, 'mail sent');
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let sequence = 0;
  return {
    async send(m) {
      const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, date: opts.now?.() ?? new Date() });
      fs.mkdirSync(opts.outboxDir, { recursive: true });
      // Real time plus a per-process sequence: file names sort in sending order.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      sequence += 1;
      const file = path.join(opts.outboxDir, `${stamp}-${String(sequence).padStart(6, '0')}-${crypto.randomBytes(4).toString('hex')}.eml`);
      fs.writeFileSync(file, info.message as Buffer);
      opts.logger.info({ to: m.to, subject: m.subject, file }, 'mail written to the outbox');
    },
  };
}
