/**
 * Branches printed on one line ("맛나김밥 본점 광주 북구 용봉로 12 062-262-1111 / 첨단점 광주 광산구 … 062-972-2222")
 * and an address run on after a one-line ad's name: the line is cut before each address (and the branch name before
 * it), so each branch keeps its own address and phones.
 */
import { parseRoadAddress, SIDO } from '../../lib/korean-address.js';
import { extractPhones } from './ad-text-phones.js';

const sidoWords = SIDO.flatMap((s) => [s.name, s.short, ...s.aliases]).sort((a, b) => b.length - a.length).join('|');
/** Where an address may start: a 시도 word as a word of its own, then a 시군구 word. */
const ADDRESS_START = new RegExp(String.raw`(?<![가-힣A-Za-z0-9])(?:${sidoWords})\s+[가-힣]+(?:구|군|시)(?=\s)`, 'g');
/** A branch's name right before its address (상무점:, 본점, 2호점). */
const BRANCH_NAME = String.raw`(?!(?:전문|배출|판매|할인|편의|음식|가맹)점)[가-힣A-Za-z0-9]{1,8}점|본원|분원|본사|지사|본관|별관|\d+호점`;
const BRANCH_BEFORE = new RegExp(String.raw`(?:^|\s)(${BRANCH_NAME})\s*[:：]?\s*$`);
/** A branch line that starts with the branch's name (임동점 광주 …, 상무점: 광주 …, 본원 광주 …). */
export const BRANCH_NAME_FIRST = new RegExp(String.raw`^(${BRANCH_NAME})[:：]?\s+(.+)$`);
const EDGE_SEPARATORS = /^[\s/|｜·,;•]+|[\s/|｜·,;•]+$/g;

/** Where each address (with its branch name) starts in the line, for addresses that parse as road addresses. */
function addressStarts(line: string): number[] {
  const starts: number[] = [];
  const matches = [...line.matchAll(ADDRESS_START)];
  for (const [i, m] of matches.entries()) {
    const end = matches[i + 1]?.index ?? line.length;
    const segment = extractPhones(line.slice(m.index, end)).rest;
    if (!parseRoadAddress(segment.replace(/[(（)）|｜/·]/g, ' '))) continue;
    const branch = line.slice(0, m.index).match(BRANCH_BEFORE);
    starts.push(branch ? m.index - branch[0].length + branch[0].indexOf(branch[1]) : m.index);
  }
  return starts;
}

function cutAt(line: string, starts: number[]): string[] {
  const cuts = [0, ...starts.filter((s) => s > 0), line.length];
  return cuts.slice(0, -1).map((from, i) => line.slice(from, cuts[i + 1]).replace(EDGE_SEPARATORS, '')).filter(Boolean);
}

/** A line holding two or more addresses → the text before them, then one piece per branch. Other lines: as they are. */
export function splitBranchLine(line: string): string[] {
  const starts = addressStarts(line);
  return starts.length >= 2 ? cutAt(line, starts) : [line];
}

/** A line with one address after other words (행운복권방 로또 1등 배출점 광주 북구 서하로 10) → the words, then the address. */
export function splitTrailingAddress(line: string): string[] {
  const starts = addressStarts(line);
  return starts.length === 1 && starts[0] > 0 ? cutAt(line, starts) : [line];
}

/** Brackets a phone or a label left empty in an address line: "상무대로 773 ( )" → "상무대로 773". */
export function dropEmptyBrackets(text: string): string {
  return text.replace(/[(（]\s*[)）]/g, ' ').replace(/(^|\s)[()（）](?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim();
}
