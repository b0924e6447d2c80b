/**
 * The 명절 reminder with a fixed clock: three weeks before 설날 2027 (2/7, from the gazette's list), owners of listings
 * with hours get one mail, however many instances run the job; its one-click link sets the 명절 hours without a login.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom, readOutbox } from '../../helpers/auth.js';
import { createUserRow } from '../../helpers/as-user.js';
import { createJobRunner } from '../../../src/components/jobs/index.js';
import { createShop, everyDay, seoul } from './facts-helpers.js';

describe.each(engines())('명절 reminders (%s)', (engine) => {
  let t: TestApp;
  let shop: number;
  const holidayMails = () => readOutbox(t).filter((m) => m.to === 'seol-owner@example.kr');
  /** A second instance of the app's job list: its own runner (lease holder) over the same database. */
  const runner = (holder: string) =>
    createJobRunner({
      db: t.db,
      clock: t.clock,
      holder,
      jobs: [{ name: 'holiday-reminders', run: t.services.holidays.sendHolidayReminders }],
    });

  beforeAll(async () => {
    t = await createTestApp({ engine, now: seoul('2027-01-10 09:00') });
    const owner = await createUserRow(t, 'seol-owner@example.kr');
    shop = await createShop(t, '설날떡집', everyDay('08:00', '18:00'), owner.id);
    const noHours = await createShop(t, '시간모름상회', [], owner.id);
    expect(noHours).toBeGreaterThan(0);
  });
  afterAll(async () => t.close());

  it('nothing more than 21 days ahead; at 21 days two instances running the job at once send one mail, and a second run none', async () => {
    await Promise.all([runner('a').runOnce(), runner('b').runOnce()]);
    expect(holidayMails()).toHaveLength(0);
    t.clock.set(seoul('2027-01-17 09:00'));
    await Promise.all([runner('a').runOnce(), runner('b').runOnce(), t.services.jobs.runOnce()]);
    await runner('b').runOnce();
    await runner('c').runOnce();
    const mails = holidayMails();
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('"설날떡집"의 설날 영업시간');
    expect(mails[0].text).toContain('2/6–2/9');
    expect(await t.db('listing_reminders').where({ kind: 'holiday' })).toHaveLength(1);
  });

  it('the link opens the 설날 days without a login; closed on 2/7 and 10–15 on 2/8 show on the listing and its open line', async () => {
    const link = new URL(holidayMails()[0].text.match(/https?:\/\/\S+\/holiday-hours\/\S+/)![0]).pathname;
    const agent = request.agent(t.app);
    const form = await agent.get(link).expect(200);
    expect(form.text).toContain('2027-02-07 · 설날');
    expect(form.text).toContain('2027-02-09 · 대체공휴일(설날)');
    const bad = await agent.post(link).type('form').send({ _csrf: csrfFrom(form.text), choice2: 'hours', opens2: '10' });
    expect(bad.status).toBe(422);
    expect(await t.db('listing_special_days').where({ listing_id: shop })).toHaveLength(0);
    const res = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), choice1: 'closed', choice2: 'hours', opens2: '10:00', closes2: '15:00' });
    expect(res.status).toBe(303);
    t.clock.set(seoul('2027-02-05 12:00'));
    const text = (await request(t.app).get(`/listings/${shop}`).redirects(1).expect(200)).text;
    expect(text).toContain('2/7 휴무 · 명절');
    expect(text).toContain('2/8 10:00–15:00 영업');
    t.clock.set(seoul('2027-02-07 12:00'));
    expect((await request(t.app).get(`/listings/${shop}`).redirects(1).expect(200)).text).toContain('오늘 휴무');
    const tampered = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
    expect((await request(t.app).get(tampered)).status).toBe(404);
  });
});
