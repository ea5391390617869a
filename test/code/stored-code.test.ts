/**
 * Code stored in the database through the analyser's rules: the problems the old pattern checks
 * looked for in server actions and views are found by the same rules as in files, at the line of the
 * stored code, and rules that make no sense there (translations) or only there (sudo) are chosen so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/checks/types.ts';
import { CODE_RULE_DEFINITIONS } from '../../server/src/code/rules/index.ts';
import { analyseStoredCode, type StoredCode } from '../../server/src/code/stored-code.ts';
import { addon, analyse, cleanTrees } from './support.ts';

afterAll(cleanTrees);

const action = (code: string, id = 12): StoredCode => ({
  language: 'python',
  name: `db://ir.actions.server/${id}`,
  code,
  object: { kind: 'server_action', key: String(id), label: `Action ${id}` },
});

async function findingsOf(items: StoredCode[], series = '18.0'): Promise<Finding[]> {
  const { results, problems } = await analyseStoredCode(items, { series });
  expect(problems).toEqual([]);
  return results.flatMap((r) => r.findings);
}

/** "rule line:column" of every finding, rule ids without the custom_code. prefix. */
async function hits(code: string): Promise<string[]> {
  return (await findingsOf([action(code)])).map((f) => `${f.checkId.replace(/^custom_code\./, '')} ${f.object.line}:${f.object.column}`).sort();
}

describe('server action code through the analyser', () => {
  it('finds sudo() and with_user(SUPERUSER_ID), not in comments or strings, not to read configuration', async () => {
    const code = [
      "partners = env['res.partner'].sudo().search([('email', '=', False)])",
      '# records.sudo()',
      "msg = 'call .sudo() here'",
      "records.with_user(SUPERUSER_ID).write({'x': 1})",
      'records.sudo( ).unlink()',
      "action = model.env.ref('website.backend_dashboard').sudo().read()[0]",
      "token = env['ir.config_parameter'].sudo().get_param('x_pulse.wms_api_token')",
      'records.sudo(False).write({})',
    ].join('\n');
    expect((await hits(code)).filter((h) => h.startsWith('sudo-'))).toEqual(['sudo-in-database-code 1:12', 'sudo-in-database-code 4:1', 'sudo-in-database-code 5:1']);
  });

  it('finds commits and rollbacks on any cursor', async () => {
    const code = 'env.cr.commit()\nself._cr.rollback()\ncr.commit()\n# env.cr.commit()\nrecord.commit_date = 1\nfoo.cr_commit()';
    expect(await hits(code)).toEqual(['invalid-commit 1:1', 'invalid-commit 2:1', 'invalid-commit 3:1']);
  });

  it('finds eval() and exec() of code built at run time', async () => {
    const code = "x = eval(rec.x_expr)\nexec (code)\ncr.execute('SELECT 1')\nobj.eval(1)\nevaluate(1)\n# eval(bad)\ny = eval('1 + 1')";
    expect(await hits(code)).toEqual(['eval-exec 1:5', 'eval-exec 2:1']);
  });

  it('finds queries built with %, .format(), f-strings and +, directly or through a variable', async () => {
    const direct = [
      "env.cr.execute(\"UPDATE res_partner SET name = '%s' WHERE id = %s\" % (name, rec.id))",
      "env.cr.execute('DELETE FROM x WHERE id = {}'.format(rec.id))",
      "env.cr.execute(f'SELECT * FROM {table}')",
      "env.cr.execute('SELECT id FROM res_partner WHERE ref = ' + ref)",
    ].join('\n');
    expect(await hits(direct)).toEqual(['sql-injection 1:1', 'sql-injection 2:1', 'sql-injection 3:1', 'sql-injection 4:1']);
    // Stored code runs like a function body: its variables are followed as a method's are.
    const through = "query = (\"SELECT id FROM sale_order \"\n         \"WHERE name = '%s'\" % name)\nenv.cr.execute(query)\nsql = 'SELECT 1'\nsql += ' WHERE id = ' + str(x)\nenv.cr.execute(sql)";
    expect(await hits(through)).toEqual(['sql-injection 3:1', 'sql-injection 6:1']);
  });

  it('accepts parameters passed separately and odoo.tools.SQL', async () => {
    const code = [
      "env.cr.execute('SELECT id FROM res_partner WHERE ref = %s', [ref])",
      "env.cr.execute(SQL('SELECT id FROM %s WHERE id = %s', SQL.identifier(t), rec.id))",
      "query = 'SELECT 1 WHERE id = %s'\nenv.cr.execute(query, (rec.id,))",
      "# env.cr.execute('x' % y)",
    ].join('\n');
    expect(await hits(code)).toEqual([]);
  });

  it('finds secrets written in the code without copying them into the finding', async () => {
    const code = [
      "api_key = 'sk_live_51HxQ2abcdefghij'",
      "headers = {'Authorization': 'Bearer eyJhbGciOiJIUzI1NiJ9.payload'}",
      "payload = {'password': 'Hunter2Hunter2'}",
      'WMS_TOKEN = "0123456789abcdef"',
      "import_token = 'f3a9c2e1d4b5a6978877'",
    ].join('\n');
    const found = (await findingsOf([action(code)])).filter((f) => f.checkId === 'custom_code.hardcoded-secret');
    expect(found.map((f) => f.object.line).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify(found)).not.toMatch(/51HxQ2abcdefghij|eyJhbGciOiJIUzI1NiJ9|Hunter2Hunter2|0123456789abcdef|f3a9c2e1d4b5a6978877/);
  });

  it('ignores secrets read from parameters, placeholders, short values, names and comments', async () => {
    const code = [
      "password = 'changeme'",
      "secret = 'abc'",
      "# api_key = 'sk_live_51HxQ2abcdefghij'",
      "token_url = 'https://wms.example.com/oauth/token'",
      "password_field = 'x_wms_password'",
      "message = 'Your access token has expired'",
    ].join('\n');
    expect(await hits(code)).toEqual([]);
  });

  it('reports positions in the stored code, which Odoo strips before running it', async () => {
    const indented = '\n            if records:\n                env.cr.commit()\n        ';
    expect(await hits(indented)).toEqual(['invalid-commit 3:17']);
    expect(await hits('   env.cr.commit()')).toEqual(['invalid-commit 1:4']);
    expect(await hits('# only a comment\n')).toEqual([]);
    expect(await hits('')).toEqual([]);
  });

  it('reports a syntax error instead of guessing', async () => {
    expect(await hits('x = 1\ndef broken(:\n    pass\n')).toEqual(['python-syntax-error 2:11']);
  });

  it('leaves translation rules out: code in the database belongs to no module that could hold translations', async () => {
    const { results } = await analyseStoredCode([action("raise UserError('WMS endpoint returned HTTP 503')")], { series: '18.0' });
    expect(results.some((r) => r.checkId.startsWith('custom_code.translation-'))).toBe(false);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  it('identifies a finding by its record and the code, not by the line, so it keeps its fingerprint when code moves', async () => {
    const [before] = await findingsOf([action('env.cr.commit()\n')]);
    const [after] = await findingsOf([action("log('start')\n\nenv.cr.commit()\n")]);
    expect(before.object).toMatchObject({ kind: 'server_action', label: 'Action 12', file: 'db://ir.actions.server/12', line: 1 });
    expect(after.object.line).toBe(3);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(before.object.key.startsWith('12|')).toBe(true);
    const [other] = await findingsOf([action('env.cr.commit()\n', 13)]);
    expect(other.fingerprint).not.toBe(before.fingerprint);
  });

  it('honours a suppression with a reason, and reports one without', async () => {
    const silenced = await findingsOf([action('env.cr.commit()  # pulse: disable=invalid-commit -- the import commits each batch on purpose\n')]);
    expect(silenced).toEqual([]);
    const unexplained = await findingsOf([action('env.cr.commit()  # pulse: disable=invalid-commit\n')]);
    expect(unexplained.map((f) => f.checkId).sort()).toEqual(['custom_code.invalid-commit', 'custom_code.invalid-suppression']);
  });

  it('says a rule was not assessed when the code it reads could not be collected', async () => {
    const { results } = await analyseStoredCode([], { series: '18.0', missing: { python: 'serverActions: access denied on ir.actions.server' } });
    expect(results.find((r) => r.checkId === 'custom_code.sql-injection')).toMatchObject({ status: 'not_assessed', reason: 'serverActions: access denied on ir.actions.server' });
    expect(results.find((r) => r.checkId === 'custom_code.qweb-t-raw')?.status).toBe('passed');
  });
});

describe('view archs through the analyser', () => {
  const arch = (code: string): StoredCode => ({ language: 'xml', name: 'db://ir.ui.view/1799', code, object: { kind: 'view', key: '1799', label: 'x_custom.banner' } });

  it('finds t-raw and Markup() in output attributes, not in comments, at the line of the arch', async () => {
    const code = '<t t-name="x">\n<!-- <div t-raw="old"/> -->\n<div t-raw="record.x_html"/>\n<span t-out="Markup(record.note)"/>\n<span t-out="record.note"/>\n</t>';
    const found = await findingsOf([arch(code)]);
    expect(found.map((f) => `${f.checkId} ${f.object.line}`)).toEqual(['custom_code.qweb-t-raw 3', 'custom_code.qweb-markup-output 4']);
    expect(found[0].object).toMatchObject({ kind: 'view', label: 'x_custom.banner' });
  });

  it('applies the view rules of the series: attrs in a 17.0 form', async () => {
    const form = '<xpath expr="//field[@name=\'vat\']" position="after">\n  <field name="ref" attrs="{\'invisible\': [(\'vat\', \'=\', False)]}"/>\n</xpath>';
    expect((await findingsOf([arch(form)], '17.0')).map((f) => `${f.checkId} ${f.object.line}`)).toEqual(['custom_code.view-attrs-removed 2']);
    expect(await findingsOf([arch('<t t-name="x"><span t-esc="company.name"/></t>')])).toEqual([]);
  });
});

describe('rules meant for stored code only', () => {
  it('do not run on module files, where sudo() is reviewed and tested with the module', async () => {
    const analysis = await analyse(addon({ 'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):\n    _inherit = "res.partner"\n\n    def run(self):\n        return self.env["res.partner"].sudo().search([("id", "=", 1)])\n' }));
    expect(analysis.results.some((r) => r.checkId === 'custom_code.sudo-in-database-code')).toBe(false);
  });

  it('are each covered by a case above', () => {
    const only = CODE_RULE_DEFINITIONS.filter((r) => r.meta.storedCode === 'only').map((r) => r.meta.id);
    expect(only).toEqual(['custom_code.sudo-in-database-code']);
  });
});
