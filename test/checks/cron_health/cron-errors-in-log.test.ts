import { describe, expect, it } from 'vitest';
import { cronErrorsInLog } from '../../../server/src/checks/cron_health/cron-errors-in-log.ts';
import { parseCronFailure } from '../../../server/src/checks/cron_health/cron-log.ts';
import { factsWith } from '../../support/facts.ts';
import { logEntry, logs, run } from '../support/records.ts';
import { failure17, failure18, NIGHTLY_CLEANUP, WMS_17, WMS_18 } from './crons.ts';

const WMS_17_FAILURES = ['19:33:48', '19:32:48', '19:31:48', '19:30:47', '19:29:47', '19:28:47', '19:27:47'].map((t, i) =>
  failure17(11 - i, `2026-12-04 ${t}`),
);

describe('cron failure log lines', () => {
  it('reads the 17.0, 18.0 and time-out formats, quotes in names included', () => {
    expect(parseCronFailure(failure17(1, '2026-12-04 19:33:48'))).toMatchObject({ cronId: 23, serverActionId: 357, cronName: 'Custom: Sync stock levels from WMS', kind: 'failed' });
    expect(parseCronFailure(failure18(1, '2026-12-04 19:33:53'))).toMatchObject({ cronId: 26, serverActionId: 376, kind: 'failed' });
    expect(parseCronFailure(failure18(1, 'x', { message: 'Job "Bob\'s export" (12) timed out' }))).toMatchObject({ cronId: 12, cronName: "Bob's export", kind: 'timed out' });
    expect(parseCronFailure(failure18(1, 'x', { message: 'Job \'X\' (12) server action #5 failed\n...\nodoo.exceptions.UserError: WMS returned 503' }))?.error).toBe(
      'odoo.exceptions.UserError: WMS returned 503',
    );
  });

  it('ignores other log lines, and cron lines that are not errors', () => {
    expect(parseCronFailure(logEntry({ id: 1, message: 'Access Denied' }))).toBeNull();
    expect(parseCronFailure(failure18(1, 'x', { level: 'INFO', message: "Job 'X' (26) completed" }))).toBeNull();
  });
});

describe('cron_health.cron-errors-in-log', () => {
  it('reports the 17.0 WMS job from its seven logged failures, including the latest run', () => {
    const facts = factsWith({ crons: [WMS_17, NIGHTLY_CLEANUP], logs: logs(WMS_17_FAILURES) }, { series: '17.0' });
    const result = run(cronErrorsInLog, facts);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.object).toEqual({ kind: 'cron', key: '23', label: 'Custom: Sync stock levels from WMS' });
    expect(finding.severity).toBe('high');
    expect(finding.message).toContain('7 failed runs logged between 2026-12-04 19:27 UTC and 2026-12-04 19:33 UTC, including its latest run');
    expect(finding.evidence).toMatchObject({ failures: 7, latestRunFailed: true });
  });

  it('keeps medium severity when the latest run logged no failure', () => {
    const recovered = { ...WMS_17, lastcall: '2026-12-04 19:50:00' };
    const [finding] = run(cronErrorsInLog, factsWith({ crons: [recovered], logs: logs(WMS_17_FAILURES) })).findings;
    expect(finding.severity).toBe('medium');
    expect(finding.message).toContain('its latest run logged no failure');
  });

  it('leaves 18.0 crons whose failure counter already reports them to cron_health.failing-cron', () => {
    const entries = [failure18(24, '2026-12-04 19:33:53'), failure18(23, '2026-12-04 19:32:53')];
    expect(run(cronErrorsInLog, factsWith({ crons: [WMS_18], logs: logs(entries) })).status).toBe('passed');
    // An 18.0 job that failed, then succeeded (counter reset) is still worth a look.
    const reset = { ...WMS_18, failureCount: 0, firstFailureDate: null, lastcall: '2026-12-04 19:55:00' };
    expect(run(cronErrorsInLog, factsWith({ crons: [reset], logs: logs(entries) })).findings).toHaveLength(1);
  });

  it('ignores failures older than the window and crons that no longer exist', () => {
    const old = [failure17(1, '2026-10-01 10:00:00')];
    expect(run(cronErrorsInLog, factsWith({ crons: [WMS_17], logs: logs(old) })).status).toBe('passed');
    expect(run(cronErrorsInLog, factsWith({ crons: [NIGHTLY_CLEANUP], logs: logs(WMS_17_FAILURES) })).status).toBe('passed');
  });

  it('is not assessed without the database log', () => {
    expect(run(cronErrorsInLog, factsWith({ crons: [WMS_17] })).status).toBe('not_assessed');
  });
});
