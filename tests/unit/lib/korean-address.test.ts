import { describe, expect, it } from 'vitest';
import { formatRoadAddress, parseRoadAddress } from '../../../src/lib/korean-address.js';

describe('parseRoadAddress', () => {
  it('광주 북구 금남로 24 → 광주광역시 / 북구 / 금남로 / 24', () => {
    expect(parseRoadAddress('광주 북구 금남로 24')).toEqual({ sido: '광주광역시', sigungu: '북구', roadName: '금남로', buildingNo: '24', detail: '' });
  });
  it('a road name with a digit and a detail: 광주 서구 군분2로 54, 2층', () => {
    expect(parseRoadAddress('광주 서구 군분2로 54, 2층')).toMatchObject({ roadName: '군분2로', buildingNo: '54', detail: '2층' });
  });
  it('sub-number 24-1 is kept', () => {
    expect(parseRoadAddress('광주광역시 남구 봉선로 24-1')).toMatchObject({ buildingNo: '24-1' });
  });
  it('two-word 시군구: 경기 수원시 팔달구 효원로 1', () => {
    expect(parseRoadAddress('경기 수원시 팔달구 효원로 1')).toMatchObject({ sido: '경기도', sigungu: '수원시 팔달구' });
  });
  it('no 시도 → null', () => {
    expect(parseRoadAddress('북구 금남로 24')).toBeNull();
  });
  it('formats back to one line', () => {
    expect(formatRoadAddress({ sido: '광주광역시', sigungu: '북구', roadName: '금남로', buildingNo: '24' })).toBe('광주광역시 북구 금남로 24');
  });
});
