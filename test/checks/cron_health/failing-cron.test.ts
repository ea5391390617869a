import { describe, expect, it } from 'vitest';
import { failingCron } from '../../../server/src/checks/cron_health/failing-cron.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { MAIL_QUEUE, WMS_17, WMS_18 } from './crons.ts';

describe('cron_health.failing-cron', () => {
  it('reports the fixture WMS job with its failure count, first failure and deactivation deadline', () => {
    const result = run(failingCron, factsWith({ crons: [MAIL_QUEUE, WMS_18] }));
    expect(result.status).toBe('failed');
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.object).toEqual({ kind: 'cron', key: '26', label: 'Custom: Sync stock levels from WMS' });
    expect(finding.severity).toBe('high');
    expect(finding.message).toContain('failed 6 times in a row since 2026-12-04 19:28 UTC');
    // 7 days after the first failure, Odoo 18 switches it off at the next failure.
    expect(finding.message).toContain('if it still fails after 2026-12-11 19:28 UTC');
    expect(finding.evidence).toMatchObject({ failureCount: 6, firstFailureDate: '2026-12-04 19:28:53' });
  });

  it('says the next failure deactivates the cron once both thresholds are reached', () => {
    const facts = factsWith({ crons: [{ ...WMS_18, failureCount: 4, firstFailureDate: '2026-11-20 08:00:00' }] });
    expect(run(failingCron, facts).findings[0].message).toContain('Odoo will deactivate it at its next failure');
  });

  it('counts the failures still needed when the first failure is old but the count is low', () => {
    const facts = factsWith({ crons: [{ ...WMS_18, failureCount: 2, firstFailureDate: '2026-11-20 08:00:00' }] });
    expect(run(failingCron, facts).findings[0].message).toContain('after 3 more consecutive failures');
  });

  it('passes when no active cron has failures, and ignores a stale counter on an archived cron', () => {
    expect(run(failingCron, factsWith({ crons: [MAIL_QUEUE, { ...WMS_18, failureCount: 0, firstFailureDate: null }] })).status).toBe('passed');
    expect(run(failingCron, factsWith({ crons: [{ ...WMS_18, active: false }] })).status).toBe('passed');
  });

  it('does not apply before 18.0, which has no failure counter', () => {
    const result = run(failingCron, factsWith({ crons: [WMS_17] }, { series: '17.0' }));
    expect(result.status).toBe('not_applicable');
  });
});

describe('cron_health.failing-cron without a first failure date', () => {
  it('still reports the failures and states the rule instead of a date', () => {
    const [finding] = run(failingCron, factsWith({ crons: [{ ...WMS_18, failureCount: 2, firstFailureDate: null }] })).findings;
    expect(finding.message).toBe(
      "Cron 'Custom: Sync stock levels from WMS' (every minute) failed 2 times in a row; Odoo deactivates a cron after 5 consecutive failures spanning 7 days.",
    );
  });
});
