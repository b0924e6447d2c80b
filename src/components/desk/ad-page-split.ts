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
  const out: string[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    current.push(line);
    const restHasTel = lines.slice(i + 1).some((l) => TEL_LINE.test(l) && hasPhone(l));
    if (TEL_LINE.test(line) && hasPhone(line) && restHasTel) {
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

export function splitAdPage(text: string): string[] {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '');
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
    .filter(Boolean)
    .slice(0, MAX_ADS_PER_PAGE);
}
