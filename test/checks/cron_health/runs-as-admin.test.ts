import { describe, expect, it } from 'vitest';
import { cronRunsAsAdmin } from '../../../server/src/checks/cron_health/cron-runs-as-admin.ts';
import { factsWith } from '../../support/facts.ts';
import { GROUPS_18, run, USERS_18 } from '../support/records.ts';
import { AUTOVACUUM, NIGHTLY_CLEANUP, WMS_18 } from './crons.ts';

describe('cron_health.cron-runs-as-admin-user', () => {
  it("reports the fixture's custom crons run as Mitchell Admin, not Odoo's own run as OdooBot", () => {
    const result = run(cronRunsAsAdmin, factsWith({ crons: [AUTOVACUUM, WMS_18, NIGHTLY_CLEANUP], users: USERS_18, groups: GROUPS_18 }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['26', '27']);
    expect(result.findings[0].message).toBe(
      "Cron 'Custom: Sync stock levels from WMS' runs as Mitchell Admin (admin), a person with Settings rights, instead of OdooBot or a dedicated technical user.",
    );
    expect(result.findings[0].severity).toBe('low');
  });

  it('raises the severity when the account is archived', () => {
    const users = USERS_18.map((u) => (u.id === 2 ? { ...u, active: false } : u));
    const [finding] = run(cronRunsAsAdmin, factsWith({ crons: [WMS_18], users, groups: GROUPS_18 })).findings;
    expect(finding.severity).toBe('medium');
    expect(finding.message).toContain('an archived account with Settings rights');
  });

  it('passes for a cron run by a user without Settings rights, and for inactive crons', () => {
    const asSam = { ...WMS_18, userId: 9, userName: 'Sam Sales' };
    expect(run(cronRunsAsAdmin, factsWith({ crons: [asSam, { ...NIGHTLY_CLEANUP, active: false }], users: USERS_18, groups: GROUPS_18 })).status).toBe('passed');
  });
});
