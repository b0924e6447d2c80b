/** The fixed mix of real queries the benchmarks search for (bench:search times them one by one; `npm run bench` loads them). */
export const SEARCHES = [
  '꽃', '빵', '약', // 1 syllable, frequent
  '화환', '드론', '카페', '헤어', '떡갈비', // 2–3 syllables
  '축하 화환', '포장 이사', '근조화환 3단', // several words
  'dji', 'hdkorea', // brands
  '062-522-2000', '5222000', '010 9984 0151', // phones
  '북구', '서구 드론', '광산구 카페', // districts
  '에이치디코라아', // typo path
];
export const SUGGESTS = ['꽃', '화', '화환', '드', '드론', '에이', 'hd', 'dj', 'ㅎㅎ', '카페'];
