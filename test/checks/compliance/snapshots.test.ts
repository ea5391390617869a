/** The compliance checks on the facts of the real 17.0 and 18.0 fixture databases. */
import { describe, expect, it } from 'vitest';
import { complianceChecks } from '../../../server/src/checks/compliance/index.ts';
import { runOnSnapshot, SNAPSHOT_SERIES } from '../support/snapshots.ts';

describe.each(SNAPSHOT_SERIES)('compliance checks on the Odoo %s fixture database', (series) => {
  const scan = runOnSnapshot(complianceChecks, series);

  it('assesses every check', () => {
    expect(scan.results.filter((r) => r.status !== 'passed' && r.status !== 'failed')).toEqual([]);
  });

  it('finds the missing password policy and the 20% 2FA adoption (the disabled auto-vacuum is a cron health finding)', () => {
    expect(scan.find('compliance.password-policy-weak', 'auth_password_policy')).toBeDefined();
    expect(scan.find('compliance.two-factor-not-enforced')?.evidence).toMatchObject({ internalUsers: 5, withTwoFactor: 1, adoptionPercent: 20 });
  });

  it('credits the installed privacy_lookup and the 3-year activity retention, and finds no personal data in the log', () => {
    expect(scan.find('compliance.privacy-tools-absent')).toBeUndefined();
    expect(scan.find('compliance.activity-retention-disabled')).toBeUndefined();
    expect(scan.find('compliance.pii-in-logs')).toBeUndefined();
    expect(scan.find('compliance.card-numbers-in-logs')).toBeUndefined();
  });

  it('reports nothing beyond these conditions', () => {
    expect(scan.seen).toEqual([
      'compliance.audit-trail-absent audit-trail',
      'compliance.password-policy-weak auth_password_policy',
      'compliance.two-factor-not-enforced two-factor-policy',
    ]);
  });
});
