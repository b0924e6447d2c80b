/** The classified pages' layout rules, on a fixed-width fake font (exact arithmetic) and once on the real Nanum metrics. */
import { describe, expect, it } from 'vitest';
import { classificationList, classify, parseClassifications } from '../../../src/components/ads/print-layout/classifications.js';
import { breakLines, phonesIn, type Measure } from '../../../src/components/ads/print-layout/line-break.js';
import {
  layoutEdition,
  metrics,
  pageOfAd,
  placementError,
  type Box,
  type Geometry,
  type LayoutAd,
  type LayoutInput,
} from '../../../src/components/ads/print-layout/layout.js';
import { fontMeasure, readFonts } from '../../../src/components/ads/print-layout/print-pdf.js';

/** Hangul a full em, everything else half an em: a font whose line breaks can be worked out by hand. */
const mono: Measure = (text, _font, size) =>
  [...text].reduce((w, ch) => w + (/[\u1100-\u11ff\uac00-\ud7af]/.test(ch) ? size : size / 2), 0);
const list = classificationList(undefined);
// 100 × 120 mm, 2 columns of (100 - 20 - 5) / 2 = 37.5 mm ≈ 106 pt: 10 Hangul syllables a line at 10 pt.
const geometry: Geometry = { pageWidthMm: 100, pageHeightMm: 120, columns: 2, gutterMm: 5, marginMm: 10, bodyPt: 10, headingPt: 12 };
let seq = 0;
const ad = (o: Partial<LayoutAd> & { classification: string }): LayoutAd => {
  seq += 1;
  return {
    orderId: seq,
    kind: 'line',
    copy: `광고 ${seq}번 문의 062-522-${String(1000 + seq)}`,
    bold: false,
    box: false,
    orderedAt: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString(),
    ...o,
  };
};
const run = (ads: LayoutAd[], extra: Partial<LayoutInput> = {}) =>
  layoutEdition({ ads, geometry, classifications: list, measure: mono, ...extra });
/** Boxes in reading order: page, column, top. */
const reading = (l: ReturnType<typeof run>): Array<Box & { page: number }> =>
  l.pages
    .flatMap((p) => p.boxes.filter((b) => b.kind !== 'display').map((b) => ({ ...b, page: p.number })))
    .sort((a, b) => a.page - b.page || a.column - b.column || a.y - b.y);

describe('classifications', () => {
  it('the default list has the paper\'s ten groups in order; an order\'s free text maps by name, code or alias, else 기타', () => {
    expect(list.map((c) => c.ko)).toEqual(['구인', '구직', '부동산 매매', '임대', '자동차', '중고', '생활', '업체 안내', '학원', '경조사']);
    expect(classify(list, '부동산').code).toBe('property-sale');
    expect(classify(list, '부동산매매').code).toBe('property-sale');
    expect(classify(list, ' 월세 ').code).toBe('rent');
    expect(classify(list, 'Jobs offered').code).toBe('jobs');
    expect(classify(list, '점술').code).toBe('other');
    expect(classify(list, undefined).code).toBe('other');
  });

  it('a configured list replaces it; a malformed one is refused', () => {
    expect(parseClassifications('a:가:A;b:나:B:비,삐')?.map((c) => [c.code, c.aliases])).toEqual([['a', []], ['b', ['비', '삐']]]);
    expect(parseClassifications('a:가')).toBeNull();
    expect(parseClassifications('a:가:A;a:나:B')).toBeNull();
    expect(() => classificationList('nope')).toThrow(/AD_PRINT_CLASSIFICATIONS/);
  });
});

describe('line breaking (keep-all)', () => {
  it('breaks only at spaces: every word of the copy comes out whole', () => {
    const copy = '양림동 깨끗한 원룸 월세 보증금 오백 월세 삼십오 즉시 입주 가능합니다';
    const lines = breakLines(copy, 60, 'regular', 10, mono);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(copy);
    for (const l of lines) expect(mono(l, 'regular', 10)).toBeLessThanOrEqual(60);
  });

  it('never breaks inside a phone number, even one printed with a space (062) 522-2000)', () => {
    for (const phone of ['062) 522-2000', '(062) 973-5555', '010 2345 6789', '1588-3082', '062-522-2000~3']) {
      const lines = breakLines(`문의 전화 ${phone} 홍길동`, 70, 'regular', 10, mono);
      expect(lines.some((l) => l.includes(phone)), `${phone}: ${JSON.stringify(lines)}`).toBe(true);
      expect(phonesIn(lines.join('\n'))).toContain(phone);
    }
  });

  it('a word wider than the column is cut between characters, a phone number never', () => {
    expect(breakLines('가나다라마바사아자차카타파하', 50, 'regular', 10, mono)).toEqual(['가나다라마', '바사아자차', '카타파하']);
    expect(breakLines('010-2345-6789', 30, 'regular', 10, mono)).toEqual(['010-2345-6789']);
  });

  it('each written line wraps on its own', () => {
    expect(breakLines('첫 줄\n둘째 줄', 200, 'regular', 10, mono)).toEqual(['첫 줄', '둘째 줄']);
  });

  it('with the embedded Nanum font\'s own metrics, no line is wider than the column', () => {
    const measure = fontMeasure(
      readFonts('/usr/share/fonts/truetype/nanum/NanumGothic.ttf', '/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf'),
    );
    const width = metrics(geometry).colW;
    const lines = breakLines('양림동 깨끗한 원룸 월세 보증금 500 월 35 즉시 입주 가능 문의 062) 522-2000 (주인 직접)', width, 'regular', 10, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, 'regular', 10)).toBeLessThanOrEqual(width);
    expect(lines.some((l) => l.includes('062) 522-2000'))).toBe(true);
  });
});

describe('layout', () => {
  it('groups ads by classification in the configured order, each under its heading, 기타 last', () => {
    const ads = [
      ad({ classification: 'rent' }),
      ad({ classification: 'jobs' }),
      ad({ classification: 'zzz' }),
      ad({ classification: 'rent' }),
    ];
    const boxes = reading(run(ads));
    expect(boxes.map((b) => (b.kind === 'heading' ? b.label : b.orderId))).toEqual([
      '구인',
      ads[1].orderId,
      '임대',
      ads[0].orderId,
      ads[3].orderId,
      '기타',
      ads[2].orderId,
    ]);
  });

  it('within a group: boxed or bold ads first, then by order date; the desk\'s manual order comes before both', () => {
    const plainOld = ad({ classification: 'used' });
    const plainNew = ad({ classification: 'used' });
    const boxed = ad({ classification: 'used', box: true });
    const bold = ad({ classification: 'used', bold: true });
    const ids = (l: ReturnType<typeof run>) => reading(l).filter((b) => b.kind === 'ad').map((b) => b.orderId);
    expect(ids(run([plainNew, bold, plainOld, boxed]))).toEqual([boxed.orderId, bold.orderId, plainOld.orderId, plainNew.orderId]);
    expect(
      ids(
        run([plainNew, bold, plainOld, boxed], {
          manualOrder: new Map([
            [plainNew.orderId, 1],
            [plainOld.orderId, 2],
          ]),
        }),
      ).slice(0, 2),
    ).toEqual([plainNew.orderId, plainOld.orderId]);
  });

  it('line ads flow down a column, then the next column, then the next page', () => {
    const ads = Array.from({ length: 40 }, () => ad({ classification: 'jobs' }));
    const l = run(ads);
    expect(l.pages.length).toBeGreaterThan(1);
    const boxes = reading(l);
    expect(boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId)).toEqual(ads.map((a) => a.orderId));
    const m = metrics(geometry);
    for (const b of boxes) expect(b.y + b.h).toBeLessThanOrEqual(m.bottom + 0.01);
  });

  it('line ads flow around a placed display ad and never overlap it', () => {
    const display = ad({ classification: 'business', kind: 'display', columns: 1, cm: 3, copy: '치킨 대박 062-973-5555' });
    const lines = Array.from({ length: 12 }, () => ad({ classification: 'jobs' }));
    const l = run([display, ...lines], { placements: [{ orderId: display.orderId, page: 1, column: 1, topMm: 20 }] });
    const page1 = l.pages[0];
    const d = page1.boxes.find((b) => b.kind === 'display')!;
    expect([d.column, d.span]).toEqual([1, 1]);
    const inColumn1 = page1.boxes.filter((b) => b.kind !== 'display' && b.column === 1);
    expect(inColumn1.some((b) => b.y > d.y + d.h)).toBe(true);
    expect(inColumn1.some((b) => b.y + b.h < d.y)).toBe(true);
    for (const b of inColumn1) expect(b.y + b.h <= d.y || b.y >= d.y + d.h, `order ${b.orderId}`).toBe(true);
    expect(l.unplaced).toEqual([]);
  });

  it('a display ad not placed yet is listed, not printed', () => {
    const display = ad({ classification: 'business', kind: 'display', columns: 2, cm: 4 });
    const l = run([display, ad({ classification: 'jobs' })]);
    expect(l.unplaced).toEqual([display.orderId]);
    expect(pageOfAd(l, display.orderId)).toBeNull();
  });

  it('a heading never stands alone at the foot of a column: it moves on with its group\'s first ad', () => {
    // Fill column 1 to just above its foot, leaving room for a heading but not heading + ad.
    const m = metrics(geometry);
    const fillers: LayoutAd[] = [];
    const tall = (n: number) => Array.from({ length: n }, (_, i) => `줄${i}`).join('\n');
    fillers.push(ad({ classification: 'jobs', copy: tall(Math.floor((m.bottom - m.top - m.headingH - m.headingH * 1.5) / m.lineHeight)) }));
    const next = ad({ classification: 'wanted', copy: tall(4) });
    const l = run([...fillers, next]);
    const boxes = reading(l);
    const heading = boxes.find((b) => b.kind === 'heading' && b.label === '구직')!;
    const first = boxes.find((b) => b.orderId === next.orderId)!;
    expect(heading.column).toBe(2);
    expect([first.page, first.column, first.y]).toEqual([heading.page, heading.column, heading.y + heading.h]);
    // And in general: every heading is directly followed by an ad in the same column.
    const many = reading(run(Array.from({ length: 60 }, (_, i) => ad({ classification: list[i % 10].code, copy: tall(1 + (i % 5)) }))));
    many.forEach((b, i) => {
      if (b.kind !== 'heading') return;
      const after = many[i + 1];
      expect([after.kind, after.page, after.column, after.y]).toEqual(['ad', b.page, b.column, b.y + b.h]);
    });
  });

  it('a locked page keeps its ads when the rest re-flows', () => {
    const ads = Array.from({ length: 60 }, () => ad({ classification: 'rent' }));
    const before = run(ads);
    expect(before.pages.length).toBeGreaterThanOrEqual(3);
    const onPage2 = before.pages[1].boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId!);
    const lock = { page: 2, orderIds: onPage2 };
    // Two ads of page 1 held back: without the lock page 2 changes, with it page 2 keeps exactly its ads.
    const rest = ads.filter((a) => a.orderId !== ads[0].orderId && a.orderId !== ads[1].orderId);
    const ids = (l: ReturnType<typeof run>, n: number) => l.pages[n - 1].boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId!);
    expect(ids(run(rest), 2)).not.toEqual(onPage2);
    const after = run(rest, { locks: [lock] });
    expect(ids(after, 2)).toEqual(onPage2);
    expect(after.pages[1].locked).toBe(true);
    // Every ad is still set exactly once.
    const all = after.pages.flatMap((p) => p.boxes.filter((b) => b.kind === 'ad').map((b) => b.orderId));
    expect(all.sort((a, b) => a! - b!)).toEqual(rest.map((a) => a.orderId));
  });

  it('a code adds its short link and room for the QR under the ad', () => {
    const plain = ad({ classification: 'jobs' });
    const coded = { ...plain, orderId: plain.orderId + 10_000, code: 'AB3K' };
    const l = run([plain, coded], { codeText: (c) => `golmok.kr/p/${c}` });
    const [a, b] = reading(l).filter((x) => x.kind === 'ad');
    expect(b.h).toBeGreaterThan(a.h);
    expect(b.codeLines!.join('')).toBe('golmok.kr/p/AB3K');
  });

  it('placement: inside the columns and the type area, never over another display ad', () => {
    const sizes = new Map([[1, { columns: 2, cm: 5 }]]);
    const other = { orderId: 1, page: 1, column: 1, topMm: 0 };
    expect(
      placementError(geometry, { orderId: 2, columns: 1, cm: 2 }, { orderId: 2, page: 1, column: 2, topMm: 60 }, [other], sizes),
    ).toBeNull();
    expect(placementError(geometry, { orderId: 2, columns: 1, cm: 2 }, { orderId: 2, page: 1, column: 2, topMm: 40 }, [other], sizes)).toBe(
      'print.error.overlap',
    );
    expect(placementError(geometry, { orderId: 2, columns: 2, cm: 2 }, { orderId: 2, page: 1, column: 2, topMm: 60 }, [], sizes)).toBe(
      'print.error.column',
    );
    expect(placementError(geometry, { orderId: 2, columns: 1, cm: 9 }, { orderId: 2, page: 1, column: 1, topMm: 20 }, [], sizes)).toBe(
      'print.error.top',
    );
    expect(
      placementError(geometry, { orderId: 2, columns: 1, cm: 2 }, { orderId: 2, page: 2, column: 1, topMm: 0 }, [other], sizes),
    ).toBeNull();
  });
});
