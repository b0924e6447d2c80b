/** The benchmark edition: 500 line ads over the ten classifications and 20 display ads (2단 × 5cm), deterministic. */
const TYPES = ['구인', '구직', '부동산', '월세', '자동차', '중고', '이사', '업체', '학원', '부고'];
const PLACES = ['양림동', '봉선동', '상무지구', '첨단', '수완지구', '운암동', '충장로'];

export interface BenchAd {
  copy: string;
  classification: string;
  bold: boolean;
  box: boolean;
  display?: { columns: number; cm: number; page: number; column: number; topMm: number };
}

export function benchAds(): BenchAd[] {
  const out: BenchAd[] = [];
  for (let i = 0; i < 500; i += 1) {
    const lines = [`${PLACES[i % PLACES.length]} ${TYPES[i % TYPES.length]} ${i + 1}번 광고입니다`, '깨끗하고 조용한 곳, 즉시 가능, 조건 협의'];
    if (i % 3 === 0) lines.push('주차 가능 · 관리비 포함 · 애완동물 상담');
    lines.push(`문의 010-${String(3000 + i).padStart(4, '0')}-${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`);
    out.push({ copy: lines.join('\n'), classification: TYPES[i % TYPES.length], bold: i % 9 === 0, box: i % 13 === 0 });
  }
  for (let i = 0; i < 20; i += 1) {
    out.push({
      copy: `골목 업체 ${i + 1} 대할인\n062-${String(500 + i)}-${String(2000 + i)}`, classification: '업체', bold: false, box: true,
      display: { columns: 2, cm: 5, page: 1 + Math.floor(i / 4), column: i % 2 ? 4 : 1, topMm: i % 4 < 2 ? 0 : 200 },
    });
  }
  return out;
}
