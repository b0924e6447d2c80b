/**
 * Splits the text of a whole newspaper ad page into single ads. Pure. Separators, strongest first:
 * rule lines (---, ━━━, ===, ***, ───), then blank lines — where an ad is the run of paragraphs up to the one that
 * carries its phone (a paragraph without a phone belongs to the ad it opens) — and, inside a block, a new ad after
 * a "Tel …" line when another "Tel …" line follows (ads printed back to back in a repeated pattern).
 */
import { extractPhones } from '../submissions/index.js';

const RULE_LINE = /^\s*[-─━═=_*~·•]{3,}\s*$/;
const TEL_LINE = /^\s*(?:tel\b|t\s*[.)]|☎|☏|📞|전화|문의|주문|예약)/i;
export const MAX_ADS_PER_PAGE = 500;

const hasPhone = (text: string) => extractPhones(text).phones.length > 0;

function splitRepeatedTel(block: string): string[] {
  const lines = block.split('\n');
  // Each line is tested once and "does a Tel line follow?" read from the last one's index: testing every later line
  // again for each line made a paste of n lines cost n² phone searches (minutes of a blocked server at 100 KB).
  const isTel = lines.map((l) => TEL_LINE.test(l) && hasPhone(l));
  const lastTel = isTel.lastIndexOf(true);
  const out: string[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    current.push(line);
    if (isTel[i] && i < lastTel) {
      out.push(current.join('\n'));
      current = [];
    }
  });
  if (current.join('').trim()) out.push(current.join('\n'));
  return out;
}

function groupParagraphs(block: string): string[] {
  const paragraphs = block.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const ads: string[] = [];
  let current: string[] = [];
  for (const p of paragraphs) {
    current.push(p);
    if (hasPhone(p)) {
      ads.push(current.join('\n\n'));
      current = [];
    }
  }
  if (current.length) {
    if (ads.length) ads[ads.length - 1] += `\n\n${current.join('\n\n')}`;
    else ads.push(current.join('\n\n'));
  }
  return ads;
}

/** A line without its trailing spaces and tabs, in one pass (the regex /[ \t]+$/gm is quadratic in a long run of spaces). */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end === line.length ? line : line.slice(0, end);
}

export function splitAdPage(text: string): string[] {
  return splitAds(text).slice(0, MAX_ADS_PER_PAGE);
}

/** Every ad of a page, however many (a paste job refuses a page over its cap instead of cutting it). */
export function splitAds(text: string): string[] {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[^\n\u2028\u2029]+/g, trimLineEnd);
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of normalised.split('\n')) {
    if (RULE_LINE.test(line)) {
      blocks.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  blocks.push(current.join('\n'));
  return blocks
    .filter((b) => b.trim())
    .flatMap(groupParagraphs)
    .flatMap(splitRepeatedTel)
    .map((ad) => ad.trim())
    .filter(Boolean);
}
