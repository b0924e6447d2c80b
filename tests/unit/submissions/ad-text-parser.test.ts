import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAdText, type ParsedAd } from '../../../src/components/submissions/index.js';

const fixture = JSON.parse(fs.readFileSync(new URL('../../../src/demo/print-ads.json', import.meta.url), 'utf8')) as {
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
    expect(
      got.branches.map((b) => ({
        name: b.name,
        address_printed: b.addressPrinted,
        address: { sido: b.address.sido, sigungu: b.address.sigungu, road: b.address.road, building_no: b.address.buildingNo },
        phones: phonesOf(b.phones),
      })),
    ).toEqual(e.branches);
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
    expect(ad.branches).toEqual([
      expect.objectContaining({
        name: null,
        address: expect.objectContaining({ sido: '광주광역시', sigungu: '남구', road: '봉선로', buildingNo: '10', detail: '2층' }),
      }),
    ]);
    expect(ad.phones.map((p) => p.e164)).toEqual(['+82626501234']);
  });
  it('empty text → empty result, no throw', () => {
    expect(parseAdText('')).toMatchObject({ name: '', phones: [], offers: [] });
  });
  it('markup in the text stays plain text in the fields (escaped later by the templates)', () => {
    expect(parseAdText('<script>alert(1)</script>\n꽃 3만원').name).toBe('<script>alert(1)</script>');
  });
});

describe('the two print ads parse exactly as before issue 13 (every field)', () => {
  // Taken from the parser at 86438c0; new fields (classified, price qualifiers) must stay neutral for these ads.
  const BEFORE = [
    {
      kind: 'business',
      name: '60플라워',
      nameLatin: 'Flower',
      legalName: null,
      brands: [],
      categories: [{ id: 7, name: '꽃·화환 배달' }],
      description: '',
      serviceArea: '전국 배송',
      deliveryNote: '기타 낙후지역은 배송비 추가요금 발생',
      phones: [{ printed: '010-9984-0151', e164: '+821099840151', display: '010-9984-0151', type: 'mobile' }],
      branches: [],
      offers: [
        { name: '축하화환 3단', priceKrw: 60000, priceStyle: 'full' },
        { name: '근조화환 3단', priceKrw: 60000, priceStyle: 'full' },
      ],
      paymentAccounts: [{ bank: '농협', holder: '박배성', number: '302-0316-649511' }],
    },
    {
      kind: 'business',
      name: 'HDKorea',
      nameLatin: null,
      legalName: '㈜에이치디코리아',
      brands: ['DJI'],
      categories: [{ id: 8, name: '드론·카메라' }],
      description: 'DJI 컨슈머드론 전문판매 및 핸드헬드 전문판매 업체. 다양한 DJI 드론 및 카메라, 짐벌 제품 등 체험 해보세요.',
      serviceArea: null,
      deliveryNote: null,
      phones: [],
      branches: [
        {
          name: '임동점',
          addressPrinted: '광주 북구 금남로 24',
          address: { sido: '광주광역시', sigungu: '북구', road: '금남로', buildingNo: '24', detail: '' },
          phones: [{ printed: '062) 522-2000', e164: '+82625222000', display: '062-522-2000', type: 'landline' }],
        },
        {
          name: '금호월드점',
          addressPrinted: '광주 서구 군분2로 54',
          address: { sido: '광주광역시', sigungu: '서구', road: '군분2로', buildingNo: '54', detail: '' },
          phones: [{ printed: '062) 350-8397', e164: '+82623508397', display: '062-350-8397', type: 'landline' }],
        },
      ],
      offers: [],
      paymentAccounts: [],
    },
  ];
  it.each(fixture.ads.map((ad, i) => [ad.expected.name as string, ad.printed_text, BEFORE[i]] as const))('%s', (_name, printed, before) => {
    // Added since: the category with its confidence, the name's certainty and the trade phrase (none in these two ads).
    const category = { id: before.categories[0].id, slug: null, name: before.categories[0].name, confidence: 'medium' };
    expect(parseAdText(printed, CATEGORIES)).toEqual({ ...before, classified: null, category, nameUnsure: false, tagline: null });
  });
});

describe('one-line ads (no line breaks)', () => {
  const ONE_LINE = '봄꽃플라워 축하화환 3단 6만원 근조화환 3단 7만원 Tel. 010-2345-6789 입금계좌 국민 김봄꽃 123456-01-234567';
  it('name, offers with prices, phone and account are all found in running text', () => {
    const ad = parseAdText(ONE_LINE);
    expect(ad.name).toBe('봄꽃플라워');
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual([['축하화환 3단', 60000], ['근조화환 3단', 70000]]);
    expect(ad.phones.map((p) => p.e164)).toEqual(['+821023456789']);
    expect(ad.paymentAccounts).toEqual([{ bank: '국민', holder: '김봄꽃', number: '123456-01-234567' }]);
  });
  it('the labels left behind (Tel., 입금계좌) never become the description', () => {
    expect(parseAdText(ONE_LINE).description).toBe('');
  });
  it('a name followed by the phone: 동네세탁 문의 062-650-1234 → name 동네세탁, nothing else', () => {
    const ad = parseAdText('동네세탁 문의 062-650-1234');
    expect(ad).toMatchObject({ name: '동네세탁', description: '', offers: [] });
    expect(ad.phones.map((p) => p.display)).toEqual(['062-650-1234']);
  });
});

describe('inline price lists', () => {
  it('장미 꽃다발 2만5천원 / 축하난 7만원부터 / 미니화분 15,000원 → three offers, the middle one a from-price', () => {
    const ad = parseAdText('하늘꽃집\n장미 꽃다발 2만5천원 / 축하난 7만원부터 / 미니화분 15,000원');
    expect(ad.name).toBe('하늘꽃집');
    expect(ad.offers).toEqual([
      expect.objectContaining({ name: '장미 꽃다발', priceKrw: 25000 }),
      expect.objectContaining({ name: '축하난', priceKrw: 70000, priceFrom: true, priceNote: '부터' }),
      expect.objectContaining({ name: '미니화분', priceKrw: 15000 }),
    ]);
    expect(ad.offers[0].priceFrom).toBeUndefined();
  });
  it('the same list pasted alone → three offers and no name', () => {
    const ad = parseAdText('장미 꽃다발 2만5천원 / 축하난 7만원부터 / 미니화분 15,000원');
    expect(ad.name).toBe('');
    expect(ad.offers.map((o) => o.priceKrw)).toEqual([25000, 70000, 15000]);
  });
  it('items separated by spaces only are cut after each price', () => {
    const ad = parseAdText('세차장\n외부세차 1만원 실내세차 2만 5천원 광택 15만원 이상');
    expect(ad.offers.map((o) => [o.name, o.priceKrw, o.priceNote ?? null])).toEqual([
      ['외부세차', 10000, null],
      ['실내세차', 25000, null],
      ['광택', 150000, '이상'],
    ]);
  });
  it.each([
    ['입주청소 3~5만원', 30000, 50000, '3~5만원'],
    ['이사 2만~3만원', 20000, 30000, '2만~3만원'],
    ['수선 15,000~20,000원', 15000, 20000, '15,000~20,000원'],
  ])('range %s → from %i up to %i', (line, low, high, note) => {
    expect(parseAdText(`가게\n${line}`).offers).toEqual([
      expect.objectContaining({ priceKrw: low, priceMaxKrw: high, priceFrom: true, priceNote: note }),
    ]);
  });
  it.each([
    ['돌잔치 상차림 30만원 이상', 300000, '이상'],
    ['꽃바구니 5만원~', 50000, '부터'],
    ['케이크 1만 2천원', 12000, undefined],
  ])('%s → %i (%s)', (line, price, note) => {
    const [offer] = parseAdText(`가게\n${line}`).offers;
    expect(offer.priceKrw).toBe(price);
    expect(offer.priceNote).toBe(note);
  });
});

describe('classified ads', () => {
  it('중고 세탁기 팝니다 30만원 → classified (sell), price 300000, title without the price', () => {
    const ad = parseAdText('중고 세탁기 팝니다 30만원 010-1234-5678');
    expect(ad).toMatchObject({ kind: 'classified', name: '중고 세탁기 팝니다', classified: { deal: 'sell', priceKrw: 300000 } });
    expect(ad.phones.map((p) => p.e164)).toEqual(['+821012345678']);
  });
  it.each([
    ['아이 책상 삽니다 5만원까지', 'buy', '아이 책상 삽니다', 50000],
    ['주말 알바 구합니다 시급 1만1천원', 'job', '주말 알바 구합니다', 11000],
    ['식당 주방 직원 구인 월급 250만원', 'job', '식당 주방 직원 구인', 2500000],
    ['자전거 구합니다', 'wanted', '자전거 구합니다', null],
  ])('%s → %s, title %s, price %s', (text, deal, title, price) => {
    expect(parseAdText(text)).toMatchObject({ kind: 'classified', name: title, classified: { deal, priceKrw: price } });
  });
  it('words between the deal and its price describe the item; 까지 is a ceiling, noted, never a from-price', () => {
    const ad = parseAdText('중고 냉장고 삽니다 상태 좋은 것 20만원까지 010-3344-5566');
    expect(ad).toMatchObject({
      kind: 'classified',
      name: '중고 냉장고 삽니다',
      description: '상태 좋은 것.',
      classified: { deal: 'buy', priceKrw: 200000 },
    });
    const offer = parseAdText('떡집\n가래떡 한 말 5만원까지\n').offers[0];
    expect(offer).toMatchObject({ name: '가래떡 한 말', priceKrw: 50000, priceNote: '까지' });
    expect(offer.priceFrom).toBeUndefined();
  });
  it('월세: deposit and monthly rent in 만원 as print writes them (보증금 500 / 월 40)', () => {
    const ad = parseAdText('원룸 월세 놓습니다 보증금 500 / 월 40 010-2222-3333');
    expect(ad).toMatchObject({
      kind: 'classified',
      name: '원룸 월세 놓습니다',
      classified: { deal: 'rent', depositKrw: 5_000_000, rentKrw: 400_000, priceKrw: 400_000 },
    });
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual([['보증금', 5_000_000], ['월세', 400_000]]);
  });
  it('전세: the deposit is the price', () => {
    expect(parseAdText('투룸 전세 1억2천만원').classified).toEqual({ deal: 'rent', priceKrw: 120_000_000, depositKrw: 120_000_000, rentKrw: null });
  });
  it('the rest of a one-line classified describes the item; a multi-line one keeps its lines', () => {
    expect(parseAdText('드럼 세탁기 팝니다 30만원 2년 사용 직거래만').description).toBe('2년 사용 직거래만.');
    const ad = parseAdText('중고 냉장고 팝니다\n상태 좋습니다.\n가격 20만원');
    expect(ad).toMatchObject({ kind: 'classified', name: '중고 냉장고 팝니다', classified: { priceKrw: 200000 } });
    expect(ad.description).toContain('상태 좋습니다.');
  });
  it('a business ad that only mentions 매입 or 모집 in its text stays a business', () => {
    expect(parseAdText('금은방 황금당\n금·은 매입합니다\nTel. 062-222-1234').kind).toBe('business');
  });
});

describe('the description holds no markup and no fact taken out elsewhere', () => {
  it('markdown emphasis, headings, bullets and links are dropped', () => {
    const ad = parseAdText('# 봄날꽃집\n**정성 가득** 담아 만드는 꽃집입니다.\n- 주차 가능한 매장입니다.\n[블로그](https://example.com)에서 보세요.');
    expect(ad.name).toBe('봄날꽃집');
    expect(ad.description).toBe('정성 가득 담아 만드는 꽃집입니다. 주차 가능한 매장입니다. 블로그에서 보세요.');
    expect(ad.description).not.toMatch(/[*#[\]()]/);
  });
  it('leftover labels (입금계좌., 문의.) vanish; the account and phone are not repeated in the description', () => {
    const ad = parseAdText('봄날꽃집\n정성껏 만든 꽃다발을 보내 드립니다.\n입금계좌. 농협 박봄날 302-0316-649511\n문의. 010-9984-0151\n주문 및 상담: 062-371-1000');
    expect(ad.description).toBe('정성껏 만든 꽃다발을 보내 드립니다.');
    expect(ad.paymentAccounts).toHaveLength(1);
    expect(ad.phones).toHaveLength(2);
  });
  it('a one-line ad: what follows a label after the address is not the address (주소 … 문의 환영)', () => {
    const ad = parseAdText('햇살떡집 주문 062-351-7788 광주 북구 용봉로 55 국민은행 123-45-678901 (예금주 김미숙) 문의 환영');
    expect(ad.name).toBe('햇살떡집');
    expect(ad.branches[0]).toMatchObject({ addressPrinted: '광주 북구 용봉로 55', address: { road: '용봉로', buildingNo: '55', detail: '' } });
    expect(ad.paymentAccounts).toEqual([{ bank: '국민', holder: '김미숙', number: '123-45-678901' }]);
    expect(ad.description).toBe('환영.');
  });
  it('offers taken from a price list are not repeated in the description', () => {
    const ad = parseAdText('하늘꽃집\n꽃다발 3만원 / 꽃바구니 5만원\n정성껏 만듭니다.');
    expect(ad.description).toBe('정성껏 만듭니다.');
  });
});

describe('a name that runs on: the name is the shop only, the rest describes it', () => {
  it('햇살떡집 개업떡 답례떡 전문 주문 062-351-7788 (one line) → name 햇살떡집, the rest in the description', () => {
    const ad = parseAdText('햇살떡집 개업떡 답례떡 전문 주문 062-351-7788');
    expect(ad).toMatchObject({ name: '햇살떡집', description: '개업떡 답례떡 전문.', offers: [] });
    expect(ad.phones.map((p) => p.display)).toEqual(['062-351-7788']);
  });
  it('the same words as the first of several lines → the same name and description', () => {
    expect(parseAdText('햇살떡집 개업떡 답례떡 전문\n주문 062-351-7788')).toMatchObject({ name: '햇살떡집', description: '개업떡 답례떡 전문.' });
  });
  it.each([
    ['우리반찬가게 2호점 밑반찬 전문 010-5566-7788', '우리반찬가게 2호점', '밑반찬 전문.'],
    ['미소치과 임플란트 상담 환영 062-444-5555', '미소치과', '임플란트 상담 환영.'],
    ['해피데이 케이크 주문제작 문의 010-2233-4455', '해피데이', '케이크 주문제작.'],
    ['골목정육점 한우 암소 전문 계좌번호: 광주은행 최정육 1234-567-890123 연락처. 062-777-8888', '골목정육점', '한우 암소 전문.'],
  ])('%s → name %s, description %s', (text, name, description) => {
    expect(parseAdText(text)).toMatchObject({ name, description });
  });
  it('a label word inside another word (주문제작, 예약제) is not where the facts start', () => {
    expect(parseAdText('달빛공방 가죽 지갑 주문제작 010-2233-4455')).toMatchObject({ name: '달빛공방', description: '가죽 지갑 주문제작.' });
  });
  it('names of two words stay whole (하늘 꽃집, 고향국밥 본점); a Latin name is not cut', () => {
    expect(parseAdText('하늘 꽃집 Tel. 062-222-3333').name).toBe('하늘 꽃집');
    expect(parseAdText('고향국밥 본점\n광주 북구 용봉로 55').name).toBe('고향국밥 본점');
    expect(parseAdText('Golden Bell 062-222-3333').name).toBe('Golden Bell');
  });
  it('a name followed by priced items → the shop name, then one offer per item', () => {
    const ad = parseAdText('행복반찬 멸치볶음 8천원 장조림 1만2천원 배추김치 1kg 1만5천원 주문 010-5566-7788 농협 이행복 351-1234-5678-91');
    expect(ad.name).toBe('행복반찬');
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual([['멸치볶음', 8000], ['장조림', 12000], ['배추김치 1kg', 15000]]);
    expect(ad.paymentAccounts).toEqual([{ bank: '농협', holder: '이행복', number: '351-1234-5678-91' }]);
    expect(ad.description).toBe('');
  });
  it('a two-word name before the first priced item keeps both words (하늘 꽃집 장미 꽃다발 3만원)', () => {
    const ad = parseAdText('하늘 꽃집 장미 꽃다발 3만원 문의 062-222-3333');
    expect(ad.name).toBe('하늘 꽃집');
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual([['장미 꽃다발', 30000]]);
  });
});

describe('a price list that starts with the shop name', () => {
  it.each([
    ['하늘 꽃집 장미 3만원 / 축하난 7만원부터', '하늘 꽃집', [['장미', 30000], ['축하난', 70000]]],
    ['해뜰 떡집 백설기 2만원 / 절편 1만원 문의 062-351-7788', '해뜰 떡집', [['백설기', 20000], ['절편', 10000]]],
    ['우리동네 세탁소 운동화 5천원 / 이불 1만5천원', '우리동네 세탁소', [['운동화', 5000], ['이불', 15000]]],
    ['고향국밥 본점 순대국밥 8천원 / 수육 2만원', '고향국밥 본점', [['순대국밥', 8000], ['수육', 20000]]],
    ['달빛미용실 커트 1만원 / 파마 5만원부터', '달빛미용실', [['커트', 10000], ['파마', 50000]]],
  ])('%s → name %s, the rest are the offers', (text, name, offers) => {
    const ad = parseAdText(text);
    expect(ad.name).toBe(name);
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual(offers);
    expect(ad.description).toBe('');
  });
  it.each([
    ['점심 식사 세트 1만원 / 음료 3천원', '점심 식사 세트'],
    ['입주 청소 서비스 30만원 / 원룸 청소 10만원', '입주 청소 서비스'],
    ['소고기 국밥 특 1만원 / 수육 2만원', '소고기 국밥 특'],
    ['양념 치킨 한마리 2만원 / 콜라 2천원', '양념 치킨 한마리'],
  ])('words that merely end like a shop name (식사, 청소, 국밥, 치킨) are the first item: %s → no name', (text, firstOffer) => {
    const ad = parseAdText(text);
    expect(ad.name).toBe('');
    expect(ad.offers[0]).toMatchObject({ name: firstOffer });
  });
  it('the same list on the first of several lines: name, offers, and the phone below', () => {
    const ad = parseAdText('하늘 꽃집 장미 3만원 / 축하난 7만원부터\n문의 062-222-3333');
    expect(ad).toMatchObject({ name: '하늘 꽃집', description: '' });
    expect(ad.offers.map((o) => [o.name, o.priceKrw, o.priceFrom ?? false])).toEqual([['장미', 30000, false], ['축하난', 70000, true]]);
    expect(ad.phones.map((p) => p.display)).toEqual(['062-222-3333']);
  });
});

describe('the print-ad rules of issue 13, second set of examples', () => {
  it('inline price list: 백설기 1만5천원 / 떡케이크 4만원부터 / 답례떡 세트 3,500원 → 15000, 40000 (from), 3500', () => {
    const ad = parseAdText('대박떡집\n백설기 1만5천원 / 떡케이크 4만원부터 / 답례떡 세트 3,500원');
    expect(ad.offers.map((o) => [o.name, o.priceKrw, o.priceFrom ?? false])).toEqual([
      ['백설기', 15000, false],
      ['떡케이크', 40000, true],
      ['답례떡 세트', 3500, false],
    ]);
  });
  it('ranges, 이상 and amounts written with a space: 원룸 청소 10~15만원 / 입주 청소 30만원 이상 / 에어컨 청소 8만 원', () => {
    const ad = parseAdText('청소나라\n원룸 청소 10~15만원 / 입주 청소 30만원 이상 / 에어컨 청소 8만 원');
    expect(ad.offers.map((o) => [o.name, o.priceKrw, o.priceMaxKrw ?? null, o.priceNote ?? null])).toEqual([
      ['원룸 청소', 100000, 150000, '10~15만원'], ['입주 청소', 300000, null, '이상'], ['에어컨 청소', 80000, null, null],
    ]);
  });
  it.each([
    ['유모차 팝니다 12만원 거의 새것 010-1111-2222', 'sell', '유모차 팝니다', 120000, '거의 새것.'],
    ['중고 자전거 삽니다 10만원 이하', 'buy', '중고 자전거 삽니다', 100000, ''],
    ['배달 알바 구합니다 시급 12,000원', 'job', '배달 알바 구합니다', 12000, ''],
    ['강아지 용품 나눔합니다', 'share', '강아지 용품 나눔합니다', null, ''],
  ])('classified %s → %s, title %s, price %s', (text, deal, name, priceKrw, description) => {
    expect(parseAdText(text)).toMatchObject({ kind: 'classified', name, description, classified: { deal, priceKrw } });
  });
  it('월세 with 만원 amounts: 상가 월세 보증금 1000만원 월세 70만원 → deposit 10,000,000, rent 700,000, title 상가 월세', () => {
    const ad = parseAdText('상가 월세 보증금 1000만원 월세 70만원 010-3333-4444');
    expect(ad).toMatchObject({
      kind: 'classified',
      name: '상가 월세',
      description: '',
      classified: { deal: 'rent', depositKrw: 10_000_000, rentKrw: 700_000 },
    });
  });
  it('전세 with a compound amount: 아파트 전세 2억5천만원 → title 아파트 전세, deposit 250,000,000, nothing left over', () => {
    expect(parseAdText('아파트 전세 2억5천만원')).toMatchObject({
      kind: 'classified',
      name: '아파트 전세',
      description: '',
      classified: { deal: 'rent', priceKrw: 250_000_000, depositKrw: 250_000_000, rentKrw: null },
    });
  });
  it('labels left behind (계좌번호 :, 연락처.) never reach the description', () => {
    const ad = parseAdText('동네세탁소\n운동화 빨래 5천원\n계좌번호 : 신한 박세탁 110-123-456789\n연락처.');
    expect(ad).toMatchObject({ name: '동네세탁소', description: '' });
    expect(ad.offers.map((o) => [o.name, o.priceKrw])).toEqual([['운동화 빨래', 5000]]);
  });
});
