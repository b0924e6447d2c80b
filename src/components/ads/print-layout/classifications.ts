/**
 * The paper's classification list (분류): the groups of the classified pages, in page order, with Korean and English
 * names. Orders carry the classification the advertiser or the desk typed (free text before this list existed);
 * `classify` maps it onto the list by code, name or alias, and anything else goes to the last group, 기타.
 */
export interface Classification { code: string; ko: string; en: string; aliases: string[] }

/** The default list (AD_PRINT_CLASSIFICATIONS replaces it): the usual order of a Korean paper's classified section. */
export const DEFAULT_CLASSIFICATIONS = [
  'jobs:구인:Jobs offered:채용,구인광고,알바,아르바이트',
  'wanted:구직:Jobs wanted:구직광고',
  'property-sale:부동산 매매:Property for sale:부동산,매매,아파트 매매,토지,상가 매매',
  'rent:임대:To let:월세,전세,원룸,임대차,세놓음,상가 임대',
  'cars:자동차:Cars:차량,중고차,자동차 매매',
  'used:중고:Second-hand goods:중고 물품,중고품,팝니다',
  'living:생활:Living and services:생활 정보,이사,청소,수리',
  'business:업체 안내:Business directory:업체,업소,상가 안내,광고',
  'academy:학원:Schools and tutoring:교육,과외,강습',
  'family:경조사:Family notices:부고,결혼,개업,감사',
].join(';');

export const OTHER: Classification = { code: 'other', ko: '기타', en: 'Other', aliases: [] };

/** Parses `code:한국어:English[:alias,alias]` entries separated by `;`; null when an entry is malformed or a code repeats. */
export function parseClassifications(spec: string): Classification[] | null {
  const out: Classification[] = [];
  for (const entry of spec.split(';').map((e) => e.trim()).filter(Boolean)) {
    const [code, ko, en, aliases = ''] = entry.split(':').map((p) => p.trim());
    if (!code || !/^[a-z0-9-]{1,30}$/.test(code) || !ko || !en || code === OTHER.code || out.some((c) => c.code === code)) return null;
    out.push({ code, ko, en, aliases: aliases.split(',').map((a) => a.trim()).filter(Boolean) });
  }
  return out.length ? out : null;
}

/** The configured list, or the default one; a malformed setting fails at start-up with one line. */
export function classificationList(spec: string | undefined): Classification[] {
  const list = parseClassifications(spec ?? DEFAULT_CLASSIFICATIONS);
  if (!list)
    throw new Error('Invalid configuration: AD_PRINT_CLASSIFICATIONS must be entries code:한국어:English[:alias,alias] separated by ;');
  return list;
}

const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, '');

/**
 * The group an order's classification belongs to: its code, Korean or English name or an alias, compared without
 * spaces or case; unknown or empty text goes to 기타 (printed last).
 */
export function classify(list: readonly Classification[], text: string | undefined): Classification {
  const key = norm(text ?? '');
  if (!key) return OTHER;
  return list.find((c) => [c.code, c.ko, c.en, ...c.aliases].some((n) => norm(n) === key)) ?? OTHER;
}
