import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listingIdByName, type TestApp } from '../../helpers/test-app.js';
import { findListingGraph } from '../../../src/components/listings/index.js';
import { DEMO_SYNTHETIC_COUNT } from '../../../src/demo/demo.js';
import { engines } from '../../helpers/test-db.js';

describe.each(engines())('demo seed on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, seed: true });
  });
  afterAll(async () => t.close());

  it('60플라워: mobile +821099840151, two offers at 60000 won, the 농협 account, published', async () => {
    const l = (await findListingGraph(t.db, await listingIdByName(t, '60플라워')))!;
    expect(l.status).toBe('published');
    expect(l.nameLatin).toBe('Flower');
    expect(l.phones.map((p) => [p.e164, p.display, p.type])).toEqual([['+821099840151', '010-9984-0151', 'mobile']]);
    expect(l.offers.map((o) => [o.name, o.priceKrw])).toEqual([['축하화환 3단', 60000], ['근조화환 3단', 60000]]);
    expect(l.paymentAccounts).toEqual([expect.objectContaining({ bank: '농협', holder: '박배성', number: '302-0316-649511' })]);
    expect(l.serviceArea).toBe('전국 배송');
    expect(l.categories[0].nameKo).toBe('꽃·화환 배달');
    expect(l.branches).toEqual([]);
  });

  it('HDKorea: two branches, each with its own road-name address and landline', async () => {
    const l = (await findListingGraph(t.db, await listingIdByName(t, 'HDKorea')))!;
    expect(l.legalName).toBe('㈜에이치디코리아');
    expect(l.brands).toEqual(['DJI']);
    expect(l.branches.map((b) => [b.name, b.sido, b.sigungu, b.roadName, b.buildingNo, b.phones.map((p) => p.e164)])).toEqual([
      ['임동점', '광주광역시', '북구', '금남로', '24', ['+82625222000']],
      ['금호월드점', '광주광역시', '서구', '군분2로', '54', ['+82623508397']],
    ]);
    expect(l.branches[0].phones[0]).toMatchObject({ display: '062-522-2000', type: 'landline' });
    expect(l.phones).toEqual([]);
  });

  it('about 200 synthetic listings across all five Gwangju districts', async () => {
    const n = await t.db('listings').count({ n: '*' }).first();
    expect(Number(n?.n)).toBe(DEMO_SYNTHETIC_COUNT + 2);
    const districts = await t.db('branches').distinct('sigungu').pluck('sigungu');
    expect(new Set(districts)).toEqual(new Set(['동구', '서구', '남구', '북구', '광산구']));
  });
});
