/** "이 업체의 사장님이신가요?": claim with business number + document, one open claim, rate limit, moderator approve/reject, audit, mail, privacy. */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { createUser, csrfFrom, loginAgent, readOutbox } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';
import { smallPng } from '../../helpers/images.js';
import { draftOf } from '../../helpers/drafts.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const VALID_REG_NO = '123-45-67891';

describe.each(engines())('listing claims on %s', (engine) => {
  let t: TestApp;
  let listingId: number;
  let deskId: number;
  let owner: { id: number; email: string };
  let ownerAgent: Awaited<ReturnType<typeof loginAgent>>;
  let mod: Awaited<ReturnType<typeof staffAgent>>;
  // A fresh app per test: the later steps file the claim they need first.
  beforeEach(async () => {
    t = await createTestApp({ engine, env: { CLAIM_LIMIT_PER_HOUR: '6' } });
    deskId = (await createUser(t, { email: 'desk@example.kr', role: 'desk' })).id;
    listingId = await t.services.listings.createListing({
      ...(await draftOf(t, { name: '신문 꽃집' })),
      status: 'published',
      ownerId: deskId,
      origin: 'print_ad',
      publishedAt: t.clock.now(),
    });
    owner = await createUser(t, { email: 'boss@example.kr' });
    ownerAgent = await loginAgent(t, owner.email);
    mod = await staffAgent(t, await createStaff(t, 'moderator', 'mod@example.kr'));
  });
  afterEach(async () => t.close());

  async function claim(agent: typeof ownerAgent, fields: { businessRegNo: string }, file?: [Buffer, string]) {
    const page = await agent.get(`/listings/${listingId}/claim`);
    const req = agent
      .post(`/listings/${listingId}/claim?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .field('businessRegNo', fields.businessRegNo);
    return file ? req.attach('document', file[0], { filename: file[1] }) : req;
  }
  const claimsCount = async () => Number((await t.db('listing_claims').count({ n: '*' }).first())?.n);

  it('the public page offers the claim link; visitors are sent to login', async () => {
    const page = await request(t.app)
      .get(`/listings/${listingId}-${(await t.db('listings').where({ id: listingId }).first()).slug}`)
      .expect(200);
    expect(page.text).toContain('이 업체의 사장님이신가요?');
    expect((await request(t.app).get(`/listings/${listingId}/claim`)).headers.location).toBe(
      `/login?next=%2Flistings%2F${listingId}%2Fclaim`,
    );
  });

  it('a wrong checksum, a missing document, or a file that is neither image nor PDF → 422 with the number kept; nothing stored', async () => {
    const bad = await claim(ownerAgent, { businessRegNo: '123-45-67890' }, [PDF, 'a.pdf']);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="123-45-67890"');
    expect((await claim(ownerAgent, { businessRegNo: VALID_REG_NO })).status).toBe(422);
    const html = await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [Buffer.from('<html><script>alert(1)</script></html>'), 'x.pdf']);
    expect(html.status).toBe(422);
    expect(html.text).toContain('PDF만 받을 수 있습니다');
    expect(await claimsCount()).toBe(0);
  });

  it('a valid claim with a PDF is stored privately; a second open claim by the same account → 409; the public listing is unchanged', async () => {
    const res = await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [PDF, 'cert.pdf']);
    expect(res.status).toBe(303);
    const row = await t.db('listing_claims').first();
    expect(row).toMatchObject({ status: 'open', business_reg_no: '1234567891', document_type: 'application/pdf' });
    expect(fs.existsSync(path.join(t.config.uploadsDir, 'private-claims', row.document_key))).toBe(true);
    await request(t.app).get(`/uploads/${row.document_key}`).expect(404);
    expect((await ownerAgent.get(`/listings/${listingId}/claim`)).text).toContain('검토를 기다리고 있습니다');
    const again = await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [PDF, 'cert.pdf']);
    expect(again.status).toBe(409);
    expect(await claimsCount()).toBe(1);
    expect(Number((await t.db('listings').where({ id: listingId }).first()).owner_id)).toBe(deskId);
  });

  it('the document is for moderators only, served as an attachment with nosniff', async () => {
    expect((await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [PDF, 'cert.pdf'])).status).toBe(303);
    const row = await t.db('listing_claims').first();
    expect((await ownerAgent.get(`/mod/claims/${row.id}/document`)).status).toBe(403);
    const doc = await mod.get(`/mod/claims/${row.id}/document`).expect(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    expect(doc.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('reject needs a reason; rejecting mails the claimant and audits; approving a second claim moves ownership, audits and mails', async () => {
    expect((await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [PDF, 'cert.pdf'])).status).toBe(303);
    const first = await t.db('listing_claims').first();
    const queue = await mod.get('/mod/claims').expect(200);
    expect(queue.text).toContain('신문 꽃집');
    expect(queue.text).toContain('boss@example.kr');
    const token = csrfFrom(queue.text);
    expect((await mod.post(`/mod/claims/${first.id}/decide`).type('form').send({ _csrf: token, action: 'reject' })).status).toBe(422);
    await mod
      .post(`/mod/claims/${first.id}/decide`)
      .type('form')
      .send({ _csrf: token, action: 'reject', reason: '서류가 흐립니다' })
      .expect(303);
    expect((await t.db('listing_claims').where({ id: first.id }).first()).status).toBe('rejected');
    expect(await t.db('audit_log').where({ action: 'claim_reject', subject_id: first.id }).first()).toBeTruthy();
    const mails = readOutbox(t).filter((m) => m.to.includes('boss@example.kr'));
    expect(mails.at(-1)!.text).toContain('서류가 흐립니다');

    const png = await smallPng();
    expect((await claim(ownerAgent, { businessRegNo: VALID_REG_NO }, [png, 'cert.png'])).status).toBe(303);
    const second = await t.db('listing_claims').where({ status: 'open' }).first();
    expect(second.document_type).toBe('image/webp');
    await mod.post(`/mod/claims/${second.id}/decide`).type('form').send({ _csrf: token, action: 'approve' }).expect(303);
    expect(Number((await t.db('listings').where({ id: listingId }).first()).owner_id)).toBe(owner.id);
    const audit = await t.db('audit_log').where({ action: 'claim_approve', subject_type: 'listing', subject_id: listingId }).first();
    expect(JSON.parse(audit.before_json)).toEqual({ ownerId: deskId });
    expect(JSON.parse(audit.after_json)).toMatchObject({ ownerId: owner.id, claimId: second.id });
    expect(
      readOutbox(t)
        .filter((m) => m.to.includes('boss@example.kr'))
        .at(-1)!.text,
    ).toContain('승인');
    expect((await ownerAgent.get('/my/listings')).text).toContain('신문 꽃집');
    // a decided claim cannot be decided again
    expect(
      (await mod.post(`/mod/claims/${second.id}/decide`).type('form').send({ _csrf: token, action: 'reject', reason: 'x' })).status,
    ).toBe(409);
    // the new owner cannot claim their own listing
    expect((await ownerAgent.get(`/listings/${listingId}/claim`)).status).toBe(409);
  });

  it('a business number that differs from the listing\'s stored one → 422; claims are rate-limited per account', async () => {
    const other = await t.services.listings.createListing({
      ...(await draftOf(t, { name: '번호 있는 가게' })),
      status: 'published',
      ownerId: deskId,
      businessRegNo: '1234567891',
      publishedAt: t.clock.now(),
    });
    const u = await createUser(t, { email: 'other@example.kr' });
    const agent = await loginAgent(t, u.email);
    const page = await agent.get(`/listings/${other}/claim`).expect(200);
    const token = csrfFrom(page.text);
    const send = () =>
      agent
        .post(`/listings/${other}/claim?_csrf=${encodeURIComponent(token)}`)
        .field('businessRegNo', '220-81-62517')
        .attach('document', PDF, { filename: 'c.pdf' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await send()).status);
    expect(statuses.slice(0, 6)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(statuses[6]).toBe(429);
  });
});
