/** A strict little reader of the .eml files the outbox writes: every header line by name, the decoded subject, the body parts. */
import fs from 'node:fs';
import path from 'node:path';

export interface ParsedEml {
  /** Header names in order, lower-case, one entry per header (folded lines joined). */
  headerNames: string[];
  header(name: string): string[];
  subject: string;
  contentType: string;
  body: string;
  raw: string;
}

function decodeQ(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '_') bytes.push(0x20);
    else if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (B and Q) → text; adjacent encoded words join without the folding space. */
export function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
    (kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQ(data)).toString('utf8'));
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQ(body.replace(/=\n/g, '').replace(/_/g, '=5F')).toString('utf8');
  return body;
}

export function parseEml(raw: string): ParsedEml {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split);
  const bodyRaw = text.slice(split + 2);
  const headers: [string, string][] = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1][1] += `\n${line}`;
    else {
      const m = line.match(/^([!-9;-~]+):[ \t]?(.*)$/);
      if (!m) throw new Error(`not a header line: ${JSON.stringify(line)}`);
      headers.push([m[1].toLowerCase(), m[2]]);
    }
  }
  const header = (name: string) => headers.filter(([k]) => k === name.toLowerCase()).map(([, v]) => v);
  const encoding = (header('content-transfer-encoding')[0] ?? '').toLowerCase();
  return {
    headerNames: headers.map(([k]) => k), header, raw: text,
    subject: decodeWords(header('subject')[0] ?? ''),
    contentType: header('content-type')[0] ?? '',
    body: decodeBody(bodyRaw, encoding),
  };
}

/** Every .eml in a folder, oldest first. */
export function readEmls(dir: string): ParsedEml[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().map((f) => parseEml(fs.readFileSync(path.join(dir, f), 'utf8')));
}
