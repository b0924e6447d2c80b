/**
 * The load test's traffic: autocannon connections, each playing one short scenario after another, picked at random
 * by weight — browse (home, category, district, page 2), search page and JSON API, listing pages, call beacons,
 * logins (login form → POST /login → my listings) and submissions with a photo (the form, then its multipart POST
 * with the CSRF token from the form's action URL and the session cookie; signing in first when needed).
 * Every scenario comes from a new visitor address (X-Forwarded-For behind TRUST_PROXY=1), so no per-IP rate limit
 * is reached by the crowd as a whole and every beacon is a distinct visitor, counted once. Connections are spread
 * round-robin over the app instances. Results per kind of request: count, statuses, latencies.
 */
import autocannon from 'autocannon';
import { SEARCHES } from '../search-mix.js';
import { GWANGJU_DISTRICTS } from '../../../src/lib/korean-address.js';
import { BOUNDARY, CookieJar, formAction, multipartWithFile, unescapeHtml } from '../pages/advertiser.js';
import { seededRandom } from '../pages/load.js';
import {
  EXPECT,
  KINDS,
  LOGIN,
  SCENARIOS,
  type Kind,
  type KindResult,
  type MixData,
  type MixResult,
  type MixSpec,
  type UnexpectedAnswer,
} from './scenarios.js';

export { KINDS, SCENARIOS } from './scenarios.js';
export type { Kind, KindResult, MixData, MixResult, MixSpec, UnexpectedAnswer } from './scenarios.js';

interface Step { kind: Kind; started: number; method: string; path: string }
interface Connection {
  queue: Kind[];
  jar: CookieJar;
  signedIn: boolean;
  visitor: number;
  csrf: string;
  action: string;
  current: Step | null;
  account: string | null;
}

const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const BROWSER = { 'User-Agent': UA, 'Accept-Encoding': 'gzip, deflate, br', 'Accept-Language': 'ko-KR,ko;q=0.9' };

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

const MAX_KEPT_ANSWERS = 40;

/** The human-readable reason an error page gives, without markup. */
function errorText(body: string): string | null {
  const m =
    body.match(/class="(?:error-summary|field-error|flash[^"]*)"[^>]*>([\s\S]{0,400}?)<\/(?:div|p|span|section)>/) ??
    body.match(/<h1[^>]*>([\s\S]{0,200}?)<\/h1>/);
  const text = m?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 200) : null;
}

const visitorAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export async function runMix(spec: MixSpec, data: MixData): Promise<MixResult> {
  const random = seededRandom(spec.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const totalWeight = SCENARIOS.reduce((s, x) => s + x.weight, 0);
  const latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const bad = new Map<Kind, { unexpected: number; serverErrors: number; timeouts: number; sample: string | null }>(
    KINDS.map((k) => [k, { unexpected: 0, serverErrors: 0, timeouts: 0, sample: null }]),
  );
  const beacons = { sent: 0, answered2xx: 0, answered: 0 };
  const unexpectedAnswers: UnexpectedAnswer[] = [];
  const started = performance.now();
  const quietFrom = started + (spec.seconds - spec.beaconQuietSeconds) * 1000;
  let visitors = 0;
  let submissions = 0;
  // An account logs in on one connection at a time, as a shop owner does: a login scenario leases one until its
  // POST /login is answered. (Six logins of one account in flight at once would trip the per-account limit, which
  // counts every attempt until it has succeeded.) With no account free, the scenario becomes a listing page.
  const freeAccounts = [...data.accounts];
  const release = (c: Connection) => {
    if (c.account && !c.queue.includes('login')) {
      freeAccounts.push(c.account);
      c.account = null;
    }
  };
  const paged = data.sample.pagedCategorySlugs.length ? data.sample.pagedCategorySlugs : data.sample.categorySlugs;

  function nextScenario(c: Connection): void {
    let r = random() * totalWeight;
    let steps = SCENARIOS[SCENARIOS.length - 1].steps;
    for (const s of SCENARIOS) {
      if ((r -= s.weight) < 0) {
        steps = s.steps;
        break;
      }
    }
    if (steps[0] === 'beacon' && performance.now() >= quietFrom) steps = ['listing'];
    c.queue = steps[0] === 'submission-form' && !c.signedIn ? [...LOGIN, ...steps] : [...steps];
    if (c.queue.includes('login')) {
      c.account = freeAccounts.shift() ?? null;
      if (!c.account) c.queue = ['listing'];
    }
    c.visitor = ++visitors;
  }

  function build(kind: Kind, c: Connection): { method: string; path: string; headers: Record<string, string>; body?: string | Buffer } {
    const visitor = { 'X-Forwarded-For': visitorAddress(c.visitor), 'X-Forwarded-Proto': 'https' };
    const get = (path: string) => ({ method: 'GET', path, headers: { ...BROWSER, ...visitor } });
    // The advertiser's steps: the session cookie, and no compression (the answer's HTML is read for the token).
    const own = (method: string, path: string, extra: Record<string, string> = {}) => ({
      method,
      path,
      headers: { 'User-Agent': UA, ...visitor, Cookie: c.jar.header(), ...extra },
    });
    switch (kind) {
      case 'home': return get('/');
      case 'category': return get(`/categories/${pick(data.sample.categorySlugs)}`);
      case 'district': return get(`/districts/${encodeURIComponent(pick(GWANGJU_DISTRICTS))}`);
      case 'category-page2': return get(`/categories/${pick(paged)}?page=2`);
      case 'search-page': return get(`/search?q=${encodeURIComponent(pick(SEARCHES))}`);
      case 'search-api': return get(`/api/search?q=${encodeURIComponent(pick(SEARCHES))}`);
      case 'listing': return get(pick(data.sample.listingPaths));
      case 'beacon': {
        const b = pick(data.sample.beacons);
        beacons.sent++;
        return {
          method: 'POST',
          path: `/listings/${b.listingId}/calls`,
          headers: { 'User-Agent': UA, ...visitor, 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          body: `phone=${b.phoneId}`,
        };
      }
      case 'login-form': return own('GET', '/login');
      case 'login': {
        const body = new URLSearchParams({
          _csrf: c.csrf,
          email: c.account ?? pick(data.accounts),
          password: data.password,
          next: '',
        }).toString();
        return { ...own('POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded' }), body };
      }
      case 'my-listings': return own('GET', '/my/listings');
      case 'submission-form': return own('GET', '/submissions/new');
      case 'submission': {
        const n = ++submissions;
        // The form's token is its first field (never in the action URL).
        const token = c.csrf;
        const fields: Array<[string, string]> = [
          ['_csrf', token],
          ['kind', 'business'],
          ['name', `부하시험 꽃집 ${spec.seed}-${n}`],
          ['categoryIds', String(data.categoryId)],
          ['description', `부하 시험이 올린 광고 ${n}번입니다. 광주 북구의 꽃집, 축하화환과 근조화환 배달.`],
          ['phones[0][number]', '062-522-2000'],
          ['branches[0][name]', '본점'],
          ['branches[0][address]', '광주 북구 금남로 24'],
          ['offers[0][name]', '축하화환'],
          ['offers[0][price]', '6만원'],
          ['action', 'submit'],
        ];
        const body = multipartWithFile(fields, { field: 'photos', name: 'shop.jpg', type: 'image/jpeg', bytes: data.photo });
        return { ...own('POST', c.action, { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }), body };
      }
    }
  }

  function answered(c: Connection, status: number, body: string, headers: Record<string, string | string[]>): void {
    const step = c.current;
    if (!step) return;
    c.current = null;
    latencies.get(step.kind)!.push(performance.now() - step.started);
    if (step.kind === 'beacon') {
      beacons.answered++;
      if (status >= 200 && status < 300) beacons.answered2xx++;
    }
    const cookies = headers['set-cookie'] ?? headers['Set-Cookie'];
    if (cookies) c.jar.takeLines(Array.isArray(cookies) ? cookies : [cookies]);
    if (status !== EXPECT[step.kind]) {
      const b = bad.get(step.kind)!;
      b.unexpected++;
      if (status >= 500) b.serverErrors++;
      b.sample ??= `${status} to ${step.method} ${step.path}${headers.location ? ` → ${String(headers.location)}` : ''}`;
      if (unexpectedAnswers.length < MAX_KEPT_ANSWERS) {
        unexpectedAnswers.push({
          kind: step.kind, method: step.method, path: step.path, status, location: headers.location ? String(headers.location) : null,
          message: errorText(body), at: Math.round((performance.now() - started) / 100) / 10,
        });
      }
      c.queue = [];
      if (step.kind === 'login' || step.kind === 'submission-form' || step.kind === 'my-listings') c.signedIn = false;
      release(c);
      return;
    }
    if (step.kind === 'login-form') c.csrf = unescapeHtml(body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
    if (step.kind === 'login') c.signedIn = true;
    release(c);
    if (step.kind === 'submission-form') {
      try {
        c.action = formAction(body);
        c.csrf = unescapeHtml(body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
      } catch {
        bad.get(step.kind)!.unexpected++;
        bad.get(step.kind)!.sample ??= `${status} without the listing form`;
        c.queue = [];
      }
    }
  }

  // autocannon clears a connection's context each time it wraps around its request list: a list of 1,000 (a longer
  // one slows autocannon down) loses a connection's session at most every 1,000 requests, between two steps.
  const step = {
    setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
      const c = ((context.c as Connection | undefined) ??= {
        queue: [],
        jar: new CookieJar(),
        signedIn: false,
        visitor: 0,
        csrf: '',
        action: '',
        current: null,
        account: null,
      });
      if (c.current) {
        // The previous step got no answer (it timed out and autocannon reconnected): its scenario cannot go on.
        bad.get(c.current.kind)!.timeouts++;
        if (unexpectedAnswers.length < MAX_KEPT_ANSWERS) {
          const { kind, method, path } = c.current;
          unexpectedAnswers.push({
            kind,
            method,
            path,
            status: 0,
            location: null,
            message: 'no answer (timed out)',
            at: Math.round((performance.now() - started) / 100) / 10,
          });
        }
        c.current = null;
        c.queue = [];
        c.signedIn = false;
        release(c);
      }
      if (!c.queue.length) nextScenario(c);
      const kind = c.queue.shift()!;
      const r = build(kind, c);
      c.current = { kind, started: performance.now(), method: r.method, path: r.path };
      return { ...req, ...r };
    },
    onResponse: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => {
      answered(context.c as Connection, status, body, headers);
    },
  };
  const instance = autocannon({
    url: spec.origins,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSeconds,
    requests: Array.from({ length: 1000 }, () => step),
  });
  const result = await instance;
  const seconds = result.duration;
  const kinds: KindResult[] = KINDS.map((kind) => {
    const l = latencies.get(kind)!.sort((a, b) => a - b);
    const b = bad.get(kind)!;
    return { kind, requests: l.length, rps: l.length / seconds, p50: percentile(l, 50), p99: percentile(l, 99), ...b };
  });
  const requests = kinds.reduce((s, k) => s + k.requests, 0);
  return {
    seconds, requests, rps: requests / seconds, kinds,
    serverErrors: kinds.reduce((s, k) => s + k.serverErrors, 0),
    unexpected: kinds.reduce((s, k) => s + k.unexpected, 0),
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    beacons: { sent: beacons.sent, answered2xx: beacons.answered2xx, unanswered: beacons.sent - beacons.answered },
    unexpectedAnswers,
  };
}
