/**
 * The analyser as a whole: results shaped for scoring, stable fingerprints, series handling,
 * installed-versus-present modules, suppressions, manifests read as literals, stored code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../server/src/code/manifest.ts';
import { pythonEngine } from '../../server/src/code/python/parser.ts';
import { analyseStoredCode } from '../../server/src/code/stored-code.ts';
import { buildCodeReport } from '../../server/src/code/report.ts';
import { scorePulse } from '../../server/src/score/scoring.ts';
import { addon, allFindings, analyse, cleanTrees, hits } from './support.ts';

afterAll(cleanTrees);

const M = 'from odoo import _, api, fields, models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n';

describe('results for scoring', () => {
  it('gives one result per rule, scored by scorePulse like a live scan', async () => {
    const analysis = await analyse(addon({ 'models/thing.py': `${M}    def run(self):\n        self.env.cr.commit()\n` }));
    const ids = analysis.results.map((r) => r.checkId);
    expect(new Set(ids).size).toBe(ids.length);
    const commit = analysis.results.find((r) => r.checkId === 'custom_code.invalid-commit')!;
    expect(commit.status).toBe('failed');
    expect(commit.findings[0]).toMatchObject({ severity: 'high', dimension: 'custom_code', object: { kind: 'file', file: 'test_mod/models/thing.py', line: 9, column: 9 } });
    const pulse = scorePulse(analysis.results);
    const dimension = pulse.dimensions.find((d) => d.dimension === 'custom_code')!;
    expect(dimension.assessed).toBe(true);
    expect(dimension.score).toBeLessThan(100);
    // Without a live scan, the rule that needs one is not assessed, and Module health stays unassessed.
    expect(pulse.dimensions.find((d) => d.dimension === 'module_health')!.assessed).toBe(false);
    expect(buildCodeReport(analysis).customCode.score).toBe(dimension.score);
  });

  it('scores a clean module at 100', async () => {
    const analysis = await analyse(addon({ 'models/thing.py': `${M}    def run(self):\n        return self.env["res.partner"].search_count([])\n` }));
    expect(allFindings(analysis).map((f) => f.checkId)).toEqual(['custom_code.model-without-access']);
    const clean = await analyse(
      addon({
        'models/thing.py': `${M}    def run(self):\n        return True\n`,
        'security/ir.model.access.csv': 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\na,a,model_test_thing,base.group_user,1,1,1,1\n',
      }),
    );
    expect(allFindings(clean)).toEqual([]);
    expect(buildCodeReport(clean).customCode.score).toBe(100);
  });

  it('keeps fingerprints when code moves, and tells equal snippets in one function apart', async () => {
    const body = `    def run(self):\n        self.env.cr.commit()\n        self.env.cr.commit()\n`;
    const before = await analyse(addon({ 'models/thing.py': M + body }));
    const after = await analyse(addon({ 'models/thing.py': `# a comment\n\n${M}    x = 1\n\n${body}` }));
    const prints = (a: typeof before): string[] => allFindings(a).filter((f) => f.checkId === 'custom_code.invalid-commit').map((f) => f.fingerprint);
    expect(prints(before)).toHaveLength(2);
    expect(new Set(prints(before)).size).toBe(2);
    expect(prints(after)).toEqual(prints(before));
    expect(hits(after, 'custom_code.invalid-commit')).toEqual(['test_mod/models/thing.py:13', 'test_mod/models/thing.py:14']);
  });
});

describe('series', () => {
  it('infers the series from the manifests and gates series-bound rules on it', async () => {
    const files = addon({ 'models/thing.py': `${M}    @api.multi\n    def run(self):\n        return True\n` }, { series: '12.0' });
    const old = await analyse(files, { series: undefined });
    expect(old.series).toBe('12.0');
    expect(old.seriesSource).toBe('manifests');
    expect(old.results.find((r) => r.checkId === 'custom_code.deprecated-api-multi')).toMatchObject({ status: 'not_applicable' });
    const current = await analyse(files, { series: '17.0' });
    expect(current.results.find((r) => r.checkId === 'custom_code.deprecated-api-multi')).toMatchObject({ status: 'failed' });
  });

  it('marks series-bound rules not assessed when no series is known', async () => {
    const analysis = await analyse(addon({}, { manifest: '{"name": "T", "version": "1.0", "license": "LGPL-3"}\n' }), { series: undefined });
    expect(analysis.series).toBeNull();
    expect(analysis.results.find((r) => r.checkId === 'custom_code.name-get-deprecated')).toMatchObject({ status: 'not_assessed' });
    expect(analysis.results.find((r) => r.checkId === 'custom_code.invalid-commit')).toMatchObject({ status: 'passed' });
  });
});

describe('with a live scan', () => {
  it('reports code of modules that are not installed without scoring it', async () => {
    const files = {
      ...addon({ 'models/thing.py': `${M}    def run(self):\n        self.env.cr.commit()\n` }, { name: 'used_mod' }),
      ...addon({ 'models/thing.py': `${M}    def run(self):\n        self.env.cr.commit()\n` }, { name: 'unused_mod' }),
    };
    const analysis = await analyse(files, {
      instanceModules: [
        { name: 'used_mod', state: 'installed' },
        { name: 'unused_mod', state: 'uninstalled' },
      ],
    });
    const scored = allFindings(analysis).filter((f) => f.checkId === 'custom_code.invalid-commit');
    expect(scored.map((f) => f.object.label)).toEqual(['used_mod']);
    expect(analysis.unscored.filter((f) => f.checkId === 'custom_code.invalid-commit').map((f) => f.object.label)).toEqual(['unused_mod']);
    expect(analysis.modules.map((m) => [m.name, m.scored, m.state])).toEqual([
      ['unused_mod', false, 'uninstalled'],
      ['used_mod', true, 'installed'],
    ]);
  });
});

describe('suppressions', () => {
  const run = (body: string) => analyse(addon({ 'models/thing.py': M + body, 'views/v.xml': '<odoo>\n  <!-- pulse: disable=qweb-t-raw reason: the note is sanitised HTML -->\n  <template id="t"><span t-raw="note"/></template>\n  <template id="u"><span t-raw="other"/></template>\n</odoo>\n', 'static/src/js/a.js': 'debugger; // pulse: disable=js-debugger -- removed by the build step\n' }));

  it('silences a finding on its line, on the next line, or in a whole function, when a reason is given', async () => {
    const analysis = await run(`    def a(self):
        self.env.cr.commit()  # pulse: disable=invalid-commit -- batch import commits on purpose
        # pulse: disable=custom_code.print-used -- CLI entry point
        print("x")

    # pulse: disable=invalid-commit -- whole method is a maintenance script
    def b(self):
        self.env.cr.commit()
        self.env.cr.commit()

    def c(self):
        self.env.cr.commit()
        print("y")
`);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(['test_mod/models/thing.py:19']);
    expect(hits(analysis, 'custom_code.print-used')).toEqual(['test_mod/models/thing.py:20']);
    expect(hits(analysis, 'custom_code.qweb-t-raw')).toEqual(['test_mod/views/v.xml:4']);
    expect(hits(analysis, 'custom_code.js-debugger')).toEqual([]);
    expect(analysis.suppressed.map((s) => [s.finding.checkId, s.reason]).sort()).toEqual([
      ['custom_code.invalid-commit', 'batch import commits on purpose'],
      ['custom_code.invalid-commit', 'whole method is a maintenance script'],
      ['custom_code.invalid-commit', 'whole method is a maintenance script'],
      ['custom_code.js-debugger', 'removed by the build step'],
      ['custom_code.print-used', 'CLI entry point'],
      ['custom_code.qweb-t-raw', 'the note is sanitised HTML'],
    ]);
    expect(hits(analysis, 'custom_code.invalid-suppression')).toEqual([]);
  });

  it('does not silence anything without a reason, and reports the suppression', async () => {
    const analysis = await run(`    def a(self):\n        self.env.cr.commit()  # pulse: disable=invalid-commit\n`);
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(['test_mod/models/thing.py:9']);
    expect(allFindings(analysis).find((f) => f.checkId === 'custom_code.invalid-suppression')?.message).toMatch(/gives no reason/);
  });
});

describe('manifest literals', () => {
  it('evaluates literals and refuses anything else, with the position', async () => {
    const engine = await pythonEngine();
    const ok = readManifest(engine, '__manifest__.py', `# comment\n{\n  'name': u'Caf\\xe9 ' "Sale",\n  "version": '17.0.1.0.0',\n  "sequence": -3, "ratio": 1.5, "flags": (True, False, None), "data": ["a.xml",],\n  "assets": {"web.assets_backend": [("include", "x")]},\n}\n`);
    expect(ok.error).toBeNull();
    expect(ok.value).toEqual({
      name: 'Café Sale',
      version: '17.0.1.0.0',
      sequence: -3,
      ratio: 1.5,
      flags: [true, false, null],
      data: ['a.xml'],
      assets: { 'web.assets_backend': [['include', 'x']] },
    });
    expect(ok.keys.get('version')).toEqual({ line: 4, column: 3 });
    expect(ok.items.get('data')).toEqual([{ value: 'a.xml', line: 5, column: 72 }]);
    for (const [source, message, line] of [
      ['{"name": open("/etc/passwd").read()}', /is not a literal/, 1],
      ['{"name": f"x{y}"}', /f-string/, 1],
      ['{"a": 1}\n{"b": 2}', /single dict literal/, 2],
      ['["not", "a", "dict"]', /single dict literal/, 1],
      ['', /empty/, 1],
      ['{"name": "x",\n', /not valid Python/, 1],
      ['{"depends": ["a"] + ["b"]}', /is not a literal/, 1],
      ['{\n  "\\uame": "x"}', /invalid escape sequence/, 2],
    ] as const) {
      const manifest = readManifest(engine, '__manifest__.py', source);
      expect(manifest.value, source).toBeNull();
      expect(manifest.error?.message, source).toMatch(message);
      expect(manifest.error?.line, source).toBe(line);
    }
  });
});

describe('stored code', () => {
  it('runs the Python and XML rules over database code under a virtual name', async () => {
    const { results, problems } = await analyseStoredCode(
      [
        { language: 'python', name: 'db://ir.actions.server/12', code: 'for rec in records:\n    env["res.partner"].search([("id", "=", rec.id)])\nenv.cr.commit()\n', object: { kind: 'server_action', key: '12', label: 'Nightly fix' } },
        { language: 'xml', name: 'db://ir.ui.view/7', code: '<div><span t-raw="record.note"/></div>' },
        { language: 'python', name: 'db://ir.actions.server/13', code: 'def broken(:\n' },
      ],
      { series: '17.0' },
    );
    expect(problems).toEqual([]);
    const findings = results.flatMap((r) => r.findings);
    const where = (id: string) => findings.filter((f) => f.checkId === id).map((f) => `${f.object.kind}:${f.object.file}:${f.object.line}:${f.object.column}`);
    expect(where('custom_code.orm-query-in-loop')).toEqual(['server_action:db://ir.actions.server/12:2:5']);
    expect(where('custom_code.invalid-commit')).toEqual(['server_action:db://ir.actions.server/12:3:1']);
    expect(where('custom_code.qweb-t-raw')).toEqual(['file:db://ir.ui.view/7:1:6']);
    expect(where('custom_code.python-syntax-error')).toEqual(['file:db://ir.actions.server/13:1:11']);
    expect(findings.find((f) => f.checkId === 'custom_code.invalid-commit')?.object.key.startsWith('12|')).toBe(true);
    // Module-level rules do not apply to code without a module.
    expect(results.some((r) => r.checkId === 'custom_code.tests-missing')).toBe(false);
  });
});

describe('worker threads', () => {
  it('gives the same findings with --jobs 2 as on one thread', async () => {
    const files = {
      ...addon({ 'models/thing.py': `${M}    def run(self):\n        self.env.cr.commit()\n`, 'views/v.xml': '<odoo>\n  <template id="t"><span t-raw="x"/></template>\n</odoo>\n' }, { name: 'mod_a' }),
      ...addon({ 'models/thing.py': `${M}    def run(self):\n        print(self)  # pulse: disable=print-used -- debugging helper\n` }, { name: 'mod_b' }),
      ...addon({ 'models/other.py': 'from odoo import models\n\n\nclass Other(models.Model):\n    _name = "test.other"\n' }, { name: 'mod_c' }),
    };
    const one = await analyse(files, { jobs: 1 });
    const two = await analyse(files, { jobs: 2 });
    const summary = (a: typeof one) => ({
      findings: allFindings(a).map((f) => `${f.fingerprint} ${f.object.file}:${f.object.line}`).sort(),
      suppressed: a.suppressed.map((s) => s.finding.fingerprint).sort(),
      stats: a.stats,
    });
    expect(summary(two)).toEqual(summary(one));
    expect(summary(one).findings.length).toBeGreaterThan(3);
  });
});
