/**
 * pylint's own disable comments, already in OCA code, silence the rules that correspond to the
 * pylint-odoo message they name, scoped as pylint scopes them (near enough); the findings are listed
 * as suppressed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { pylintSuppressions } from '../../server/src/code/pylint-pragmas.ts';
import { CODE_RULE_DEFINITIONS } from '../../server/src/code/rules/index.ts';
import { pylintIdsOf } from '../../server/src/code/rules/pylint-codes.ts';
import { fixtureFiles, fuzzParameters, mutated, tokens, truncated } from './fuzz-sources.ts';
import { addon, allFindings, analyse, cleanTrees, hits } from './support.ts';

afterAll(cleanTrees);

const HEADER = 'from odoo import _, api, fields, models\nfrom odoo.exceptions import UserError\n\n\n';
const CLASS = 'class Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n';
const FILE = 'test_mod/models/thing.py';

/** Analyses one model file; `marked` are the lines holding a `<-` marker, in order. */
async function run(source: string) {
  const analysis = await analyse(addon({ 'models/thing.py': source }));
  const marked = source
    .split('\n')
    .flatMap((line, i) => (line.includes('<-') ? [`${FILE}:${i + 1}`] : []));
  const suppressed = analysis.suppressed.map((s) => `${s.finding.checkId.replace('custom_code.', '')} ${s.finding.object.line} ${s.reason}`);
  return { analysis, marked, suppressed };
}

/** 1-based line of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  const i = source.split('\n').findIndex((line) => line.includes(text));
  if (i < 0) throw new Error(`no line with ${text}`);
  return i + 1;
}

describe('pylint disable comments', () => {
  it('after code, silence that line only, and are listed as suppressed with the pylint message as reason', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.cr.commit()  # <-
        print("x")  # pylint:disable = W8116 , invalid-commit
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(hits(analysis, 'custom_code.print-used')).toEqual([]);
    expect(suppressed.sort()).toEqual([
      `invalid-commit ${lineOf(source, 'disable=invalid-commit')} pylint: disable=invalid-commit`,
      `print-used ${lineOf(source, 'print("x")')} pylint: disable=W8116`,
    ]);
    expect(hits(analysis, 'custom_code.invalid-suppression')).toEqual([]);
  });

  it('on a line of their own in a function, silence the rest of that function but not the next one', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        self.env.cr.commit()  # <-
        # pylint: disable=invalid-commit
        self.env.cr.commit()
        if self:
            self.env.cr.commit()

    def other(self):
        self.env.cr.commit()  # <-
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(suppressed).toHaveLength(2);
  });

  it('on a line of their own at module level, silence the rest of the file', async () => {
    const source = `${HEADER}def before():
    print("x")  # <-


# pylint: disable=print-used,except-pass
${CLASS}    def run(self):
        print("y")
        try:
            self.do()
        except Exception:
            pass


def after():
    print("z")
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.print-used')).toEqual(marked);
    expect(hits(analysis, 'custom_code.except-pass')).toEqual([]);
    expect(suppressed.map((s) => s.split(' ')[0]).sort()).toEqual(['except-pass', 'print-used', 'print-used']);
  });

  it('disable-next silences the next line only', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        # pylint: disable-next=invalid-commit
        self.env.cr.commit()
        self.env.cr.commit()  # <-
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(suppressed).toEqual([`invalid-commit ${lineOf(source, 'disable-next') + 1} pylint: disable-next=invalid-commit`]);
  });

  it('accept pylint-odoo message codes, current and from before pylint-odoo 8.0', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        self.env.cr.commit()  # pylint: disable=E8102
        try:
            self.do()
        except Exception:  # pylint: disable=W7938
            pass
`;
    const { analysis, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual([]);
    expect(hits(analysis, 'custom_code.except-pass')).toEqual([]);
    expect(suppressed.sort()).toEqual([
      `except-pass ${lineOf(source, 'W7938')} pylint: disable=W7938`,
      `invalid-commit ${lineOf(source, 'E8102')} pylint: disable=E8102`,
    ]);
  });

  it('ignore messages no rule corresponds to, without reporting the comment', async () => {
    const source = `${HEADER}${CLASS}    def run(self):  # pylint: disable=no-self-use
        # pylint: disable=no-member,W0104
        self.env.cr.commit()  # <-
        print("x")  # pylint: disable=print-used - the CLI prints on purpose
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(suppressed).toEqual([`print-used ${lineOf(source, 'print("x")')} pylint: disable=print-used`]);
    expect(allFindings(analysis).filter((f) => f.checkId === 'custom_code.invalid-suppression')).toEqual([]);
  });

  it('after the first line of a statement written over several lines, cover the whole statement', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        self._log(  # pylint: disable=invalid-commit
            "committed",
            self.env.cr.commit(),
        )

    def other(self):
        self._log(
            "committed",
            self.env.cr.commit(),  # <-
        )  # pylint: disable=invalid-commit
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(suppressed).toEqual([`invalid-commit ${lineOf(source, 'self.env.cr.commit()')} pylint: disable=invalid-commit`]);
  });

  it('before the first statement of a def, cover the def line too', async () => {
    const source = `${HEADER}${CLASS}    def write(self, vals):
        """Not stored anywhere."""
        # pylint: disable=method-required-super
        return True

    def unlink(self):  # <-
        return True
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.method-required-super')).toEqual(marked);
    expect(suppressed).toEqual([`method-required-super ${lineOf(source, 'def write')} pylint: disable=method-required-super`]);
  });

  it('enable ends a disable from its line to the end of its block', async () => {
    const source = `${HEADER}${CLASS}    # pylint: disable=invalid-commit
    def run(self):
        self.env.cr.commit()
        # pylint: enable=invalid-commit
        self.env.cr.commit()  # <-

    def other(self):
        self.env.cr.commit()
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(suppressed).toHaveLength(2);
  });

  it('are not read inside strings, and pulse: comments still need a reason', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        query = """
        # pylint: disable=invalid-commit
        """
        self.env.cr.commit()  # <-
        self.env.cr.commit()  # pulse: disable=invalid-commit
        return query
`;
    const { analysis, marked } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual([...marked, `${FILE}:${lineOf(source, 'pulse: disable')}`]);
    expect(hits(analysis, 'custom_code.invalid-suppression')).toEqual([`${FILE}:${lineOf(source, 'pulse: disable')}`]);
  });

  it('disable=all silences every rule with a pylint-odoo message in its scope, and enable=all ends it', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        # pylint: disable=all
        self.env.cr.commit()
        print("x")
        # pylint: enable=all
        self.env.cr.commit()  # <-

    def other(self):
        self.env.cr.commit()  # <-
`;
    const { analysis, marked, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(marked);
    expect(hits(analysis, 'custom_code.print-used')).toEqual([]);
    expect(suppressed.sort()).toEqual([
      `invalid-commit ${lineOf(source, 'commit()')} pylint: disable=all`,
      `print-used ${lineOf(source, 'print("x")')} pylint: disable=all`,
    ]);
  });

  it('skip-file silences every rule with a pylint-odoo message in the whole file, wherever it is written', async () => {
    const source = `${HEADER}${CLASS}    def run(self):
        self.env.cr.commit()
        print("x")


# pylint: skip-file
`;
    const { analysis, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual([]);
    expect(hits(analysis, 'custom_code.print-used')).toEqual([]);
    expect(suppressed.sort()).toEqual([
      `invalid-commit ${lineOf(source, 'commit()')} pylint: skip-file`,
      `print-used ${lineOf(source, 'print("x")')} pylint: skip-file`,
    ]);
    // The same file without the comment has both findings: the comment is what silenced them.
    const without = await run(source.replace('# pylint: skip-file', ''));
    expect(hits(without.analysis, 'custom_code.invalid-commit')).toHaveLength(1);
    expect(hits(without.analysis, 'custom_code.print-used')).toHaveLength(1);
  });

  it('silence module-level findings in the file they are reported in', async () => {
    const source = `${HEADER}# pylint: disable=consider-merging-classes-inherited


class PartnerA(models.Model):
    _inherit = "res.partner"


class PartnerB(models.Model):
    _inherit = "res.partner"
`;
    const { analysis, suppressed } = await run(source);
    expect(hits(analysis, 'custom_code.consider-merging-inherits')).toEqual([]);
    expect(suppressed).toEqual([`consider-merging-inherits ${lineOf(source, 'class PartnerB')} pylint: disable=consider-merging-classes-inherited`]);
  });
});

describe('reading pylint comments', () => {
  it('knows a code and a name for every rule declared with a pylint-odoo message', () => {
    for (const { meta } of CODE_RULE_DEFINITIONS.filter((rule) => rule.meta.pylintOdoo)) {
      const ids = [...pylintIdsOf(meta)];
      expect(ids.some((id) => /^[CEFRW]\d{4}$/.test(id)), meta.id).toBe(true);
      expect(ids.some((id) => /^[a-z][a-z0-9-]+$/.test(id)), meta.id).toBe(true);
    }
    expect([...pylintIdsOf({ pylintOdoo: 'R8180 consider-merging-classes-inherited' })].sort()).toEqual(['R7980', 'R8180', 'consider-merging-classes-inherited']);
  });

  const TOKENS = ['# pylint: disable=invalid-commit', '# pylint: enable=E8102', '# pylint: disable-next=x', '  # pylint:disable=a,b\n', 'def f(self):', 'class A:', 'async def g():', 'x = 1', '"', "'", '"""', "'''", 'r"', '\\', '(', ')', '[', ']', '{', '}', ':', '#', '\n', '\n    ', '\n        ', '\t', ' ', '\r\n', 'é'];
  const sources = [...fixtureFiles('.py'), 'class A:\n    # pylint: disable=missing-return\n    def f(self):\n        pass\n'];

  it('copes with any text: every comment found covers an ordered range of lines', () => {
    fc.assert(
      fc.property(fc.oneof(tokens(TOKENS), truncated(sources), mutated(sources, fc.constantFrom(...TOKENS))), (source) => {
        const lines = source.split('\n').length;
        for (const s of pylintSuppressions(source)) {
          expect(s.line).toBeGreaterThanOrEqual(1);
          expect(s.from).toBeGreaterThanOrEqual(1);
          expect(s.from).toBeLessThanOrEqual(s.to);
          expect(s.to).toBeLessThanOrEqual(lines + 1);
          expect(s.ids.length).toBeGreaterThan(0);
        }
      }),
      fuzzParameters(500),
    );
  });
});
