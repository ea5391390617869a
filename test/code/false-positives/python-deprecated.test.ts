/**
 * Readings of real OCA code that made the deprecation rules fire wrongly
 * (server/src/code/rules/python-deprecated.ts), each next to the true case that must still fire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, allFindings, analyse, cleanTrees, hits } from '../support.ts';

afterAll(cleanTrees);

describe('openerp-import', () => {
  const files = addon({ 'models/thing.py': 'from openerp import models\nfrom openerp.tools import float_compare\nimport openerp\n' });
  const lines = ['test_mod/models/thing.py:1', 'test_mod/models/thing.py:2', 'test_mod/models/thing.py:3'];
  const severities = (analysis: Awaited<ReturnType<typeof analyse>>): string[] =>
    allFindings(analysis)
      .filter((f) => f.checkId === 'custom_code.openerp-import')
      .map((f) => f.severity);

  it('stays quiet up to 12.0, where the openerp alias still imports (x-purchase-workflow-12.0, x-l10n-italy-12.0)', async () => {
    expect(hits(await analyse(files, { series: '12.0' }), 'custom_code.openerp-import')).toEqual([]);
  });

  it('is a low deprecation on 13.0, which warns, and high from 14.0, which removed the alias', async () => {
    const v13 = await analyse(files, { series: '13.0' });
    expect(hits(v13, 'custom_code.openerp-import')).toEqual(lines);
    expect(severities(v13)).toEqual(['low', 'low', 'low']);
    const v14 = await analyse(files, { series: '14.0' });
    expect(hits(v14, 'custom_code.openerp-import')).toEqual(lines);
    expect(severities(v14)).toEqual(['high', 'high', 'high']);
  });
});
