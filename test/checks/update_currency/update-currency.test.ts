import { describe, expect, it } from 'vitest';
import { buildAge } from '../../../server/src/checks/update_currency/build-age.ts';
import { buildDateUnknown } from '../../../server/src/checks/update_currency/build-date-unknown.ts';
import { declaredForOlderSeries, modulesForOlderSeries } from '../../../server/src/checks/update_currency/modules-for-older-series.ts';
import { modulesPendingUpgrade } from '../../../server/src/checks/update_currency/modules-pending-upgrade.ts';
import { seriesBehindLatest } from '../../../server/src/checks/update_currency/series-behind-latest.ts';
import { seriesEndOfSupport } from '../../../server/src/checks/update_currency/series-end-of-support.ts';
import { factsWith } from '../../support/facts.ts';
import { module, MODULES_18, run } from '../support/records.ts';

describe('update_currency.series-end-of-support', () => {
  it('reports 17.0 as out of support at the end of 2026 (support ended September 2026)', () => {
    const [finding] = run(seriesEndOfSupport, factsWith({}, { series: '17.0', serverVersion: '17.0-20240709' })).findings;
    expect(finding).toMatchObject({ severity: 'high', object: { kind: 'instance', key: 'series:17.0' } });
    expect(finding.message).toBe('Odoo 17.0 left standard support in 2026-09: it no longer receives security fixes.');
  });

  it('warns (medium) within six months of the end, and stays quiet before', () => {
    const soon = run(seriesEndOfSupport, factsWith({}, { series: '18.0', now: '2027-05-01T00:00:00Z' })).findings[0];
    expect(soon.severity).toBe('medium');
    expect(soon.message).toContain('fixes stop after 2027-09-30');
    expect(run(seriesEndOfSupport, factsWith({}, { series: '18.0' })).status).toBe('passed');
  });

  it('still counts September as supported for a series ending in 2026-09', () => {
    expect(run(seriesEndOfSupport, factsWith({}, { series: '17.0', now: '2026-09-30T12:00:00Z' })).findings[0].severity).toBe('medium');
  });

  it('is critical for a series older than any in the reference data', () => {
    expect(run(seriesEndOfSupport, factsWith({}, { series: '7.0', serverVersion: '7.0-20150101' })).findings[0].severity).toBe('critical');
  });
});

describe('update_currency.build-age', () => {
  it('is high for the 18.0 fixture build, 18 months old at the scan', () => {
    const [finding] = run(buildAge, factsWith({}, { series: '18.0', serverVersion: '18.0-20250506' })).findings;
    expect(finding.severity).toBe('high');
    expect(finding.evidence.monthsBehind).toBe(18);
  });

  it('measures an out-of-support series only up to its end of support', () => {
    const [finding] = run(buildAge, factsWith({}, { series: '17.0', serverVersion: '17.0-20240709' })).findings;
    expect(finding.evidence.monthsBehind).toBe(26);
    expect(finding.message).toContain('before 17.0 left standard support');
    expect(run(buildAge, factsWith({}, { series: '17.0', serverVersion: '17.0-20260801' })).status).toBe('passed');
  });

  it('is medium between six and twelve months, and passes for a recent build', () => {
    expect(run(buildAge, factsWith({}, { serverVersion: '18.0-20260301' })).findings[0].severity).toBe('medium');
    expect(run(buildAge, factsWith({}, { serverVersion: '18.0-20261101' })).status).toBe('passed');
  });
});

describe('update_currency.build-date-unknown', () => {
  it('notes (info) a source install without build date', () => {
    const [finding] = run(buildDateUnknown, factsWith({}, { serverVersion: '18.0' })).findings;
    expect(finding.severity).toBe('info');
  });

  it('passes for dated nightly builds', () => {
    expect(run(buildDateUnknown, factsWith({}, { serverVersion: '18.0-20250506' })).status).toBe('passed');
  });
});

describe('update_currency.modules-pending-upgrade', () => {
  it('lists installed modules whose code is newer than the database', () => {
    const modules = [...MODULES_18, module('sale_management', { installedVersion: '18.0.1.0', latestVersion: '18.0.1.2' })];
    const [finding] = run(modulesPendingUpgrade, factsWith({ modules })).findings;
    expect(finding.message).toBe('1 installed module has newer code than the database: sale_management (18.0.1.0 → 18.0.1.2).');
  });

  it('compares numerically and ignores uninstalled modules', () => {
    const modules = [
      module('a', { installedVersion: '18.0.1.9', latestVersion: '18.0.1.10' }),
      module('b', { state: 'uninstalled', installedVersion: null, latestVersion: '18.0.2.0' }),
    ];
    expect(run(modulesPendingUpgrade, factsWith({ modules })).findings[0].evidence.modules).toEqual([{ name: 'a', database: '18.0.1.9', code: '18.0.1.10' }]);
  });

  it('passes when code and database agree (the fixtures)', () => {
    expect(run(modulesPendingUpgrade, factsWith({ modules: MODULES_18 })).status).toBe('passed');
  });
});

describe('update_currency.modules-for-older-series', () => {
  it('recognises a manifest written for an older series behind the series prefix Odoo adds', () => {
    expect(declaredForOlderSeries('18.0.17.0.1.0.0', '18.0')).toBe('17.0');
    expect(declaredForOlderSeries('18.0.1.3', '18.0')).toBeNull();
    expect(declaredForOlderSeries('18.0.13.0.2', '18.0')).toBeNull(); // l10n_fi's own "13.0.2"
  });

  it('reports a third-party module copied from 17.0 without porting', () => {
    const modules = [...MODULES_18, module('partner_firstname', { author: 'Odoo Community Association (OCA)', latestVersion: '18.0.17.0.1.0.0', installedVersion: '18.0.17.0.1.0.0' })];
    const [finding] = run(modulesForOlderSeries, factsWith({ modules })).findings;
    expect(finding.message).toBe('Module partner_firstname declares version 17.0.1.0.0, made for Odoo 17.0, but runs on 18.0.');
  });

  it('passes for modules made for the running series', () => {
    const modules = [...MODULES_18, module('partner_firstname', { author: 'OCA', latestVersion: '18.0.1.0.0' })];
    expect(run(modulesForOlderSeries, factsWith({ modules })).status).toBe('passed');
  });
});

describe('update_currency.series-behind-latest', () => {
  it('reports 18.0 as two majors behind once 19.0 and 20.0 are out', () => {
    const [finding] = run(seriesBehindLatest, factsWith({})).findings;
    expect(finding.message).toBe('Odoo 18.0 is 2 major versions behind: 19.0, 20.0 have been released since.');
    expect(finding.severity).toBe('low');
  });

  it('leaves series out of support to series-end-of-support', () => {
    expect(run(seriesBehindLatest, factsWith({}, { series: '17.0', serverVersion: '17.0-20240709' })).status).toBe('passed');
    expect(run(seriesBehindLatest, factsWith({}, { series: '7.0', serverVersion: '7.0-20150101' })).status).toBe('passed');
  });

  it('passes for a series at most one major behind', () => {
    expect(run(seriesBehindLatest, factsWith({}, { series: '19.0', serverVersion: '19.0-20261101' })).status).toBe('passed');
    expect(run(seriesBehindLatest, factsWith({}, { now: '2026-08-01T00:00:00Z' })).status).toBe('passed');
  });
});
