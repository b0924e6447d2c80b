/** The text of each page of a PDF, by poppler-utils' pdftotext (the same extraction a reader's copy-paste gets). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';

/** A Supertest parser that keeps a binary body (a PDF) as one Buffer. */
export function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

export function pdfPageTexts(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-pdf-pages-'));
  try {
    const file = path.join(dir, 'a.pdf');
    fs.writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    return Array.from({ length: pages }, (_, i) =>
      execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfWord { page: number; x: number; y: number; h: number; text: string }

/** Every word of a PDF with its page and box (pdftotext -bbox), to check where text was set, not just that it is there. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return html
    .split('<page ')
    .slice(1)
    .flatMap((chunk, i) =>
      [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        page: i + 1,
        x: Number(m[1]),
        y: Number(m[2]),
        h: Number(m[3]) - Number(m[2]),
        text: m[4].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      })),
    );
}
