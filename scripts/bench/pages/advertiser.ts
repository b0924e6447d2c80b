/**
 * The signed-in advertiser behind the write mix's draft saves: created with `user:create` (the app's CLI) when
 * missing, signed in over HTTP like a browser, owning one draft; the draft save is that draft's form posted again
 * (multipart, CSRF token in the action URL as the form has it, session and CSRF cookies).
 */
import type { Knex } from 'knex';
import type { BenchRequest } from './load.js';
import { runNodeScript } from './processes.js';

const EMAIL = 'bench-advertiser@example.com';
const PASSWORD = 'bench-only-password-1234';
// The app runs behind a proxy in production: its session cookie is Secure, so the bench says the scheme was https.
const PROXY = { 'X-Forwarded-Proto': 'https' };

export class CookieJar {
  private cookies = new Map<string, string>();
  take(res: Response): void {
    this.takeLines(res.headers.getSetCookie());
  }
  takeLines(lines: string[]): void {
    for (const line of lines) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]) < new Date()));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function request(
  origin: string,
  jar: CookieJar,
  path: string,
  init: { method?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(origin + path, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { ...PROXY, Cookie: jar.header(), ...(init.contentType ? { 'Content-Type': init.contentType } : {}) },
    body: init.body,
  });
  jar.take(res);
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

export const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export function formAction(html: string): string {
  const m = html.match(/<form[^>]*class="listing-form"[^>]*>/) ?? html.match(/<form[^>]*enctype="multipart\/form-data"[^>]*>/);
  const action = m?.[0].match(/action="([^"]+)"/)?.[1];
  if (!action) throw new Error('the listing form has no action URL');
  return unescapeHtml(action);
}

export const BOUNDARY = '----golmokbench7MA4YWxkTrZu0gW';
const fieldParts = (fields: Array<[string, string]>) =>
  fields.map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
function multipart(fields: Array<[string, string]>): string {
  return `${fieldParts(fields)}--${BOUNDARY}--\r\n`;
}

/** A multipart body of text fields and one file, as a browser posts the listing form with a photo. */
export function multipartWithFile(
  fields: Array<[string, string]>,
  file: { field: string; name: string; type: string; bytes: Buffer },
): Buffer {
  const head = `${fieldParts(fields)}--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

function draftFields(csrf: string): Array<[string, string]> {
  return [
    ['_csrf', csrf], ['kind', 'business'], ['name', '벤치 초안 꽃집'], ['description', '벤치마크가 저장하는 초안입니다. 광주 북구의 꽃집.'],
    ['phones[0][number]', '062-710-1234'], ['action', 'draft'],
  ];
}

async function ensureUser(db: Knex, dbEnv: Record<string, string>): Promise<number> {
  const found = await db('users').where({ email: EMAIL }).first('id');
  if (found) return Number(found.id);
  await runNodeScript('dist/src/cli/user-create.js', ['--email', EMAIL, '--role', 'advertiser'], {
    ...dbEnv,
    GOLMOK_USER_PASSWORD: PASSWORD,
  });
  const created = await db('users').where({ email: EMAIL }).first('id');
  return Number(created.id);
}

/** Signs the advertiser in, makes sure it owns a draft, and returns the request that saves that draft again. */
export async function prepareDraftSave(origin: string, db: Knex, dbEnv: Record<string, string>): Promise<BenchRequest> {
  const userId = await ensureUser(db, dbEnv);
  const jar = new CookieJar();
  const loginPage = await request(origin, jar, '/login');
  const csrf = loginPage.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error(`GET /login (${loginPage.status}) has no CSRF field`);
  const body = new URLSearchParams({ _csrf: unescapeHtml(csrf), email: EMAIL, password: PASSWORD, next: '' }).toString();
  const login = await request(origin, jar, '/login', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' });
  if (login.status !== 303) throw new Error(`signing in the bench advertiser answered ${login.status}`);
  let draft = await db('listings').where({ owner_id: userId, status: 'draft' }).orderBy('id', 'desc').first('id');
  if (!draft) {
    const page = (await request(origin, jar, '/submissions/new')).text;
    const action = formAction(page);
    const created = await request(origin, jar, action, {
      method: 'POST',
      body: multipart(draftFields(formToken(page))),
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    });
    if (created.status !== 303) throw new Error(`creating the bench draft answered ${created.status}`);
    draft = await db('listings').where({ owner_id: userId, status: 'draft' }).orderBy('id', 'desc').first('id');
    if (!draft) throw new Error('the bench draft was not stored');
  }
  const form = await request(origin, jar, `/submissions/${draft.id}/edit`);
  if (form.status !== 200) throw new Error(`GET /submissions/${draft.id}/edit answered ${form.status}`);
  const action = formAction(form.text);
  return {
    method: 'POST',
    path: action,
    headers: { ...PROXY, Cookie: jar.header(), 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipart(draftFields(formToken(form.text))),
  };
}

/** The listing form's CSRF token: its first field (the action URL never carries it). */
function formToken(html: string): string {
  return unescapeHtml(html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '');
}

/** Sends a request once and checks its answer (before any load: a wrong setup fails at once, loudly). */
export async function checkOnce(origin: string, r: BenchRequest, ok: number[], headers: Record<string, string>): Promise<void> {
  const res = await fetch(origin + r.path, { method: r.method, redirect: 'manual', headers: { ...headers, ...r.headers }, body: r.body });
  await res.arrayBuffer();
  const location = res.headers.get('location') ?? '';
  if (!ok.includes(res.status) || (res.status === 303 && !location.startsWith('/my/listings'))) {
    throw new Error(`${r.method} ${r.path} answered ${res.status}${location ? ` → ${location}` : ''} (expected ${ok.join('/')})`);
  }
}
