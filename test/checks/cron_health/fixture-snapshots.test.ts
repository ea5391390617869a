/**
 * The cron health checks over the recorded 17.0 and 18.0 fixture databases (test/fixtures/facts/), whose
 * README lists the conditions set up on purpose: a failing per-minute custom cron run as the admin, the
 * mail queue cron with a nextcall in 2024, the auto-vacuum deactivated. Exactly those must show.
 */
import { describe, expect, it } from 'vitest';
import { cronHealthChecks } from '../../../server/src/checks/cron_health/index.ts';
import { runOnSnapshot } from '../support/snapshots.ts';

describe('cron health on the 18.0 fixture database', () => {
  const run = runOnSnapshot(cronHealthChecks, '18.0');

  it('reports the deliberate conditions, and nothing else', () => {
    expect(run.seen).toEqual([
      'cron_health.cron-runs-as-admin-user 26',
      'cron_health.cron-runs-as-admin-user 27',
      'cron_health.essential-cron-disabled 1',
      'cron_health.failing-cron 26',
      'cron_health.overdue-cron 3',
      'cron_health.too-frequent-cron 26',
    ]);
  });

  it('reads the failing cron from Odoo 18 failure counter', () => {
    expect(run.find('cron_health.failing-cron', '26')?.message).toBe(
      "Cron 'Custom: Sync stock levels from WMS' (every minute) failed 6 times in a row since 2026-12-04 19:28 UTC; Odoo will deactivate it if it still fails after 2026-12-11 19:28 UTC.",
    );
    expect(run.find('cron_health.overdue-cron', '3')?.object.label).toBe('Mail: Email Queue Manager');
    expect(run.find('cron_health.essential-cron-disabled', '1')?.object.label).toBe('Base: Auto-vacuum internal data');
  });

  it('leaves the logged failures of that cron to the failure counter, and sees the runner as still alive a minute after it stopped', () => {
    const byId = Object.fromEntries(run.results.map((r) => [r.checkId, r.status]));
    expect(byId['cron_health.cron-errors-in-log']).toBe('passed');
    expect(byId['cron_health.cron-runner-stalled']).toBe('passed');
    expect(byId['cron_health.exhausted-cron']).toBe('not_applicable');
  });
});

describe('cron health on the 17.0 fixture database', () => {
  const run = runOnSnapshot(cronHealthChecks, '17.0');

  it('reports the same conditions, the failing cron from the database log since 17.0 has no failure counter', () => {
    expect(run.seen).toEqual([
      'cron_health.cron-errors-in-log 23',
      'cron_health.cron-runs-as-admin-user 23',
      'cron_health.cron-runs-as-admin-user 24',
      'cron_health.essential-cron-disabled 1',
      'cron_health.overdue-cron 3',
      'cron_health.too-frequent-cron 23',
    ]);
    const logged = run.find('cron_health.cron-errors-in-log', '23');
    expect(logged?.severity).toBe('high');
    expect(logged?.evidence).toMatchObject({ failures: 7, latestRunFailed: true });
  });
});
