import { describe, expect, it } from 'vitest';
import { SEVERITIES, type CheckMeta } from '../../server/src/checks/types.ts';
import { fingerprint } from '../../server/src/findings/fingerprint.ts';
import { buildSarif, FINGERPRINT_KEY, sarifLevel } from '../../server/src/report/sarif.ts';
import { scanReportToSarif } from '../../server/src/report/scan-sarif.ts';
import { SAMPLE_CHECKS, sampleScan } from './sample.ts';
import { expectSarif210 } from './sarif-shape.ts';

const { report } = await sampleScan();

describe('SARIF output of a scan', () => {
  const log = scanReportToSarif(report, SAMPLE_CHECKS);
  const run = log.runs[0];

  it('has the SARIF 2.1.0 shape', () => {
    expectSarif210(log);
  });

  it('declares every check that ran as a rule, with its metadata', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(SAMPLE_CHECKS.map((c) => c.id));
    const rule = run.tool.driver.rules.find((r) => r.id === 'security.test-admin-login')!;
    expect(rule.shortDescription.text).toBe('Administrator login is "admin"');
    expect(rule.properties).toMatchObject({ dimension: 'security', severity: 'critical', effort: 0.25 });
    expect(rule.helpUri).toBe('https://example.com/admin-login');
    expect(rule.help.text).toContain('Rename the administrator login');
  });

  it('gives one result per finding, levelled by severity, fingerprinted as the finding is', () => {
    expect(run.results).toHaveLength(report.pulse.findings.length);
    const admin = run.results.find((r) => r.ruleId === 'security.test-admin-login')!;
    expect(admin.level).toBe('error');
    expect(admin.partialFingerprints[FINGERPRINT_KEY]).toBe(fingerprint('security.test-admin-login', { kind: 'user', key: 'admin' }));
    expect(admin.locations[0].logicalLocations?.[0]).toMatchObject({ name: 'admin', fullyQualifiedName: 'user:admin' });
    expect(run.results.find((r) => r.ruleId === 'cron_health.test-overdue')!.level).toBe('warning');
  });

  it('points file findings at the file, line and column', () => {
    const file = run.results.find((r) => r.ruleId === 'custom_code.test-commit')!;
    expect(file.level).toBe('note');
    expect(file.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'x_sync/models/sync.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 42, startColumn: 9 },
    });
  });

  it('reports gaps and failing checks as tool notifications, and the score as run properties', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes.some((n) => n.level === 'warning' && n.message.text.includes('access denied on ir.logging'))).toBe(true);
    expect(notes.some((n) => n.level === 'error' && n.message.text.includes('configuration.test-throws'))).toBe(true);
    expect(run.properties).toMatchObject({ pulseScore: report.pulse.score, grade: report.pulse.grade, series: '18.0' });
  });
});

describe('buildSarif (shared with the source-code analyser)', () => {
  const rule: CheckMeta = {
    id: 'custom_code.sql-injection', dimension: 'custom_code', severity: 'critical', title: 'SQL built by string formatting',
    rationale: 'Injection.', remediation: 'Use query parameters.', effortHours: 1, references: [],
  };

  it('maps every severity to a SARIF level', () => {
    expect(SEVERITIES.map(sarifLevel)).toEqual(['error', 'error', 'warning', 'note', 'note']);
  });

  it('anchors relative file paths on the given source root and encodes them', () => {
    const log = buildSarif({
      rules: [rule],
      sourceRoot: '/srv/addons',
      findings: [{
        checkId: rule.id, dimension: 'custom_code', severity: 'critical', message: 'cr.execute with % formatting',
        object: { kind: 'file', key: 'my mod/x.py:3', file: 'my mod/x.py', line: 3 }, fingerprint: 'a'.repeat(32),
      }],
    });
    expectSarif210(log);
    expect(log.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///srv/addons/' } });
    expect(log.runs[0].results[0].locations[0].physicalLocation?.artifactLocation.uri).toBe('my%20mod/x.py');
  });

  it('names code stored in the database by its record and line, not as a file of the checkout', () => {
    const log = buildSarif({
      rules: [rule],
      sourceRoot: '/srv/addons',
      findings: [{
        checkId: rule.id, dimension: 'custom_code', severity: 'high', message: 'The query passed to execute() is built with % formatting.',
        object: { kind: 'server_action', key: '12|db://ir.actions.server/12|sql-injection|x', label: 'Nightly fix', file: 'db://ir.actions.server/12', line: 3, column: 1 },
        fingerprint: 'c'.repeat(32),
      }],
    });
    expectSarif210(log);
    const [location] = log.runs[0].results[0].locations;
    expect(location.physicalLocation).toBeUndefined();
    expect(location.logicalLocations).toEqual([{ name: 'Nightly fix', fullyQualifiedName: 'db://ir.actions.server/12:3:1', kind: 'resource' }]);
  });

  it('adds a minimal rule for a finding of an undeclared check, so ruleIndex stays valid', () => {
    const log = buildSarif({
      rules: [rule],
      findings: [{
        checkId: 'custom_code.unknown', dimension: 'custom_code', severity: 'low', message: 'm', title: 'Unknown',
        object: { kind: 'module', key: 'x_sync' }, fingerprint: 'b'.repeat(32),
      }],
    });
    expectSarif210(log);
    expect(log.runs[0].results[0].ruleIndex).toBe(1);
  });
});
