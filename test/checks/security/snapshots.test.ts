/**
 * The security checks on the facts of the real 17.0 and 18.0 fixture databases: the conditions set
 * up on purpose there (see test/fixtures/odoo/18.0/README.md) are found, and nothing else is.
 */
import { describe, expect, it } from 'vitest';
import { securityChecks } from '../../../server/src/checks/security/index.ts';
import { runOnSnapshot, SNAPSHOT_SERIES } from '../support/snapshots.ts';

describe.each(SNAPSHOT_SERIES)('security checks on the Odoo %s fixture database', (series) => {
  const scan = runOnSnapshot(securityChecks, series);

  it('assesses every check (all facts they need were collected)', () => {
    expect(scan.results.filter((r) => r.status === 'not_assessed' || r.status === 'error')).toEqual([]);
  });

  it('finds the exposed database manager and database list (list_db = True)', () => {
    expect(scan.find('security.database-manager-exposed', '/web/database/manager')?.severity).toBe('high');
    expect(scan.find('security.database-list-exposed')?.evidence).toEqual({ databases: [series === '17.0' ? 'pulse17' : 'pulse18'] });
  });

  it('finds the internal users without 2FA, leaving out tina.totp and the archived frank.former', () => {
    const finding = scan.find('security.users-without-2fa', 'User types / Internal User');
    expect(finding?.evidence.users).toEqual(['admin', 'demo', 'olivia.ops@example.com', 'sam.sales@example.com']);
    expect(finding?.severity).toBe('high');
  });

  it('finds free sign-up (b2c), the "admin" login and the demo accounts', () => {
    expect(scan.find('security.public-signup-enabled', 'auth_signup.invitation_scope')).toBeDefined();
    expect(scan.find('security.admin-login-unchanged', 'admin')).toBeDefined();
    expect(scan.findings.filter((f) => f.checkId === 'security.demo-users-active').map((f) => f.object.key)).toEqual(['demo', 'portal']);
  });

  it('finds the SMTP relay without TLS, as low because it is on the same machine', () => {
    expect(scan.find('security.mail-server-without-tls', '1')).toMatchObject({ severity: 'low', object: { label: 'Corporate SMTP relay' } });
  });

  it('does not blame the loopback scan address for plain HTTP, and finds the headers Odoo sets on /web/login', () => {
    expect(scan.find('security.http-without-tls')).toBeUndefined();
    expect(scan.find('security.missing-security-headers')).toBeUndefined();
  });

  it('keeps the default login cooldown (10 failures, 60 s) and the API key of olivia.ops as they are', () => {
    expect(scan.find('security.login-cooldown-disabled')).toBeUndefined();
    expect(scan.find('security.api-keys-unexpiring')).toBeUndefined();
  });

  it('matches advisories by build: the 17.0 build of 2024-07-09 predates the December 2024 advisories, the 18.0 build of 2025-05-06 does not', () => {
    const advisories = scan.findings.filter((f) => f.checkId === 'security.known-advisories').map((f) => f.object.key).sort();
    expect(advisories).toEqual(series === '17.0' ? ['CVE-2024-12887', 'CVE-2024-36259', 'CVE-2024-45681'] : []);
  });

  it('reports nothing beyond these conditions', () => {
    const expected = [
      'security.admin-login-unchanged admin',
      'security.database-list-exposed /web/database/list',
      'security.database-manager-exposed /web/database/manager',
      'security.demo-users-active demo',
      'security.demo-users-active portal',
      'security.mail-server-without-tls 1',
      'security.public-signup-enabled auth_signup.invitation_scope',
      'security.users-without-2fa User types / Internal User',
      // Odoo answers version_info to anyone, and Werkzeug names itself and Python in the Server header.
      'security.version-disclosure /web/webclient/version_info',
      'security.version-disclosure header:server',
      ...(series === '17.0' ? ['CVE-2024-12887', 'CVE-2024-36259', 'CVE-2024-45681'].map((id) => `security.known-advisories ${id}`) : []),
    ].sort();
    expect(scan.seen).toEqual(expected);
  });
});
