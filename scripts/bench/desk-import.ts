/**
 * `npm run bench -- --desk-rows 10000` (or `tsx scripts/bench/desk-import.ts --desk-rows N`): the ad desk's CSV path on a
 * fresh database — stage (decode + parse), preview (validate every row + duplicate lookups, as each preview page does),
 * import (one transaction: listings, children, search index, spam hooks, audit) — with deterministic generated rows.
 * SQLite in a temp file, or PostgreSQL at BENCH_DATABASE_URL in BENCH_DB_SCHEMA (created; drop it afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { createServices } from '../../src/services.js';
import { csvLine, DESK_COLUMNS } from '../../src/components/desk/index.js';
import { benchEngine, writeResult } from './bench-kit.js';

const { values } = parseArgs({ options: { 'desk-rows': { type: 'string', default: '10000' } }, strict: false });
const rows = Math.max(1, Number(values['desk-rows']) || 10_000);

const CATEGORIES = ['flowers', 'restaurants', 'cafes', 'hair', 'academies', 'car-repair', 'moving-cleaning', 'repair-home'];
const DISTRICTS = ['동구', '서구', '남구', '북구', '광산구'];
const ROADS = ['금남로', '충장로', '상무중앙로', '군분2로', '첨단과기로'];
function csvOf(n: number): Buffer {
  const lines = [csvLine([...DESK_COLUMNS])];
  for (let i = 0; i < n; i += 1) {
    const mobile = `010-${String(2000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
    const land = `062-${String(300 + (i % 600)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')}`;
    lines.push(csvLine([
      `골목 가게 ${i + 1}`, i % 10 === 0 ? 'classified' : 'business', CATEGORIES[i % CATEGORIES.length], mobile,
      `본점|광주 ${DISTRICTS[i % 5]} ${ROADS[i % 5]} ${1 + (i % 300)}|${land}`, `기본 상품|${(1 + (i % 9)) * 5000};특별 상품|${1 + (i % 5)}만원`,
      i % 3 === 0 ? `농협|홍길동|302-${String(1000 + (i % 9000))}-649511` : '', `광주의 작은 가게 ${i + 1}입니다. 친절하게 모십니다.`, '', '',
    ]));
  }
  return Buffer.from(`\uFEFF${lines.join('')}`, 'utf8');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-desk-bench-'));
const pg = process.env.BENCH_DATABASE_URL;
const config = loadConfig(
  {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    UPLOADS_DIR: path.join(dir, 'uploads'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    DESK_MAX_ROWS: String(Math.max(rows, 20_000)),
    PASSWORD_HASH_COST: '1024',
    ...(pg
      ? { DATABASE_URL: pg, DB_SCHEMA: process.env.BENCH_DB_SCHEMA ?? 'golmok_desk_bench' }
      : { SQLITE_FILE: path.join(dir, 'bench.sqlite') }),
  },
  dir,
);
const db = createKnex(config.db);
try {
  await migrateLatest(db);
  const services = createServices(config, db);
  const deskId = await services.accounts.createUser({
    email: `desk-bench-${Date.now()}@example.kr`,
    password: 'bench password long enough',
    role: 'desk',
  });
  const bytes = csvOf(rows);
  // Wall time and this process's CPU time per phase: on a shared machine the CPU time is the fairer figure.
  async function phase<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return { value, wallMs: Math.round(performance.now() - t), cpuMs: Math.round((used.user + used.system) / 1000) };
  }
  const stage = await phase(() => services.desk.stageCsv(deskId, bytes));
  const preview = await phase(() => services.desk.preview(stage.value.draftId, deskId));
  if (preview.value.evaluation.counts.invalid) throw new Error(`${preview.value.evaluation.counts.invalid} generated rows are invalid`);
  const imported = await phase(() => services.desk.importDraft(stage.value.draftId, deskId));
  const ms = (p: { wallMs: number; cpuMs: number }) => ({ wallMs: p.wallMs, cpuMs: p.cpuMs });
  const result = {
    engine: benchEngine(), rows, csvMb: +(bytes.length / 1048576).toFixed(2), stage: ms(stage), preview: ms(preview), import: ms(imported),
    batchId: imported.value, rssMb: Math.round(process.memoryUsage().rss / 1048576),
  };
  const show = (p: { wallMs: number; cpuMs: number }) => `${p.wallMs} ms (CPU ${p.cpuMs} ms)`;
  console.log(
    `ad desk CSV on ${result.engine}: ${rows} rows (${result.csvMb} MB) — stage ${show(stage)}, preview ${show(preview)}, import ${show(imported)} in one transaction; RSS ${result.rssMb} MB`,
  );
  writeResult('desk-import', result);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
