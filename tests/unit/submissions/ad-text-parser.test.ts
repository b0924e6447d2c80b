import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAdText, type ParsedAd } from '../../../src/components/submissions/index.js';

const fixture = JSON.parse(fs.readFileSync(new URL('../../../db/seeds/print-ads.json', import.meta.url), 'utf8')) as {
  ads: Array<{ printed_text: string; expected: Record<string, any> }>;
};
const CATEGORIES = [
  { id: 7, nameKo: '꽃·화환 배달', synonyms: '꽃 꽃집 꽃배달 화환 화분 난 축하화환 근조화환 flower wreath'.split(' ') },
  { id: 8, nameKo: '드론·카메라', synonyms: '드론 카메라 짐벌 촬영 drone camera gimbal dji'.split(' ') },
  { id: 9, nameKo: '자동차', synonyms: '자동차 차 car'.split(' ') },
];
const phonesOf = (list: Array<{ printed: string; e164: string; display: string; type: string }>) =>
  list.map((p) => ({ printed: p.printed, e164: p.e164, display: p.display, type: p.type }));

describe.each(fixture.ads.map((ad) => [ad.expected.name as string, ad] as const))('print ad %s → its expected block', (_name, ad) => {
  const e = ad.expected;
  const got: ParsedAd = parseAdText(ad.printed_text, CATEGORIES);
  it('kind', () => expect(got.kind).toBe(e.kind));
  it('name', () => expect(got.name).toBe(e.name));
  it('latin name', () => expect(got.nameLatin).toBe(e.name_latin ?? null));
  it('legal name', () => expect(got.legalName).toBe(e.legal_name ?? null));
  it('brands', () => expect(got.brands).toEqual(e.brands ?? []));
  it('categories', () => expect(got.categories.map((c) => c.name)).toEqual(e.categories));
  it('description', () => { if (e.description) expect(got.description).toBe(e.description); });
  it('offers', () => expect(got.offers.map((o) => ({ name: o.name, price_krw: o.priceKrw }))).toEqual(e.offers ?? []));
  it('service area', () => expect(got.serviceArea).toBe(e.service_area ?? null));
  it('delivery note', () => expect(got.deliveryNote).toBe(e.delivery_note ?? null));
  it('phones', () => expect(phonesOf(got.phones)).toEqual(e.phones));
  it('payment accounts', () => expect(got.paymentAccounts).toEqual(e.payment_accounts));
  it('branches: names, addresses and their own phones', () => {
    expect(got.branches.map((b) => ({ name: b.name, address_printed: b.addressPrinted, address: { sido: b.address.sido, sigungu: b.address.sigungu, road: b.address.road, building_no: b.address.buildingNo }, phones: phonesOf(b.phones) })))
      .toEqual(e.branches);
  });
});

describe('phones in every print form', () => {
  const one = (line: string) => parseAdText(`가게\n${line}`).phones;
  it.each([
    ['Tel. 062) 522-2000', '+82625222000', '062-522-2000', 'landline'],
    ['010-9984-0151', '+821099840151', '010-9984-0151', 'mobile'],
    ['062.522.2000', '+82625222000', '062-522-2000', 'landline'],
    ['(062)522-2000', '+82625222000', '062-522-2000', 'landline'],
    ['문의 1588-1234', '+8215881234', '1588-1234', 'representative'],
    ['☎ 0507-1234-5678', '+8250712345678', '0507-1234-5678', 'safe'],
    ['T. 070-8765-4321', '+827087654321', '070-8765-4321', 'voip'],
    ['02-123-4567', '+8221234567', '02-123-4567', 'landline'],
  ])('%s → %s shown as %s (%s)', (printed, e164, display, type) => {
    expect(one(printed)).toEqual([expect.objectContaining({ e164, display, type })]);
  });

  it('range 062-522-2000~3 → four lines 2000…2003', () => {
    expect(one('Tel. 062-522-2000~3').map((p) => p.display)).toEqual(['062-522-2000', '062-522-2001', '062-522-2002', '062-522-2003']);
  });
  it('extension 062-522-2000 내선 12 → one line with extension 12', () => {
    expect(one('062-522-2000 내선 12')).toEqual([expect.objectContaining({ e164: '+82625222000', extension: '12' })]);
  });
  it('Fax. 062-522-2001 → typed fax', () => {
    expect(one('Fax. 062-522-2001')).toEqual([expect.objectContaining({ type: 'fax' })]);
  });
  it('business registration number 123-45-67890 → not a phone', () => {
    expect(one('사업자등록번호 123-45-67890')).toEqual([]);
  });
  it('an account number next to a bank → an account, not a phone', () => {
    const ad = parseAdText('가게\n국민 홍길동 123456-01-234567');
    expect(ad.phones).toEqual([]);
    expect(ad.paymentAccounts).toEqual([{ bank: '국민', holder: '홍길동', number: '123456-01-234567' }]);
  });
});

describe('offers with Korean prices', () => {
  it.each([
    ['꽃바구니 3만5천원', '꽃바구니', 35000],
    ['케이크 12,000원', '케이크', 12000],
    ['관엽화분 6만', '관엽화분', 60000],
    ['동양란 45만원', '동양란', 450000],
  ])('%s → %s at %d', (line, name, price) => {
    expect(parseAdText(`가게\n${line}`).offers).toEqual([expect.objectContaining({ name, priceKrw: price })]);
  });
  it('가격 협의 → an offer with no price', () => {
    expect(parseAdText('가게\n이사 견적 협의').offers).toEqual([expect.objectContaining({ name: '이사 견적', priceKrw: null })]);
  });
  it('short lines with no price and no bulk price → description, not offers', () => {
    const ad = parseAdText('가게\n친절한 상담\n정성을 다합니다');
    expect(ad.offers).toEqual([]);
    expect(ad.description).toContain('친절한 상담');
  });
});

describe('other input', () => {
  it('a lone road-name address line → one unnamed branch with the ad phones kept at the top', () => {
    const ad = parseAdText('동네꽃집\n광주 남구 봉선로 10 2층\nTel. 062-650-1234');
    expect(ad.branches).toEqual([expect.objectContaining({ name: null, address: expect.objectContaining({ sido: '광주광역시', sigungu: '남구', road: '봉선로', buildingNo: '10', detail: '2층' }) })]);
    expect(ad.phones.map((p) => p.e164)).toEqual(['+82626501234']);
  });
  it('empty text → empty result, no throw', () => {
    expect(parseAdText('')).toMatchObject({ name: '', phones: [], offers: [] });
  });
  it('markup in the text stays plain text in the fields (escaped later by the templates)', () => {
    expect(parseAdText('<script>alert(1)</script>\n꽃 3만원').name).toBe('<script>alert(1)</script>');
  });
});
