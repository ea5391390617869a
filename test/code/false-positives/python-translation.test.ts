/**
 * Readings of real OCA code that made the translation rules fire wrongly
 * (server/src/code/rules/python-translation.ts), each next to the true case that must still fire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, analyse, cleanTrees, hits, model } from '../support.ts';

afterAll(cleanTrees);

const at = (line: number): string => `test_mod/models/thing.py:${line}`;

describe('translation-not-lazy', () => {
  it('stays quiet on literals joined with + (one text at run time and at extraction) (x-hr-12.0 hr_attendance_sheet)', async () => {
    const analysis = await analyse(
      addon({
        'models/thing.py': model(`    def msg(self):
        a = _("The sheet cannot be confirmed " + "while lines are missing.")
        b = _("One " + ("two " + "three ") + "four")
        c = _("Order " + self.name)
        return a + b + c + _("Total: " + "%s" % self.name)
`),
      }),
    );
    expect(hits(analysis, 'custom_code.translation-not-lazy')).toEqual([at(11), at(12)]);
  });
});

describe('translation-field', () => {
  it('stays quiet on _() in a lambda default, evaluated per record in the user language (stock_return_request, purchase_request)', async () => {
    const analysis = await analyse(
      addon({
        'models/thing.py': model(`    name = fields.Char(default=lambda self: _("New"), required=True)
    code = fields.Char(string=_("Code"), default=lambda self: _("New"))
`),
      }),
    );
    expect(hits(analysis, 'custom_code.translation-field')).toEqual([at(9)]);
  });
});
