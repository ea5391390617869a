import { describe, expect, it } from 'vitest';
import { essentialCronDisabled } from '../../../server/src/checks/cron_health/essential-cron-disabled.ts';
import { exhaustedCron } from '../../../server/src/checks/cron_health/exhausted-cron.ts';
import { tooFrequentCron } from '../../../server/src/checks/cron_health/too-frequent-cron.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { AUTOVACUUM, MAIL_QUEUE, NIGHTLY_CLEANUP, WMS_17, WMS_18 } from './crons.ts';

describe('cron_health.essential-cron-disabled', () => {
  it('reports the deactivated auto-vacuum of the fixtures, recognised by its code', () => {
    const result = run(essentialCronDisabled, factsWith({ crons: [{ ...AUTOVACUUM, active: false }, MAIL_QUEUE] }));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].object).toEqual({ kind: 'cron', key: '1', label: 'Base: Auto-vacuum internal data' });
    expect(result.findings[0].severity).toBe('medium');
  });

  it('recognises a renamed or translated mail queue cron by its method, at high severity', () => {
    const renamed = { ...MAIL_QUEUE, name: "Courriel : gestionnaire de file d'attente", active: false };
    const [finding] = run(essentialCronDisabled, factsWith({ crons: [AUTOVACUUM, renamed] })).findings;
    expect(finding.object.key).toBe('3');
    expect(finding.severity).toBe('high');
    expect(finding.message).toContain('queued outgoing e-mails are never sent');
  });

  it('reports a deleted auto-vacuum, but not a missing mail queue (mail may not be installed)', () => {
    const result = run(essentialCronDisabled, factsWith({ crons: [NIGHTLY_CLEANUP] }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['base.autovacuum_job']);
  });

  it('passes when the essential crons are active', () => {
    expect(run(essentialCronDisabled, factsWith({ crons: [AUTOVACUUM, MAIL_QUEUE, NIGHTLY_CLEANUP] })).status).toBe('passed');
  });
});

describe('cron_health.too-frequent-cron', () => {
  it('reports the per-minute WMS job and leaves 5-minute and slower jobs alone', () => {
    const fetchmail = { ...MAIL_QUEUE, id: 6, name: 'Mail: Fetchmail Service', intervalType: 'minutes', intervalNumber: 5, code: 'model._fetch_mails()' };
    const result = run(tooFrequentCron, factsWith({ crons: [WMS_18, fetchmail, MAIL_QUEUE] }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['26']);
    expect(result.findings[0].message).toBe("Cron 'Custom: Sync stock levels from WMS' runs every minute, 1,440 runs a day.");
  });

  it('ignores inactive crons', () => {
    expect(run(tooFrequentCron, factsWith({ crons: [{ ...WMS_18, active: false }] })).status).toBe('passed');
  });
});

describe('cron_health.exhausted-cron', () => {
  it('reports a 17.0 cron that used up its calls', () => {
    const spent = { ...NIGHTLY_CLEANUP, failureCount: null, active: false, numbercall: 0 };
    const result = run(exhaustedCron, factsWith({ crons: [WMS_17, spent] }, { series: '17.0' }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['27']);
    expect(result.findings[0].severity).toBe('info');
  });

  it('passes for unlimited crons and does not apply from 18.0', () => {
    expect(run(exhaustedCron, factsWith({ crons: [WMS_17] }, { series: '17.0' })).status).toBe('passed');
    expect(run(exhaustedCron, factsWith({ crons: [WMS_18] })).status).toBe('not_applicable');
  });
});
