/** The page bench's pure parts: flags, the wrk request script, failures and the chart. */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../scripts/bench/pages/options.js';
import { luaString, wrkScript } from '../../../scripts/bench/pages/load.js';
import { chartSvg, failuresOf, type RunReport } from '../../../scripts/bench/pages/report.js';
import { buildTargets } from '../../../scripts/bench/pages/targets.js';
import { isBot } from '../../../src/components/stats/stats.service.js';

const clean = {
  requests: 100,
  seconds: 10,
  rps: 10,
  p50: 1,
  p95: 2,
  p99: 3,
  max: 4,
  bytesPerResponse: 5000,
  unexpectedStatus: 0,
  sampleStatus: null,
  socketErrors: 0,
  timeouts: 0,
};

describe('page bench options', () => {
  it('no flags → 100,000 listings on SQLite, 32 connections, wrk or autocannon', () => {
    const o = parseOptions([], { PATH: '' });
    expect(o).toMatchObject({
      listings: 100_000,
      engine: 'sqlite',
      connections: 32,
      duration: 10,
      tool: 'autocannon',
      dbSchema: 'bench_100000',
    });
  });

  it('--engine pg without BENCH_DATABASE_URL → refused', () => {
    expect(() => parseOptions(['--engine', 'pg'], {})).toThrow(/BENCH_DATABASE_URL/);
  });

  it('a schema name that is not a plain identifier → refused', () => {
    expect(() => parseOptions(['--engine', 'pg'], { BENCH_DATABASE_URL: 'postgres://x@127.0.0.1/db', BENCH_DB_SCHEMA: 'a; drop' })).toThrow(
      /BENCH_DB_SCHEMA/,
    );
  });

  it('--listings 0 or 1.5 → refused', () => {
    expect(() => parseOptions(['--listings', '0'], {})).toThrow(/--listings/);
    expect(() => parseOptions(['--listings', '1.5'], {})).toThrow(/--listings/);
  });
});

describe('wrk request script', () => {
  it('Korean paths, quotes and CRLF in bodies → decimal escapes inside one Lua string per request', () => {
    const lua = wrkScript({
      origin: 'http://127.0.0.1:9',
      okStatuses: [200, 303],
      headers: { 'Accept-Encoding': 'br' },
      connections: 2,
      seconds: 1,
      timeoutSeconds: 1,
      seed: 3,
      requests: [{ method: 'POST', path: '/districts/%EB%B6%81%EA%B5%AC', body: 'a="b"\r\n한' }],
    });
    expect(lua).toContain(
      '"POST /districts/%EB%B6%81%EA%B5%AC HTTP/1.1\\013\\010Host: 127.0.0.1:9\\013\\010Accept-Encoding: br\\013\\010Content-Length: 10\\013\\010\\013\\010a=\\034b\\034\\013\\010\\237\\149\\156"',
    );
    expect(lua).toContain('[200] = true, [303] = true');
  });
});

describe('page bench report', () => {
  it('any bad status, socket error or timeout → a failure naming the target', () => {
    expect(failuresOf('home', clean)).toEqual([]);
    expect(failuresOf('home', { ...clean, unexpectedStatus: 2, sampleStatus: 500, timeouts: 1 })).toEqual([
      'home: 2 responses with an unexpected status (e.g. 500)',
      'home: 1 timeouts',
    ]);
  });

  it('labels in the chart are escaped', () => {
    const rep = {
      listings: 1,
      engine: 'SQLite',
      connections: 32,
      date: 'd',
      tool: 'wrk',
      targets: [{ name: 'x', label: '<b>&', result: clean, baselineRps: 20, ratio: 0.5, appRssMb: 1 }],
    } as unknown as RunReport;
    const svg = chartSvg(rep);
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});

describe('wrk request bytes', () => {
  /** Lua 5.1's reading of a string literal's escapes: a backslash and up to three decimal digits. */
  const luaBytes = (literal: string): Buffer => {
    const out: number[] = [];
    const body = literal.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      if (body[i] !== '\\') { out.push(body.charCodeAt(i)); continue; }
      const digits = /^\d{1,3}/.exec(body.slice(i + 1))![0];
      out.push(Number(digits));
      i += digits.length;
    }
    return Buffer.from(out);
  };

  it('a request whose body follows a line break with digits reaches wrk byte for byte (Content-Length stays true)', () => {
    const raw = Buffer.from('POST /my/listings/7 HTTP/1.1\r\nContent-Length: 19\r\n\r\n2026\n10:00\r\n"\\전화', 'utf8');
    expect(luaBytes(luaString(raw)).equals(raw)).toBe(true);
  });
});

describe('page bench write mix', () => {
  it('1 % draft saves, 4 % call beacons sent as a phone browser would (the app counts them: not a bot), the rest listing pages', () => {
    const sample = {
      listingPaths: ['/listings/1-a', '/listings/2-b'],
      categorySlugs: ['flowers'],
      pagedCategorySlugs: [],
      beacons: [{ listingId: 1, phoneId: 7 }],
    };
    const draft = { method: 'POST' as const, path: '/submissions/9?_csrf=t', body: 'x' };
    const mix = buildTargets(sample, draft).find((t) => t.name === 'write-mix')!.requests;
    const beacons = mix.filter((r) => r.path === '/listings/1/calls');
    expect(mix.filter((r) => r === draft).length / mix.length).toBe(0.01);
    expect(beacons.length / mix.length).toBe(0.04);
    expect(beacons.every((b) => b.body === 'phone=7' && !isBot(b.headers?.['User-Agent']))).toBe(true);
  });
});
