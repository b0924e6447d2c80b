/**
 * The bench's baseline: a bare Express 5 app rendering a fixed EJS page of exactly the listing page's byte size
 * (no database, no middleware). Run as `node dist/scripts/bench/baseline-server.js BYTES PORT VIEWS_DIR`.
 */
import ejs from 'ejs';
import express from 'express';
import path from 'node:path';

const [bytes, port] = [Number(process.argv[2]), Number(process.argv[3])];
const views = process.argv[4];
const template = path.join(views, 'baseline.ejs');

function locals(items: number, filler: string) {
  return {
    title: '골목 기준 페이지',
    site: '골목',
    items: Array.from({ length: items }, (_, i) => ({
      id: i + 1,
      name: `광주 가게 ${i + 1} <상호>`,
      text: '꽃 배달, 화환 & 근조 화환 — 062-522-2000 "당일 배송"',
    })),
    filler,
  };
}

/** Item count and ASCII filler such that the page is exactly `bytes` long. */
async function sizedLocals() {
  let items = 40;
  for (;;) {
    const size = Buffer.byteLength(await ejs.renderFile(template, locals(items, '')));
    if (size <= bytes) return locals(items, 'x'.repeat(bytes - size));
    if (items === 0) return locals(0, '');
    items = Math.floor(items / 2);
  }
}

const data = await sizedLocals();
const app = express();
app.disable('x-powered-by');
app.set('views', views);
app.set('view engine', 'ejs');
app.set('view cache', true);
app.get('/{*any}', (_req, res) => res.render('baseline', data));
app.listen(port, '127.0.0.1');
