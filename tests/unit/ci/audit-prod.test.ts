/** The CI audit step's verdict on `npm audit --omit=dev --json` output. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without type declarations
import { judgeAudit } from '../../../scripts/audit-prod.mjs';

const report = (counts: Record<string, number>, vulnerabilities: Record<string, unknown> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts }, dependencies: { prod: 200 } },
  });

describe('judgeAudit', () => {
  it('no advisory → passes with one summary line', () => {
    const v = judgeAudit(report({}), { required: true });
    expect(v).toMatchObject({ ok: true, reachable: true });
    expect(v.lines[0]).toBe('npm audit (production dependencies): 0 critical, 0 high, 0 moderate, 0 low');
  });

  it('moderate and low only → passes', () => {
    expect(judgeAudit(report({ moderate: 2, low: 1 }), { required: true }).ok).toBe(true);
  });

  it('a high advisory → fails, naming the package, its title and how to fix it', () => {
    const v = judgeAudit(
      report(
        { high: 1 },
        {
          'tar-fs': {
            name: 'tar-fs',
            severity: 'high',
            range: '<2.1.4',
            via: [{ title: 'Symlink validation bypass', url: 'https://github.com/advisories/GHSA-test' }],
          },
          'prebuild-install': { name: 'prebuild-install', severity: 'high', via: ['tar-fs'] },
        },
      ),
      { required: false },
    );
    expect(v.ok).toBe(false);
    expect(v.lines.join('\n')).toContain('high: tar-fs <2.1.4 — Symlink validation bypass (https://github.com/advisories/GHSA-test)');
    expect(v.lines.join('\n')).toContain('high: prebuild-install  — via tar-fs');
  });

  it('a critical advisory → fails', () => {
    expect(judgeAudit(report({ critical: 1 }), { required: false }).ok).toBe(false);
  });

  it.each([
    JSON.stringify({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 }),
    JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to the registry failed' } }),
    '',
    'not json',
  ])('an unreachable endpoint (%j) is reported; it passes unless AUDIT_REQUIRED', (out) => {
    const skipped = judgeAudit(out, { required: false });
    expect(skipped).toMatchObject({ ok: true, reachable: false });
    expect(skipped.lines[0]).toMatch(/could not be asked .*no advisory was checked — skipped/);
    expect(judgeAudit(out, { required: true })).toMatchObject({ ok: false, reachable: false });
  });
});
