/**
 * The module health checks over the recorded 17.0 and 18.0 fixture databases: stock Odoo Community with
 * 60/62 modules installed, all consistent. Their real oddities (account_payment_term under OEEL-1 in
 * 17.0 Community, html_editor authored "odoo", 24-26 uninstallable Enterprise stubs, localisations by
 * partners) must not be mistaken for problems.
 */
import { describe, expect, it } from 'vitest';
import { moduleHealthChecks } from '../../../server/src/checks/module_health/index.ts';
import { SNAPSHOT_SERIES, runOnSnapshot } from '../support/snapshots.ts';

describe.each(SNAPSHOT_SERIES)('module health on the %s fixture database', (series) => {
  const run = runOnSnapshot(moduleHealthChecks, series);

  it('finds nothing wrong with a consistent stock installation', () => {
    expect(run.seen).toEqual([]);
  });

  it('assesses every check (no fact it needs is missing)', () => {
    expect(run.results.map((r) => [r.checkId, r.status]).filter(([, status]) => status !== 'passed')).toEqual([]);
  });
});
