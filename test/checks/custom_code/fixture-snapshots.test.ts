/**
 * The custom code live checks over the recorded fixture databases: three custom crons run as the admin,
 * an automation rule on every save of contacts (18.0 limits it to one trigger field), views without XML
 * id, and the 57 server actions Odoo's own modules ship, which must not be reported. What the code
 * itself does is the analyser's part (test/engine/stored-code.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { customCodeChecks } from '../../../server/src/checks/custom_code/index.ts';
import { loadSnapshot, runOnSnapshot } from '../support/snapshots.ts';

const CUSTOM_ACTIONS = { '17.0': ['357', '358', '359', '361'], '18.0': ['376', '377', '378', '380'] } as const;
/** "Custom: Flag partners without email": custom too, but only its missing XML id can tell. */
const FLAG_PARTNERS_ACTION = { '17.0': '360', '18.0': '379' } as const;
const CUSTOM_QWEB_VIEWS = { '17.0': ['1700', '1701', '1703'], '18.0': ['1799', '1800', '1802'] } as const;

describe.each(['17.0', '18.0'] as const)('custom code on the %s fixture database', (series) => {
  const run = runOnSnapshot(customCodeChecks, series);
  const byCheck = (id: string) => run.findings.filter((f) => f.checkId === id).map((f) => f.object.key);

  it('lists the Python code written in the database: the custom crons and the automation action', () => {
    const actions = loadSnapshot(series).serverActions;
    const xmlIdsKnown = actions.status === 'collected' && actions.value.some((a) => a.xmlId !== undefined);
    const expected = xmlIdsKnown ? [...CUSTOM_ACTIONS[series], FLAG_PARTNERS_ACTION[series]].sort() : [...CUSTOM_ACTIONS[series]];
    expect(byCheck('custom_code.python-code-in-database').sort()).toEqual(expected);
  });

  it('reports the automation rule only where it runs on every save (17.0 has no trigger fields)', () => {
    expect(byCheck('custom_code.automation-on-every-write')).toEqual(series === '17.0' ? ['1'] : []);
  });

  it('lists the QWeb views without XML id when the views could be collected', () => {
    const views = loadSnapshot(series).customViews;
    const result = run.results.find((r) => r.checkId === 'custom_code.view-without-xml-id');
    if (views.status !== 'collected') {
      expect(result?.status).toBe('not_assessed');
      return;
    }
    expect(byCheck('custom_code.view-without-xml-id')).toEqual(expect.arrayContaining([...CUSTOM_QWEB_VIEWS[series]]));
  });
});
