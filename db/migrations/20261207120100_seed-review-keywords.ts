/** The review keywords every install offers (reference data): a general set, and sets per category (by slug). */
import type { Knex } from 'knex';

type Keyword = [code: string, ko: string, en: string];
const SETS: Array<[category: string | null, keywords: Keyword[]]> = [
  [
    null,
    [
      ['kind', '친절해요', 'Friendly'],
      ['fair-price', '가격이 합리적이에요', 'Fair prices'],
      ['quick-reply', '응대가 빨라요', 'Quick to respond'],
      ['explains', '설명을 잘해줘요', 'Explains well'],
      ['on-time', '약속을 잘 지켜요', 'Keeps their word'],
      ['come-back', '또 오고 싶어요', 'Would come back'],
    ],
  ],
  [
    'shopping',
    [
      ['good-goods', '상품이 좋아요', 'Good products'],
      ['fast-delivery', '배송이 빨라요', 'Fast delivery'],
      ['careful-packing', '포장이 꼼꼼해요', 'Careful packing'],
      ['wide-choice', '종류가 다양해요', 'Wide choice'],
    ],
  ],
  [
    'flowers',
    [
      ['fresh-flowers', '꽃이 싱싱해요', 'Fresh flowers'],
      ['as-pictured', '사진과 똑같아요', 'Just as pictured'],
    ],
  ],
  [
    'food',
    [
      ['tasty', '음식이 맛있어요', 'Tasty food'],
      ['generous', '양이 넉넉해요', 'Generous portions'],
      ['clean-place', '매장이 청결해요', 'Clean place'],
    ],
  ],
  [
    'health',
    [
      ['thorough-care', '진료가 꼼꼼해요', 'Thorough care'],
      ['short-wait', '대기가 짧아요', 'Short wait'],
    ],
  ],
  [
    'beauty',
    [
      ['great-style', '원하는 스타일로 해줘요', 'Got the style I wanted'],
      ['careful-work', '시술이 꼼꼼해요', 'Careful work'],
    ],
  ],
  [
    'education',
    [
      ['teaches-well', '잘 가르쳐요', 'Teaches well'],
      ['good-advice', '상담이 자세해요', 'Detailed advice'],
    ],
  ],
  [
    'real-estate',
    [
      ['accurate-info', '매물 정보가 정확해요', 'Accurate listings'],
      ['careful-contract', '계약을 꼼꼼히 챙겨줘요', 'Careful with contracts'],
    ],
  ],
  [
    'cars',
    [
      ['good-repair', '정비를 잘해요', 'Good repairs'],
      ['honest-quote', '견적이 정직해요', 'Honest quotes'],
    ],
  ],
  [
    'services',
    [
      ['fixes-well', '수리를 잘해요', 'Fixes things well'],
      ['tidy-work', '뒷정리가 깔끔해요', 'Cleans up after the job'],
    ],
  ],
  [
    'classifieds',
    [
      ['as-described', '설명과 물건이 같아요', 'As described'],
      ['smooth-deal', '거래가 깔끔해요', 'Smooth deal'],
    ],
  ],
];

export async function up(knex: Knex): Promise<void> {
  let order = 0;
  const rows = SETS.flatMap(([category, keywords]) =>
    keywords.map(([code, ko, en]) => ({ code, category_slug: category, label_ko: ko, label_en: en, sort_order: order++ })),
  );
  await knex('review_keywords').insert(rows);
}

export async function down(knex: Knex): Promise<void> {
  await knex('review_keywords').del();
}
