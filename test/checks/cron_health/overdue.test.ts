import { describe, expect, it } from 'vitest';
import { cronRunnerStalled } from '../../../server/src/checks/cron_health/cron-runner-stalled.ts';
import { overdueCron } from '../../../server/src/checks/cron_health/overdue-cron.ts';
import { describeDuration, describeInterval, overdueToleranceMs } from '../../../server/src/checks/cron_health/schedule.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { AUTOVACUUM, MAIL_QUEUE, NIGHTLY_CLEANUP, NOTIFICATIONS_HOURLY, WMS_18 } from './crons.ts';

/** The fixture's mail queue cron, whose nextcall was set to 2024-01-15 02:00:00. */
const MAIL_QUEUE_STUCK = { ...MAIL_QUEUE, nextcall: '2024-01-15 02:00:00' };

describe('cron schedule helpers', () => {
  it('describes intervals and durations in words', () => {
    expect(describeInterval({ intervalNumber: 1, intervalType: 'minutes' })).toBe('every minute');
    expect(describeInterval({ intervalNumber: 240, intervalType: 'minutes' })).toBe('every 240 minutes');
    expect(describeDuration(26 * 60_000)).toBe('26 minutes');
    expect(describeDuration(3 * 86_400_000 + 5)).toBe('3 days');
  });

  it('tolerates one period, at least an hour and at most a day', () => {
    expect(overdueToleranceMs({ intervalNumber: 1, intervalType: 'minutes' })).toBe(3_600_000);
    expect(overdueToleranceMs({ intervalNumber: 6, intervalType: 'hours' })).toBe(6 * 3_600_000);
    expect(overdueToleranceMs({ intervalNumber: 1, intervalType: 'weeks' })).toBe(86_400_000);
  });
});

describe('cron_health.overdue-cron', () => {
  it('reports the fixture mail queue cron due since January 2024', () => {
    const facts = factsWith({ crons: [AUTOVACUUM, MAIL_QUEUE_STUCK, WMS_18, NIGHTLY_CLEANUP, NOTIFICATIONS_HOURLY] });
    const result = run(overdueCron, facts);
    expect(result.findings.map((f) => f.object.key)).toEqual(['3']);
    expect(result.findings[0].message).toBe(
      "Cron 'Mail: Email Queue Manager' (every hour) was due at 2024-01-15 02:00 UTC and is 1054 days overdue.",
    );
  });

  it('does not report a per-minute cron a few minutes late, nor an inactive cron with an old date', () => {
    const inactive = { ...MAIL_QUEUE_STUCK, active: false };
    expect(run(overdueCron, factsWith({ crons: [WMS_18, inactive] })).status).toBe('passed');
  });

  it('leaves a stalled runner to cron_health.cron-runner-stalled instead of one finding per cron', () => {
    const late = (c: typeof WMS_18) => ({ ...c, nextcall: '2026-12-03 08:00:00' });
    const facts = factsWith({ crons: [late(WMS_18), late(NIGHTLY_CLEANUP), late(NOTIFICATIONS_HOURLY), AUTOVACUUM] });
    expect(run(overdueCron, facts).status).toBe('passed');
    expect(run(cronRunnerStalled, facts).status).toBe('failed');
  });
});

describe('cron_health.cron-runner-stalled', () => {
  it('reports the runner once when three or more active crons are overdue', () => {
    const facts = factsWith(
      { crons: [MAIL_QUEUE_STUCK, WMS_18, NOTIFICATIONS_HOURLY, NIGHTLY_CLEANUP, AUTOVACUUM] },
      // Two days after the fixture's recording, with the cron runner frozen since.
      { now: '2026-12-06T20:00:00.000Z' },
    );
    const result = run(cronRunnerStalled, facts);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.object).toEqual({ kind: 'instance', key: 'cron-runner', label: 'Cron runner' });
    expect(finding.message).toMatch(/^5 of 5 active crons are overdue/);
    expect(finding.message).toContain("the oldest, 'Mail: Email Queue Manager', has been due for 1056 days");
    expect(finding.message).toContain('the most recent cron run recorded dates from 2026-12-04 19:33 UTC');
  });

  it('passes with one or two overdue crons', () => {
    expect(run(cronRunnerStalled, factsWith({ crons: [MAIL_QUEUE_STUCK, WMS_18, AUTOVACUUM] })).status).toBe('passed');
  });
});
