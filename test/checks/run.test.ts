import { describe, expect, it } from 'vitest';
import { checkContext, oneLineFix, runCheck, runChecks } from '../../server/src/checks/run.ts';
import { defineCheck } from '../../server/src/checks/types.ts';
import { notCollected } from '../../server/src/facts/types.ts';
import { loadReferenceData } from '../../server/src/reference/load.ts';
import { factsWith } from '../support/facts.ts';

const reference = loadReferenceData();

const inactiveCrons = defineCheck({
  id: 'cron_health.test-inactive',
  dimension: 'cron_health',
  severity: 'medium',
  title: 'Inactive crons',
  rationale: 'Test check.',
  remediation: 'Reactivate the cron. Then watch it.',
  effortHours: 0.5,
  references: [],
  requires: ['crons'],
  evaluate: ({ crons }) =>
    crons
      .filter((c) => !c.active)
      .map((c) => ({ object: { kind: 'cron' as const, key: String(c.id), label: c.name }, message: `${c.name} is inactive` })),
});

const cron = (id: number, active: boolean) => ({
  id,
  name: `cron ${id}`,
  active,
  intervalNumber: 1,
  intervalType: 'days',
  nextcall: null,
  lastcall: null,
  priority: 5,
  userId: 1,
  userName: 'OdooBot',
  model: 'res.partner',
  code: null,
  failureCount: 0,
  firstFailureDate: null,
  numbercall: null,
  serverActionId: null,
});

describe('check framework', () => {
  it('is not assessed, never passed, when a required fact group was not collected', () => {
    const facts = factsWith({});
    facts.crons = notCollected('access denied on ir.cron');
    const result = runCheck(inactiveCrons, facts, checkContext(facts, reference));
    expect(result.status).toBe('not_assessed');
    expect(result.reason).toContain('access denied on ir.cron');
  });

  it('passes with no findings and fails with one finding per object', () => {
    const clean = runChecks([inactiveCrons], factsWith({ crons: [cron(1, true)] }), reference)[0];
    expect(clean.status).toBe('passed');
    const dirty = runChecks([inactiveCrons], factsWith({ crons: [cron(1, false), cron(2, false), cron(3, true)] }), reference)[0];
    expect(dirty.status).toBe('failed');
    expect(dirty.findings.map((f) => f.object.key)).toEqual(['1', '2']);
    expect(dirty.findings[0]).toMatchObject({ checkId: 'cron_health.test-inactive', severity: 'medium', fix: 'Reactivate the cron.' });
  });

  it('keeps the same fingerprint for the same object across scans, and distinct ones for distinct objects', () => {
    const first = runChecks([inactiveCrons], factsWith({ crons: [cron(7, false)] }, { now: '2026-01-01T00:00:00Z' }), reference)[0];
    const second = runChecks([inactiveCrons], factsWith({ crons: [{ ...cron(7, false), name: 'renamed' }, cron(8, false)] }), reference)[0];
    expect(second.findings[0].fingerprint).toBe(first.findings[0].fingerprint);
    expect(second.findings[1].fingerprint).not.toBe(first.findings[0].fingerprint);
  });

  it('is not applicable outside its declared series, and not assessed when the series is unknown', () => {
    const only18 = { ...inactiveCrons, series: { min: '18.0' } };
    const facts17 = factsWith({ crons: [cron(1, false)] }, { series: '17.0' });
    expect(runCheck(only18, facts17, checkContext(facts17, reference)).status).toBe('not_applicable');
    const facts19 = factsWith({ crons: [cron(1, false)] }, { series: '19.0' });
    expect(runCheck(only18, facts19, checkContext(facts19, reference)).status).toBe('failed');
    const unknown = factsWith({ crons: [cron(1, false)] });
    unknown.server = notCollected('unreachable');
    expect(runCheck(only18, unknown, checkContext(unknown, reference)).status).toBe('not_assessed');
  });

  it('reports a check that throws on odd data as an error instead of sinking the scan', () => {
    const broken = {
      ...inactiveCrons,
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const result = runChecks([broken, inactiveCrons], factsWith({ crons: [cron(1, false)] }), reference);
    expect(result[0]).toMatchObject({ status: 'error' });
    expect(result[0].reason).toContain('boom');
    expect(result[1].status).toBe('failed');
  });

  it('takes the first sentence of the remediation as the one-line fix', () => {
    expect(oneLineFix('Set list_db = False in odoo.conf. Restart the server.')).toBe('Set list_db = False in odoo.conf.');
    expect(oneLineFix('No full stop')).toBe('No full stop');
    expect(oneLineFix('Install an audit-log module (e.g. OCA auditlog) and configure it. Then review.')).toBe(
      'Install an audit-log module (e.g. OCA auditlog) and configure it.',
    );
    expect(oneLineFix('Use version 1.2 or later.\nThen restart.')).toBe('Use version 1.2 or later.');
  });
});
