/** Outgoing mail cannot be steered by user text: hostile subjects, bodies and addresses, read back from the written .eml. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeMail, createMailer, MailAddressError, oneLine } from '../../../src/lib/mailer.js';
import { createLogger } from '../../../src/core/logger.js';
import { readEmls } from '../../helpers/eml.js';

const FROM = 'Golmok <no-reply@golmok.local>';
const EXPECTED_HEADERS = ['from', 'to', 'subject', 'message-id', 'content-transfer-encoding', 'date', 'mime-version', 'content-type'];
let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function outboxMailer() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-mail-'));
  return createMailer({ from: FROM, outboxDir: dir, logger: createLogger('silent') });
}

const HOSTILE_SUBJECTS = [
  '꽃집\r\nBcc: evil@example.com',
  'plain\nX-Injected: 1\n\n<h1>body</h1>',
  '"name"\rContent-Type: text/html',
  '꽃집\u2028Bcc: evil@example.com\u0000\u0085',
  '=?UTF-8?B?DQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=',
];

describe('mail composition', () => {
  it.each(HOSTILE_SUBJECTS)('subject %j stays one header: no extra header, only the recipient, text/plain', async (subject) => {
    await outboxMailer().send({ to: 'owner@example.kr', subject, text: 'hi' });
    const [mail] = readEmls(dir);
    expect([...mail.headerNames].sort()).toEqual([...EXPECTED_HEADERS].sort());
    expect(mail.header('to')).toEqual(['owner@example.kr']);
    expect(mail.contentType).toBe('text/plain; charset=utf-8');
    expect(mail.subject).not.toMatch(/[\p{Cc}\u2028]/u);
    expect(mail.raw).not.toMatch(/^(bcc|x-injected|content-type: text\/html)/im);
  });

  it('a body with markup, CR/LF, a lone dot line and header-like lines stays inert text in the only (text/plain) part', async () => {
    const text = '<script>alert(1)</script>\r\n.\r\nBcc: evil@example.com\r\n\r\n<img src=x onerror=alert(1)>\u0007';
    await outboxMailer().send({ to: 'owner@example.kr', subject: '알림', text });
    const [mail] = readEmls(dir);
    expect([...mail.headerNames].sort()).toEqual([...EXPECTED_HEADERS].sort());
    expect(mail.contentType).toBe('text/plain; charset=utf-8');
    expect(mail.raw).not.toMatch(/multipart|text\/html/i);
    expect(mail.body).toContain('<script>alert(1)</script>\n.\nBcc: evil@example.com\n\n<img src=x onerror=alert(1)>');
    expect(mail.body).not.toContain('\u0007');
  });

  it.each([
    'owner@example.kr\r\nBcc: evil@example.com',
    'owner@example.kr\nevil@example.com',
    'owner@example.kr, evil@example.com',
    'owner@example.kr;evil@example.com',
    '"Owner" <owner@example.kr>',
    'evil@example.com (owner@example.kr)',
    'group: evil@example.com;',
    'owner@localhost',
    '',
  ])('recipient %j is refused before anything is written', async (to) => {
    const mailer = outboxMailer();
    await expect(mailer.send({ to, subject: 's', text: 't' })).rejects.toBeInstanceOf(MailAddressError);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });

  it('the SMTP path composes the same way: a hostile recipient is refused before any connection', async () => {
    // Port 9 on loopback: nothing listens; the refusal must come first, without a connection attempt.
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: FROM, outboxDir: os.tmpdir(), logger: createLogger('silent') });
    await expect(mailer.send({ to: 'a@example.kr\r\nBcc: evil@example.com', subject: 's', text: 't' })).rejects.toBeInstanceOf(
      MailAddressError,
    );
  });

  it('composeMail never carries html, attachments or file/URL access', () => {
    const mail = composeMail(FROM, { to: 'a@example.kr', subject: 'x\r\ny', text: 'z' }) as Record<string, unknown>;
    expect(Object.keys(mail).sort()).toEqual(['disableFileAccess', 'disableUrlAccess', 'from', 'subject', 'text', 'to']);
    expect(mail.disableFileAccess).toBe(true);
    expect(mail.disableUrlAccess).toBe(true);
    expect(mail.subject).toBe('x y');
  });

  it('a very long subject is cut to 200 characters', () => {
    expect([...oneLine('가'.repeat(1000))]).toHaveLength(200);
  });
});
