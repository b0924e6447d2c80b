/**
 * Line breaking for Hangul copy as CSS `word-break: keep-all` does it: a line breaks only at a space, never inside a
 * word, and never inside a phone number (062) 522-2000 has a space a plain keep-all would break at). A word wider
 * than the whole column is the one exception: it is cut between characters, as `overflow-wrap: anywhere` would; a
 * phone number is never cut and may overhang instead. Widths come from the caller's measure (the embedded font).
 */
export type FontKey = 'regular' | 'bold';
/** Width in points of `text` set in `font` at `size` points. */
export type Measure = (text: string, font: FontKey, size: number) => number;

/**
 * Phone numbers as printed in ads: area code with ) or a separator, representative numbers (1588-3082), mobile
 * numbers without separators, and ranges (062-522-2000~3). Not preceded by a digit, so 500 123 4567 is not one.
 */
const PHONE =
  /(?<!\d)(?:\(0\d{1,3}\)\s?|0\d{1,3}\)\s?|0\d{1,3}[-.\s])\d{3,4}[-.\s]\d{4}(?:~\d{1,2})?|(?<!\d)1[5-9]\d{2}-\d{4}|(?<!\d)01\d{8,9}(?!\d)/g;

/** Phone numbers in a text, as printed (for tests and the export). */
export function phonesIn(text: string): string[] {
  return [...text.matchAll(PHONE)].map((m) => m[0]);
}

/** The unbreakable pieces of one written line: words split at spaces, with each phone number kept whole. */
export function words(line: string): Array<{ text: string; phone: boolean }> {
  const out: Array<{ text: string; phone: boolean }> = [];
  let at = 0;
  const plain = (s: string) => {
    for (const w of s.split(/\s+/)) if (w) out.push({ text: w, phone: false });
  };
  for (const m of line.matchAll(PHONE)) {
    const before = line.slice(at, m.index);
    // A phone glued to the word before it (문의010-2345-6789) stays glued: the pair is one unbreakable word.
    if (before && !/\s$/.test(before)) {
      const pieces = before.split(/\s+/);
      const last = pieces.pop()!;
      plain(pieces.join(' '));
      out.push({ text: last + m[0], phone: true });
    } else {
      plain(before);
      out.push({ text: m[0], phone: true });
    }
    at = m.index + m[0].length;
  }
  const rest = line.slice(at);
  if (rest && !/^\s/.test(rest) && out.length && out[out.length - 1].phone) {
    const [first, ...others] = rest.split(/\s+/);
    out[out.length - 1] = { text: out[out.length - 1].text + first, phone: true };
    plain(others.join(' '));
  } else plain(rest);
  return out;
}

/** Cuts a word wider than `width` between characters (code points), each piece as wide as fits. */
function cutWord(word: string, width: number, m: (s: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && m(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The copy set into lines of at most `width` points: each written line wraps on its own; blank lines are dropped. */
export function breakLines(copy: string, width: number, font: FontKey, size: number, measure: Measure): string[] {
  const m = (s: string) => measure(s, font, size);
  const lines: string[] = [];
  for (const written of copy.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const w of words(written)) {
      const candidate = line ? `${line} ${w.text}` : w.text;
      if (m(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      if (w.phone || m(w.text) <= width) line = w.text;
      else {
        const pieces = cutWord(w.text, width, m);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1];
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}
