import { describe, expect, it } from 'vitest';
import { formValuesFromBody, TooManyRowsError } from '../../../src/components/submissions/form-values.js';
import { isValidBusinessRegNo, safeWebsite, validateListingForm } from '../../../src/components/submissions/listing-form.js';

const KNOWN = new Set([3, 4]);
function body(extra: Record<string, unknown> = {}) {
  return {
    kind: 'business', name: '60플라워', description: '꽃 배달', categoryIds: ['3'],
    phones: [{ number: '010-9984-0151', label: '주문', type: '' }],
    ...extra,
  };
}
const validate = (b: Record<string, unknown>, submit = true) =>
  validateListingForm(formValuesFromBody(b), { submit, knownCategoryIds: KNOWN });

describe('listing form validation', () => {
  it('a complete form → a draft graph with E.164 phones and no errors', () => {
    const { draft, errors } = validate(body());
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ name: '60플라워', categoryIds: [3], phones: [{ e164: '+821099840151', type: 'mobile', label: '주문' }] });
  });

  it('two branches with 광주 addresses, hours and their own phones → normalised to 광주광역시', () => {
    const { draft, errors } = validate(
      body({
        branches: [
          {
            name: '임동점',
            address: '광주 북구 금남로 24',
            detail: '1층',
            hours: { 1: { opens: '10:00', closes: '20:00', breakStart: '12:00', breakEnd: '13:00' }, 0: { closed: '1' } },
            phones: [{ number: '062) 522-2000' }],
          },
          { name: '금호월드점', address: '광주 서구 군분2로 54', phones: [{ number: '062-350-8397' }] },
        ],
      }),
    );
    expect(errors).toEqual({});
    expect(draft!.branches[0]).toMatchObject({
      name: '임동점',
      sido: '광주광역시',
      sigungu: '북구',
      roadName: '금남로',
      buildingNo: '24',
      detail: '1층',
    });
    expect(draft!.branches[0].hours).toEqual([
      { weekday: 0, isClosed: true },
      { weekday: 1, isClosed: false, opensAt: '10:00', closesAt: '20:00', breakStart: '12:00', breakEnd: '13:00' },
    ]);
    expect(draft!.branches[1].phones[0].e164).toBe('+82623508397');
  });

  it('offers in Korean notation and accounts with a listed bank → parsed', () => {
    const { draft } = validate(
      body({
        offers: [
          { name: '축하화환 3단', price: '6만' },
          { name: '꽃바구니', price: '3만5천원' },
          { name: '상담', price: '협의' },
        ],
        accounts: [{ bank: '농협', holder: '박배성', number: '302-0316-649511' }],
      }),
    );
    expect(draft!.offers.map((o) => o.priceKrw)).toEqual([60000, 35000, null]);
    expect(draft!.paymentAccounts).toEqual([{ bank: '농협', holder: '박배성', number: '302-0316-649511' }]);
  });

  it.each([
    ['name empty', { name: '  ' }, 'name', 'submission.error.required'],
    ['name of 10,000 characters', { name: '가'.repeat(10_000) }, 'name', 'submission.error.tooLong'],
    ['description of 1 MB', { description: 'a'.repeat(1_000_000) }, 'description', 'submission.error.tooLong'],
    ['website javascript:', { website: 'javascript:alert(1)' }, 'website', 'submission.error.website'],
    ['website data:', { website: 'data:text/html,<script>alert(1)</script>' }, 'website', 'submission.error.website'],
    ['website " JaVaScRiPt:"', { website: ' JaVaScRiPt:alert(1)' }, 'website', 'submission.error.website'],
    ['registration number with a bad check digit', { businessRegNo: '123-45-67890' }, 'businessRegNo', 'submission.error.businessRegNo'],
    ['registration number of all zeros', { businessRegNo: '000-00-00000' }, 'businessRegNo', 'submission.error.businessRegNo'],
    ['an invalid phone', { phones: [{ number: '1234-5678' }] }, 'phones.0.number', 'submission.error.phone'],
    ['a category that does not exist', { categoryIds: ['999'] }, 'categoryIds', 'submission.error.category'],
    ['a category id that is not a number', { categoryIds: ['1 OR 1=1'] }, 'categoryIds.0', 'submission.error.category'],
    ['an unknown kind', { kind: 'admin' }, 'kind', 'submission.error.kind'],
    [
      'a branch address that is not a road-name address',
      { branches: [{ name: '본점', address: '우리집 근처' }] },
      'branches.0.address',
      'submission.error.address',
    ],
    [
      'hours with opening but no closing time',
      { branches: [{ address: '광주 북구 금남로 24', hours: { 2: { opens: '10:00' } } }] },
      'branches.0.hours.2.opens',
      'submission.error.hoursPair',
    ],
    [
      'a time that is not HH:MM',
      { branches: [{ address: '광주 북구 금남로 24', hours: { 2: { opens: '25:00', closes: '26:00' } } }] },
      'branches.0.hours.2.opens',
      'submission.error.time',
    ],
    ['a price that is not a price', { offers: [{ name: '화환', price: '1e309' }] }, 'offers.0.price', 'submission.error.price'],
    ['a negative price', { offers: [{ name: '화환', price: '-5000' }] }, 'offers.0.price', 'submission.error.price'],
    [
      'a bank not on the list',
      { accounts: [{ bank: 'Evil Bank', holder: '홍길동', number: '123-456-789012' }] },
      'accounts.0.bank',
      'submission.error.bank',
    ],
    ['no category on submit', { categoryIds: [] }, 'categoryIds', 'submission.error.categoryRequired'],
    ['no phone anywhere on submit', { phones: [] }, 'phones.0.number', 'submission.error.phoneRequired'],
  ])('%s → error on %s', (_name, extra, field, key) => {
    const { draft, errors } = validate(body(extra));
    expect(draft).toBeNull();
    expect(errors[field]).toBe(key);
  });

  it('a draft needs only a name (no category or phone yet)', () => {
    expect(validate({ name: '준비 중인 가게' }, false).errors).toEqual({});
  });

  it('2,000 phones → TooManyRowsError (422), not 2,000 rows', () => {
    expect(() => formValuesFromBody(body({ phones: Array.from({ length: 2000 }, () => ({ number: '010-1234-5678' })) }))).toThrow(
      TooManyRowsError,
    );
  });

  it('repeated keys and objects where strings go → first string or empty, never a crash (I3)', () => {
    const v = formValuesFromBody({ name: ['가게', '둘'], description: { $ne: 1 }, website: ['https://a.kr', 'javascript:x'] });
    expect([v.name, v.description, v.website]).toEqual(['가게', '', 'https://a.kr']);
  });

  it('extra fields status, ownerId, featuredUntil, role and counters are never read (C4)', () => {
    const { draft } = validate(
      body({
        status: 'published',
        ownerId: 1,
        owner_id: 1,
        featuredUntil: '2099-01-01',
        featured_until: '2099-01-01',
        role: 'admin',
        calls: 999,
      }),
    );
    expect(Object.keys(draft!)).not.toEqual(expect.arrayContaining(['status']));
    expect(draft).not.toHaveProperty('ownerId');
    expect(draft).not.toHaveProperty('featuredUntil');
  });

  it('blank rows the form always shows are dropped, not reported', () => {
    const { errors, draft } = validate(
      body({ offers: [{ name: '', price: '', note: '' }], accounts: [{ bank: '농협', holder: '', number: '' }] }),
    );
    expect(errors).toEqual({});
    expect(draft!.offers).toEqual([]);
  });
});

describe('business registration numbers and websites', () => {
  it.each([
    ['220-81-62517', true],
    ['2208162517', true],
    ['220-81-62518', false],
    ['0000000000', false],
    ['12345', false],
  ])('%s → %s', (n, ok) => {
    expect(isValidBusinessRegNo(n)).toBe(ok);
  });
  it.each([
    ['https://golmok.kr/a?b=1', 'https://golmok.kr/a?b=1'],
    ['http://60flower.co.kr', 'http://60flower.co.kr/'],
    ['javascript:alert(1)', null],
    ['https://user:pw@evil.example', null],
    ['https://"onmouseover=alert(1)', null],
    ['ftp://files.kr', null],
  ])('%s → %s', (raw, out) => {
    expect(safeWebsite(raw)).toBe(out);
  });
});
