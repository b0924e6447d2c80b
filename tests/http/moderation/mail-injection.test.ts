/**
 * X1 (mails) and header injection: listing names, moderators' notes, reporters' notes and display names with CR/LF,
 * header lines and markup travel through the real flows into mail; each .eml written has exactly the usual headers,
 * one recipient, a one-line subject and a single text/plain part in which the markup is inert text.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { submitListing } from '../../helpers/drafts.js';
import { readEmls, type ParsedEml } from '../../helpers/eml.js';

const USUAL_HEADERS = ['content-transfer-encoding', 'content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to'];
const HOSTILE = '꽃집\r\nBcc: evil@example.com\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>';

function expectSafe(mail: ParsedEml, to: string): void {
  expect([...mail.headerNames].sort()).toEqual(USUAL_HEADERS);
  expect(mail.header('to')).toEqual([to]);
  expect(mail.contentType).toBe('text/plain; charset=utf-8');
  const head = mail.raw.slice(0, mail.raw.indexOf('\n\n'));
  expect(head).not.toMatch(/^(bcc|cc|content-type: text\/html)/im);
  expect(mail.subject).not.toMatch(/[\r\n]/);
}

describe.each(engines())('mail built from hostile user text on %s', (engine) => {
  let t: TestApp;
  let owner: { id: number; email: string };
  beforeAll(async () => {
    t = await createTestApp({ engine });
    owner = await createUser(t, { email: 'owner@example.kr' });
  });
  afterAll(async () => t.close());
  const mailsTo = (to: string) => readEmls(t.config.outboxDir).filter((m) => m.header('to').includes(to));

  it('a hostile listing name and a hostile rejection note reach the owner as plain text in one well-formed mail', async () => {
    const owner = await createUser(t, { email: 'rejected-owner@example.kr' });
    const id = await submitListing(t, owner.id, { name: HOSTILE });
    expect((await t.db('listings').where({ id }).first('name')).name).toContain('\nBcc:');
    const mod = await staffAgent(t, await createStaff(t));
    const token = csrfFrom((await mod.get(`/mod/listings/${id}`).expect(200)).text);
    await mod
      .post(`/mod/listings/${id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'reject', reason: 'other', note: 'note\r\nBcc: evil2@example.com\r\n<img src=x onerror=alert(1)>' })
      .expect(303);
    const [mail] = mailsTo(owner.email);
    expectSafe(mail, owner.email);
    expect(mail.subject).toContain('꽃집 Bcc: evil@example.com');
    // The name is one line in the body too; markup stays as typed (text/plain).
    expect(mail.body).toContain('꽃집 Bcc: evil@example.com Content-Type: text/html <script>alert(1)</script>');
    expect(mail.body).toContain('<img src=x onerror=alert(1)>');
  });

  it('a report of a hostile-named listing mails its owner one well-formed mail; the reporter\'s note is not in it', async () => {
    const id = await submitListing(t, owner.id, { name: `${HOSTILE} 2` });
    await t.db('listings').where({ id }).update({ status: 'published', published_at: t.clock.now() });
    const before = mailsTo(owner.email).length;
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/listings/${id}/report`).expect(200);
    await visitor
      .post(`/listings/${id}/report`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: 'closed', note: 'x\r\nBcc: evil3@example.com\r\n<b>reporter</b>' })
      .expect(200);
    const mails = mailsTo(owner.email);
    expect(mails).toHaveLength(before + 1);
    expectSafe(mails[mails.length - 1], owner.email);
    expect(mails[mails.length - 1].raw).not.toContain('evil3@example.com');
  });

  it('sign-up with a hostile display name writes one well-formed confirmation mail', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/signup').expect(200);
    await agent
      .post('/signup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'new@example.kr', password: 'a long enough password', displayName: HOSTILE })
      .expect(303);
    const [mail] = mailsTo('new@example.kr');
    expectSafe(mail, 'new@example.kr');
    expect(mail.raw).not.toContain('evil@example.com');
  });

  it('a forged Host header does not reach the links in mail (no reset-link poisoning)', async () => {
    const victim = await createUser(t, { email: 'victim@example.kr' });
    const agent = request.agent(t.app);
    const page = await agent.get('/password-reset').expect(200);
    await agent
      .post('/password-reset')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: victim.email })
      .expect(200);
    const [mail] = mailsTo(victim.email);
    expectSafe(mail, victim.email);
    expect(mail.body).toMatch(/http:\/\/localhost:\d+\/password-reset\/[A-Za-z0-9_-]{43}/);
    expect(mail.raw).not.toContain('evil.example');
  });

  it('no mail anywhere in the outbox has a header beyond the usual ones', async () => {
    // Mail of its own (whatever else the outbox holds): a confirmation with a hostile name and a password reset.
    const agent = request.agent(t.app);
    const page = await agent.get('/signup').expect(200);
    await agent
      .post('/signup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'summary@example.kr', password: 'a long enough password', displayName: HOSTILE })
      .expect(303);
    const reset = await agent.get('/password-reset').expect(200);
    await agent.post('/password-reset').type('form').send({ _csrf: csrfFrom(reset.text), email: owner.email }).expect(200);
    const all = readEmls(t.config.outboxDir);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const mail of all) expect([...mail.headerNames].sort()).toEqual(USUAL_HEADERS);
  });
});
