/** Users, logged-in agents, CSRF tokens and the mail outbox, for HTTP tests of any component. */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { TestApp } from './test-app.js';
import type { Role } from '../../src/core/viewer.js';

export const PASSWORD = 'correct horse battery staple';

export async function createUser(
  t: TestApp,
  opts: { email?: string; role?: Role; password?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  const email = opts.email ?? `user${Math.random().toString(36).slice(2, 10)}@example.kr`;
  const password = opts.password ?? PASSWORD;
  const id = await t.services.accounts.createUser({ email, password, role: opts.role ?? 'advertiser' });
  return { id, email, password };
}

/** The CSRF token of the first form in a page. */
export function csrfFrom(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1];
}

/** A supertest agent (keeps cookies) that is logged in as the user. */
export async function loginAgent(t: TestApp, email: string, password = PASSWORD) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login').expect(200);
  const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email, password });
  if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
  return agent;
}

/** A CSRF token valid for this agent right now (from any page with a form). */
export async function tokenFor(agent: ReturnType<typeof request.agent>, pagePath = '/account/password'): Promise<string> {
  return csrfFrom((await agent.get(pagePath)).text);
}

/** Quoted-printable → UTF-8 text (escapes are bytes, so a Hangul syllable spans three of them). */
function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\n/g, '');
  for (let i = 0; i < s.length; i += 1) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface OutboxMail { to: string; subject: string; text: string; file: string }

/** Every .eml in the test's outbox, oldest first, with the text body decoded. */
export function readOutbox(t: TestApp): OutboxMail[] {
  const dir = t.config.outboxDir;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().map((name) => {
    const raw = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
    const [head, ...body] = raw.split('\n\n');
    const header = (k: string) => head.match(new RegExp(`^${k}: (.*)$`, 'mi'))?.[1] ?? '';
    const decodeWord = (v: string) =>
      v
        .replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'))
        .replace(/\s+/g, ' ')
        .trim();
    const encoding = header('Content-Transfer-Encoding').toLowerCase();
    const bodyText = body.join('\n\n');
    const text = encoding === 'base64' ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable' ? decodeQuotedPrintable(bodyText) : bodyText;
    const subjectLines = head.match(/^Subject: (.*(?:\n[ \t].*)*)/mi)?.[1] ?? '';
    return { to: header('To'), subject: decodeWord(subjectLines), text, file: name };
  });
}

/** The first URL in the newest mail to an address. */
export function linkFromMail(t: TestApp, to: string): string {
  const mail = readOutbox(t).filter((m) => m.to.includes(to)).pop();
  const url = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`no link in mail to ${to}`);
  return new URL(url).pathname;
}
