/**
 * Closures, holiday hours and the holiday rule with a fixed clock: the open line, "지금 영업 중", the notice a week
 * ahead, JSON-LD; across midnight and across a year's end; 설날 of two years from the gazette's list.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { agentsFor, createUserRow, tokenFrom, type TestUser } from '../../helpers/as-user.js';
import { publicHolidays } from '../../../src/lib/korean-holidays.js';
import { createShop, everyDay, seoul } from './facts-helpers.js';

describe.each(engines())('closures and holiday hours (%s)', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let as: ReturnType<typeof agentsFor>;
  let night: number;
  let cafe: number;
  const page = async (id: number) => (await request(t.app).get(`/listings/${id}`).redirects(1).expect(200)).text;
  const openNow = async (q: string) => (await request(t.app).get(`/search?q=${encodeURIComponent(q)}&open=now`).expect(200)).text;
  async function add(id: number, body: Record<string, string>) {
    const agent = await as(owner);
    const form = await agent.get(`/my/listings/${id}/facts`).expect(200);
    return agent.post(`/my/listings/${id}/facts/special-days`).type('form').send({ _csrf: tokenFrom(form.text), ...body });
  }

  beforeAll(async () => {
    t = await createTestApp({ engine, now: seoul('2026-12-20 12:00') });
    owner = await createUserRow(t, 'facts-owner@example.kr');
    as = agentsFor(t);
    night = await createShop(t, '심야포차달빛', everyDay('18:00', '02:00'), owner.id);
    cafe = await createShop(t, '연말카페온기', everyDay('10:00', '20:00'), owner.id);
  });
  afterAll(async () => t.close());

  it('a closure on 12/24 of a shop open 18:00–02:00: the night before spills past midnight, the closed day does not', async () => {
    const res = await add(night, { kind: 'closed', startsOn: '2026-12-24', endsOn: '2026-12-24', reason: 'vacation' });
    expect(res.status).toBe(303);
    t.clock.set(seoul('2026-12-24 01:00'));
    expect(await page(night)).toContain('영업 중');
    expect(await openNow('심야포차달빛')).toContain('심야포차달빛');
    t.clock.set(seoul('2026-12-24 19:00'));
    const closed = await page(night);
    expect(closed).toContain('오늘 휴무');
    expect(closed).toContain('12/24 휴무 · 휴가');
    expect(await openNow('심야포차달빛')).not.toContain('href="/listings/' + night);
    // 01:00 on 12/25 belongs to 12/24's evening: closed too.
    t.clock.set(seoul('2026-12-25 01:00'));
    expect(await openNow('심야포차달빛')).not.toContain('href="/listings/' + night);
    t.clock.set(seoul('2026-12-25 19:00'));
    expect(await page(night)).toContain('영업 중');
  });

  it('a closure across the year\'s end (12/30–1/2): shown a week ahead and during, JSON-LD, open again on 1/3', async () => {
    t.clock.set(seoul('2026-12-20 12:00'));
    expect((await add(cafe, { kind: 'closed', startsOn: '2026-12-30', endsOn: '2027-01-02', reason: 'renovation' })).status).toBe(303);
    expect(await page(cafe)).not.toContain('12/30–1/2 휴무');
    t.clock.set(seoul('2026-12-23 12:00'));
    const ahead = await page(cafe);
    expect(ahead).toContain('12/30–1/2 휴무 · 내부 수리');
    expect(ahead).toContain(
      '"specialOpeningHoursSpecification":[{"@type":"OpeningHoursSpecification","validFrom":"2026-12-30","validThrough":"2027-01-02","opens":"00:00","closes":"00:00"}]',
    );
    t.clock.set(seoul('2027-01-01 12:00'));
    const during = await page(cafe);
    expect(during).toContain('오늘 휴무');
    expect(during).toContain('12/30–1/2 휴무 · 내부 수리');
    expect(await openNow('연말카페온기')).not.toContain(`href="/listings/${cafe}`);
    t.clock.set(seoul('2027-01-03 12:00'));
    const after = await page(cafe);
    expect(after).toContain('영업 중');
    expect(after).not.toContain('12/30–1/2');
    expect(await openNow('연말카페온기')).toContain('연말카페온기');
  });

  it('holiday hours: 10:00–15:00 on a day, the open line follows them', async () => {
    t.clock.set(seoul('2027-01-03 12:00'));
    expect(
      (await add(cafe, { kind: 'hours', startsOn: '2027-01-05', endsOn: '2027-01-05', opensAt: '10:00', closesAt: '15:00' })).status,
    ).toBe(303);
    t.clock.set(seoul('2027-01-05 14:00'));
    const text = await page(cafe);
    expect(text).toContain('1/5 10:00–15:00 영업');
    expect(text).toMatch(/15:00/);
    t.clock.set(seoul('2027-01-05 16:00'));
    expect(await openNow('연말카페온기')).not.toContain(`href="/listings/${cafe}`);
  });

  it('"명절 당일만 휴무" once: closed on 설날 2026 (2/17) and 설날 2027 (2/7) from the gazette\'s list, open the day before', async () => {
    expect(publicHolidays(2026).find((h) => h.name === '설날')?.date).toBe('2026-02-17');
    expect(publicHolidays(2027).find((h) => h.name === '설날')?.date).toBe('2027-02-07');
    t.clock.set(seoul('2026-01-20 12:00'));
    const agent = await as(owner);
    const form = await agent.get(`/my/listings/${cafe}/facts`).expect(200);
    expect(
      (
        await agent
          .post(`/my/listings/${cafe}/facts/holiday-rule`)
          .type('form')
          .send({ _csrf: tokenFrom(form.text), rule: 'lunar_days' })
      ).status,
    ).toBe(303);
    for (const [day, closed] of [
      ['2026-02-16', false],
      ['2026-02-17', true],
      ['2027-02-06', false],
      ['2027-02-07', true],
      ['2027-02-09', false],
    ] as const) {
      t.clock.set(seoul(`${day} 12:00`));
      const text = await page(cafe);
      expect(text.includes('오늘 휴무'), day).toBe(closed);
    }
    t.clock.set(seoul('2027-02-03 12:00'));
    expect(await page(cafe)).toContain('2/7 휴무 · 설날');
  });

  it('bad dates → 422 in Korean with the form refilled; nothing stored; another user → 404', async () => {
    t.clock.set(seoul('2027-03-01 12:00'));
    as = agentsFor(t); // the sessions of January have run out
    const before = await t.db('listing_special_days').count({ n: '*' }).first();
    const res = await add(cafe, { kind: 'closed', startsOn: '2027-03-10', endsOn: '2027-03-05', reason: 'vacation', note: '<b>가족 행사</b>' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('날짜를 확인해 주세요');
    expect(res.text).toContain('&lt;b&gt;가족 행사&lt;/b&gt;');
    const other = await createUserRow(t, 'stranger@example.kr');
    const agent = await as(other);
    expect((await agent.get(`/my/listings/${cafe}/facts`)).status).toBe(404);
    expect(await t.db('listing_special_days').count({ n: '*' }).first()).toEqual(before);
  });
});
