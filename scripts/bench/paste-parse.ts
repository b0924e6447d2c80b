/**
 * `tsx scripts/bench/paste-parse.ts [--sizes 1000,10000,100000] [--budget-s 30]`: CPU cost of the ad desk's pasted-page
 * split and parse (splitAdPage, then the print-ad parser on each ad, as a paste job does), with no caps, on pastes of
 * N lines in four shapes: the two real print ads repeated; one line without a phone repeated; a "Tel" line with a phone
 * repeated; a "문의" line without a phone repeated (the worst case before the split was made linear). Once a shape takes
 * longer than the budget, its larger sizes are skipped (a super-linear split would take hours at 100k lines).
 * `--shape Tel` runs the shapes whose name starts so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { splitAdPage } from '../../src/components/desk/ad-page-split.js';
import { parseAdText } from '../../src/components/submissions/index.js';
import { projectRoot } from '../../src/lib/paths.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    'budget-s': { type: 'string', default: '30' },
    shape: { type: 'string' },
  },
  strict: false,
});
const sizes = String(values.sizes).split(',').map(Number).filter((n) => n > 0);
const budgetMs = Number(values['budget-s']) * 1000;

const fixtures = path.join(projectRoot, '..', '..', 'shared', 'fixtures', 'print-ads.json');
const printed: string[] = fs.existsSync(fixtures)
  ? JSON.parse(fs.readFileSync(fixtures, 'utf8')).ads.map((a: { printed_text: string }) => a.printed_text)
  : ['60플라워\nFlower\n\n축하화환 3단\n\n근조화환 3단\nTel. 010-9984-0151'];

const shapes: Record<string, (n: number) => string> = {
  'print ads repeated': (n) => {
    const lines: string[] = [];
    for (let i = 0; lines.length < n; i++) lines.push(...printed[i % printed.length].split('\n'), '');
    return lines.slice(0, n).join('\n');
  },
  'one line, no phone': (n) => Array(n).fill('축하화환 3단 6만원').join('\n'),
  'Tel line with a phone': (n) => Array(n).fill('Tel. 010-9984-0151').join('\n'),
  '문의 line, no phone': (n) => Array(n).fill('문의 주세요').join('\n'),
};

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

console.log(`paste split + parse, CPU ms (node ${process.version}); sizes ${sizes.join(', ')} lines; budget ${budgetMs / 1000} s`);
for (const [name, make] of Object.entries(shapes).filter(([n]) => !values.shape || n.startsWith(String(values.shape)))) {
  const row: string[] = [];
  let over = false;
  for (const n of sizes) {
    if (over) {
      row.push(`${n}: skipped`);
      continue;
    }
    const text = make(n);
    let ads = 0;
    const ms = cpuMs(() => {
      const split = splitAdPage(text);
      ads = split.length;
      for (const ad of split) parseAdText(ad.slice(0, 5000), []);
    });
    row.push(`${n}: ${ms} ms (${(text.length / 1024).toFixed(0)} KB, ${ads} ads)`);
    over = ms > budgetMs;
  }
  console.log(`${name.padEnd(24)} ${row.join(' | ')}`);
}
