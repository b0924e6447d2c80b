/**
 * The edition's classified pages as tagged text (XML) for a paper that sets its pages in its own system: the same
 * content and order as the PDF, page by page and column by column, with each ad's order number, classification,
 * extras, code and written lines. The format is described in docs/print-pages.md.
 */
import type { Layout } from './layout.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Control characters are not allowed in XML 1.0; copy never needs them.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const mm = (pt: number) => (pt / (72 / 25.4)).toFixed(1);


export function taggedText(
  layout: Layout,
  o: { edition: string; paper: string; copyOf: (orderId: number) => string; codeUrl?: (code: string) => string },
): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const g = layout.geometry;
  out.push(
    `<edition date="${esc(o.edition)}" paper="${esc(o.paper)}" pages="${layout.pages.length}" page-mm="${g.pageWidthMm}x${g.pageHeightMm}" columns="${g.columns}">`,
  );
  for (const page of layout.pages) {
    out.push(`  <page number="${page.number}"${page.locked ? ' locked="true"' : ''}>`);
    for (const b of page.boxes.filter((x) => x.kind === 'display')) {
      out.push(
        `    <display order="${b.orderId}" column="${b.column}" columns="${b.span}" top-mm="${mm(b.y - g.marginMm * (72 / 25.4))}" height-mm="${mm(b.h)}"${codeAttrs(b.code, o.codeUrl)}>`,
      );
      out.push(`      <copy>${esc(o.copyOf(b.orderId!))}</copy>`);
      out.push('    </display>');
    }
    for (let c = 1; c <= g.columns; c += 1) {
      const boxes = page.boxes.filter((b) => b.column === c && b.kind !== 'display').sort((a, b) => a.y - b.y);
      if (!boxes.length) continue;
      out.push(`    <column number="${c}">`);
      for (const b of boxes) {
        if (b.kind === 'heading') out.push(`      <heading classification="${esc(b.classification)}">${esc(b.label ?? '')}</heading>`);
        else {
          out.push(
            `      <ad order="${b.orderId}" classification="${esc(b.classification)}"${b.font === 'bold' ? ' bold="true"' : ''}${b.box ? ' box="true"' : ''}${codeAttrs(b.code, o.codeUrl)}>`,
          );
          out.push(`        <copy>${esc(o.copyOf(b.orderId!))}</copy>`);
          out.push('      </ad>');
        }
      }
      out.push('    </column>');
    }
    out.push('  </page>');
  }
  out.push('</edition>', '');
  return out.join('\n');
}

function codeAttrs(code: string | undefined, url?: (code: string) => string): string {
  return code ? ` code="${esc(code)}"${url ? ` url="${esc(url(code))}"` : ''}` : '';
}
