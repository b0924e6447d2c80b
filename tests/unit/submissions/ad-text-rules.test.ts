import { describe, expect, it } from 'vitest';
import { parseAdText } from '../../../src/components/submissions/index.js';
import { CATEGORY_HINTS } from '../../../scripts/ad-text-judged.js';

const HINTS = CATEGORY_HINTS.filter((h) => h.parentId !== null);
const parse = (text: string) => parseAdText(text, HINTS);

describe('print ads: the shop name, not the trade phrase', () => {
  it.each([
    ['꽃배달 전문 하늘꽃집\n장미 3만원', '하늘꽃집', '꽃배달 전문'],
    ['24시 출장 열쇠 대한열쇠 010-3456-7788', '대한열쇠', '24시 출장 열쇠'],
    ['애견호텔 멍멍하우스\n1박 3만원', '멍멍하우스', '애견호텔'],
  ])('%s → name %s, tagline %s (first in the description)', (text, name, tagline) => {
    const ad = parse(text);
    expect(ad).toMatchObject({ name, tagline, nameUnsure: false });
    expect(ad.description.startsWith(tagline)).toBe(true);
  });
  it('a name found by no shop ending is marked unsure', () => {
    expect(parse('카페 온도\n라떼 4천원')).toMatchObject({ name: '카페 온도', nameUnsure: true });
  });
});

describe('print ads: bracketed tags set the kind and leave no trace', () => {
  it.each([
    ['[구직] 한식 조리사 일자리 구합니다 010-8888-1234', 'job', '한식 조리사 일자리 구합니다'],
    ['[전세] 운암동 투룸 전세 1억2천만원 010-3030-4040', 'rent', '운암동 투룸 전세'],
    ['[교환] 자전거 교환 원해요 010-5678-1234', 'swap', '자전거 교환 원해요'],
    ['【급매】 첨단 아파트 32평 매매 3억2천만원 010-4455-6677', 'sell', '첨단 아파트 32평 매매'],
  ])('%s → %s', (text, deal, name) => {
    const ad = parse(text);
    expect(ad).toMatchObject({ kind: 'classified', classified: { deal }, name });
    const strings: string[] = [];
    JSON.stringify(ad, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    expect(strings.filter((v) => /[[\]【】]/.test(v))).toEqual([]);
  });
});

describe('print ads: every price form, each with its own item', () => {
  it.each([
    ['2만원', 20000], ['2만5천원', 25000], ['1만2천5백원', 12500], ['3천5백원', 3500], ['12,000원', 12000], ['1,100만원', 11_000_000],
  ])('%s → %i', (printed, won) => {
    expect(parse(`가게\n품목 ${printed}`).offers).toEqual([expect.objectContaining({ name: '품목', priceKrw: won })]);
  });
  it('만원대 is a band: 10,000 with its note', () => {
    expect(parse('가게\n모둠 사리 만원대').offers).toEqual([expect.objectContaining({ name: '모둠 사리', priceKrw: 10000, priceNote: '만원대' })]);
  });
  it('…부터 is a from-price with its note', () => {
    expect(parse('가게\n펌 6만원부터').offers[0]).toMatchObject({ name: '펌', priceKrw: 60000, priceFrom: true, priceNote: '부터' });
  });
  it('per month and per hour, the period word out of the item and the bracket into the note', () => {
    expect(parse('학원\n수강료 월 25만원 (주 3회)').offers[0]).toMatchObject({ name: '수강료', priceKrw: 250000, pricePer: 'month', priceNote: '주 3회' });
    expect(parse('[구인] 주방 보조 구합니다 시급 1만2천원').offers[0]).toMatchObject({ name: '시급', priceKrw: 12000, pricePer: 'hour' });
  });
  it('three items on one line without separators keep their own prices', () => {
    expect(parse('북경반점 짜장면 6천원 짬뽕 7천원 탕수육 1만8천원').offers.map((o) => [o.name, o.priceKrw]))
      .toEqual([['짜장면', 6000], ['짬뽕', 7000], ['탕수육', 18000]]);
  });
});

describe('print ads: several branches on one line', () => {
  it('A점 주소 전화 / B점 주소 전화 → two branches, each with its own address and phone', () => {
    const ad = parse('맛나김밥 본점 광주 북구 용봉로 12 062-262-1111 / 첨단점 광주 광산구 첨단중앙로 182 062-972-2222');
    expect(ad.name).toBe('맛나김밥');
    expect(ad.branches.map((b) => [b.name, b.addressPrinted, b.phones.map((p) => p.display)])).toEqual([
      ['본점', '광주 북구 용봉로 12', ['062-262-1111']],
      ['첨단점', '광주 광산구 첨단중앙로 182', ['062-972-2222']],
    ]);
  });
  it('branch names with colons and phones in brackets leave no bracket behind', () => {
    const ad = parse('바른정형외과 상무점: 광주 서구 상무대로 773 (062-381-7000) · 수완점: 광주 광산구 장신로 50 (062-955-7000)');
    expect(ad.branches.map((b) => [b.name, b.addressPrinted, b.address.detail])).toEqual([
      ['상무점', '광주 서구 상무대로 773', ''],
      ['수완점', '광주 광산구 장신로 50', ''],
    ]);
  });
});

describe('print ads: a category from the trade words, with a confidence, or none', () => {
  it.each([
    ['고향국밥\n국밥 9천원', 'restaurants'], ['엄마손백반\n백반 8천원', 'restaurants'], ['빛고을카센터\n엔진오일 교환 3만원', 'car-repair'],
    ['대한열쇠\n도어락 설치 8만원', 'repair-home'], ['애견호텔 멍멍하우스\n1박 3만원', 'pets'], ['크린세탁소\n와이셔츠 2천원', 'moving-cleaning'],
  ])('%s → %s', (text, slug) => {
    const ad = parse(text);
    expect(ad.category?.slug).toBe(slug);
    expect(ad.categories).toEqual([{ id: ad.category!.id, name: ad.category!.name }]);
  });
  it('nothing fits → no category at all', () => {
    expect(parse('행운복권방 로또 1등 배출점 광주 북구 서하로 10')).toMatchObject({ category: null, categories: [] });
  });
  it('a classified job is a job, whatever trade it is in', () => {
    expect(parse('[구인] 배달 기사 모집합니다 월 300만원').category).toMatchObject({ slug: 'jobs', confidence: 'high' });
  });
});
