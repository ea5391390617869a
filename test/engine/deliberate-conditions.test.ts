/**
 * Acceptance: a live scan of the Odoo test double finds the problems deliberately set up in the
 * recorded databases (test/fixtures/odoo/<series>/README.md, "Conditions added on purpose"), each as
 * a finding on the right object, with a score and every finding explained.
 *
 * The scan's clock is set to the recording time: the fixtures are frozen on 2026-12-04, and checks
 * such as "cron overdue" measure against the scan's time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanInstance } from '../../server/src/engine/scan.ts';
import type { ScanOutcome } from '../../server/src/engine/index.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';

const RECORDED_AT = new Date('2026-12-04T19:35:00.000Z');

describe.each(['17.0', '18.0'] as const)('a live scan of the Odoo %s double', (series) => {
  let odoo: OdooDouble;
  let scan: ScanOutcome;
  const has = (checkId: string, key?: string) =>
    scan.pulse.findings.some((f) => f.checkId === checkId && (key === undefined || f.object.key === key || f.object.label === key));

  beforeAll(async () => {
    odoo = await startOdooDouble({ series });
    scan = await scanInstance({
      target: { url: odoo.url, database: odoo.database, login: odoo.apiKeyUser.login, protocol: 'xmlrpc' },
      secret: odoo.apiKeyUser.apiKey,
      secretKind: 'api_key',
      now: RECORDED_AT,
    });
  });
  afterAll(() => odoo?.close());

  it('gives a Pulse Score over all nine dimensions, each finding explained and costed', () => {
    expect(scan.pulse.score).toBeGreaterThan(0);
    expect(scan.pulse.coverage).toBe(1);
    for (const finding of scan.pulse.findings) {
      expect(finding.message.length).toBeGreaterThan(20);
      expect(finding.fix.length).toBeGreaterThan(10);
      expect(finding.points).toBeGreaterThanOrEqual(0);
    }
  });

  it('finds the crons set up to fail: the failing custom cron, the overdue mail queue, the deactivated autovacuum', () => {
    const failing = series === '18.0' ? 'cron_health.failing-cron' : 'cron_health.cron-errors-in-log';
    expect(has(failing, 'Custom: Sync stock levels from WMS')).toBe(true);
    expect(has('cron_health.overdue-cron', 'Mail: Email Queue Manager') || has('cron_health.cron-runner-stalled')).toBe(true);
    expect(has('cron_health.essential-cron-disabled', 'Base: Auto-vacuum internal data')).toBe(true);
  });

  it('finds the failed outgoing mails and the mail server without TLS', () => {
    expect(has('performance.mail-queue-exceptions')).toBe(true);
    expect(has('security.mail-server-without-tls', 'Corporate SMTP relay')).toBe(true);
  });

  it('finds the extra administrator, the users without 2FA, the portal accounts and free sign-up', () => {
    const admins = scan.pulse.findings.find((f) => f.checkId === 'permissions.too-many-administrators');
    expect(admins?.evidence.users).toEqual(['admin', 'olivia.ops@example.com']);
    expect(has('security.users-without-2fa')).toBe(true);
    const portal = scan.pulse.findings.find((f) => f.checkId === 'permissions.external-accounts-review');
    expect(portal?.evidence.logins).toContain('paula.portal@example.com');
    expect(has('security.public-signup-enabled')).toBe(true);
  });

  it('finds the exposed database manager and database list', () => {
    expect(has('security.database-manager-exposed')).toBe(true);
    expect(has('security.database-list-exposed')).toBe(true);
  });

  it('finds the code stored in the database (custom crons, the automation rule)', () => {
    const stored = scan.pulse.findings.filter((f) => f.checkId.startsWith('custom_code.') && f.object.kind === 'server_action');
    expect(stored.map((f) => f.object.label)).toEqual(expect.arrayContaining(['Custom: Sync stock levels from WMS', 'Custom: Nightly partner cleanup']));
  });

  it('finds the second company without a country and the loopback web.base.url', () => {
    expect(has('configuration.company-without-country', 'Pulse Subsidiary Ltd')).toBe(true);
    expect(has('configuration.base-url-not-public')).toBe(true);
  });

  it('states the one gap the recorded data cannot fill (views without an XML id) instead of guessing', () => {
    expect(scan.report.gaps.map((g) => g.fact)).toEqual(['customViews']);
  });
});
