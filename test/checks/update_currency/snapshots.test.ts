/** The update currency checks on the facts of the real 17.0 and 18.0 fixture databases, scanned on 2026-12-04. */
import { describe, expect, it } from 'vitest';
import { updateCurrencyChecks } from '../../../server/src/checks/update_currency/index.ts';
import { runOnSnapshot } from '../support/snapshots.ts';

describe('update currency checks on the fixture databases', () => {
  it('17.0 (build 2024-07-09): out of standard support since 2026-09, with a build 26 months older than that end', () => {
    const scan = runOnSnapshot(updateCurrencyChecks, '17.0');
    expect(scan.seen).toEqual(['update_currency.build-age build', 'update_currency.series-end-of-support series:17.0']);
    expect(scan.find('update_currency.series-end-of-support')?.severity).toBe('high');
    expect(scan.find('update_currency.build-age')?.evidence.monthsBehind).toBe(26);
  });

  it('18.0 (build 2025-05-06): supported, but the build is 18 months old and 19.0 and 20.0 are out', () => {
    const scan = runOnSnapshot(updateCurrencyChecks, '18.0');
    expect(scan.seen).toEqual(['update_currency.build-age build', 'update_currency.series-behind-latest series-gap']);
    expect(scan.find('update_currency.build-age')?.evidence.monthsBehind).toBe(18);
  });

  it('finds no module awaiting an upgrade or written for an older series in either database', () => {
    for (const series of ['17.0', '18.0']) {
      const scan = runOnSnapshot(updateCurrencyChecks, series);
      expect(scan.find('update_currency.modules-pending-upgrade')).toBeUndefined();
      expect(scan.find('update_currency.modules-for-older-series')).toBeUndefined();
      expect(scan.results.every((r) => r.status === 'passed' || r.status === 'failed')).toBe(true);
    }
  });
});
