/** Export → import into an empty database → export again: the same CSV (the demo data: two print ads and ~200 synthetic listings). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines } from '../../helpers/test-db.js';
import { csrfFrom } from '../../helpers/auth.js';
import { createStaff, staffAgent } from '../../helpers/staff.js';

describe.each(engines())('desk export round trip on %s', (engine) => {
  let source: TestApp;
  let target: TestApp;
  beforeAll(async () => {
    source = await createTestApp({ engine, seed: true });
    target = await createTestApp({ engine });
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('every exported listing imports without an error and exports to the same lines', async () => {
    const exporter = await staffAgent(source, await createStaff(source, 'admin'));
    const first = (await exporter.get('/desk/export?format=csv&status=published').expect(200)).text;
    const lines = first.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(150);
    expect(first).toContain('60플라워');

    const importer = await staffAgent(target, await createStaff(target, 'admin'));
    const home = await importer.get('/desk').expect(200);
    const staged = await importer
      .post(`/desk/csv?_csrf=${encodeURIComponent(csrfFrom(home.text))}`)
      .attach('file', Buffer.from(first, 'utf8'), { filename: 'export.csv', contentType: 'text/csv' });
    expect(staged.status).toBe(303);
    const preview = await importer.get(`${staged.headers.location.split('?')[0]}?show=problems`).expect(200);
    expect(preview.text).toContain(`모두 ${lines.length - 1}행 · 올릴 수 있음 ${lines.length - 1} · 오류 0`);
    const done = await importer
      .post(staged.headers.location.split('?')[0])
      .type('form')
      .send({ _csrf: csrfFrom(preview.text), rows: '', action: 'import' });
    expect(done.status).toBe(303);

    const second = (await importer.get('/desk/export?format=csv').expect(200)).text;
    expect(second).toBe(first);
  });
});
