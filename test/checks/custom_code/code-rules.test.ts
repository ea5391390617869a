import { describe, expect, it } from 'vitest';
import { findDynamicEvaluation, findFormattedSql, findHardcodedSecrets, findSudo, findTransactionControl } from '../../../server/src/checks/custom_code/code-rules.ts';
import { findUnescapedOutput } from '../../../server/src/checks/custom_code/qweb-rules.ts';
import { FIXTURE_ACTIONS_18, FIXTURE_VIEWS_18 } from './records.ts';

const lines = (matches: { line: number }[]) => matches.map((m) => m.line);

describe('code rules on the fixture code', () => {
  it("find nothing in the fixture's server actions except Odoo's own env.ref().sudo() read, which is allowed", () => {
    for (const action of FIXTURE_ACTIONS_18) {
      const code = action.code as string;
      expect([...findSudo(code), ...findTransactionControl(code), ...findDynamicEvaluation(code), ...findFormattedSql(code), ...findHardcodedSecrets(code)], action.name).toEqual([]);
    }
  });

  it("find no unescaped output in the fixture's views (t-esc and t-call are safe)", () => {
    for (const view of FIXTURE_VIEWS_18) expect(findUnescapedOutput(view.arch as string)).toEqual([]);
  });
});

describe('findSudo', () => {
  it('finds sudo() and with_user(SUPERUSER_ID) with their lines, not in comments or strings', () => {
    const code = "partners = env['res.partner'].sudo().search([])\n# records.sudo()\nmsg = 'call .sudo() here'\nrecords.with_user(SUPERUSER_ID).write({'x': 1})\nrecords.sudo( ).unlink()";
    const found = findSudo(code);
    expect(lines(found)).toEqual([1, 4, 5]);
    expect(found.map((m) => m.detail)).toEqual(['sudo()', 'with_user(SUPERUSER_ID)', 'sudo()']);
    expect(found[0]).toMatchObject({ column: 31, snippet: "partners = env['res.partner'].sudo().search([])" });
  });

  it('allows sudo() on a record fetched by XML id, but not on a search', () => {
    expect(findSudo("tpl = env.ref('mail.template_x').sudo()")).toEqual([]);
    expect(lines(findSudo("env['ir.config_parameter'].search([]).sudo()"))).toEqual([1]);
  });
});

describe('findTransactionControl', () => {
  it('finds commit and rollback on any cursor', () => {
    const code = 'env.cr.commit()\nself._cr.rollback()\ncr.commit()\n# env.cr.commit()\nrecord.commit_date = 1\nfoo.cr_commit()';
    expect(findTransactionControl(code).map((m) => [m.line, m.detail])).toEqual([
      [1, 'cr.commit()'],
      [2, 'cr.rollback()'],
      [3, 'cr.commit()'],
    ]);
  });
});

describe('findDynamicEvaluation', () => {
  it('finds eval, exec and safe_eval calls, not methods or names that contain them', () => {
    const code = "x = eval(rec.x_expr)\nexec (code)\ny = tools.safe_eval(expr, ctx)\ncr.execute('SELECT 1')\nobj.eval(1)\nevaluate(1)\n# eval(bad)";
    expect(findDynamicEvaluation(code).map((m) => [m.line, m.detail])).toEqual([
      [1, 'eval()'],
      [2, 'exec()'],
      [3, 'safe_eval()'],
    ]);
  });
});

describe('findFormattedSql', () => {
  it('finds queries built with %, .format(), f-strings and concatenation', () => {
    const code = [
      "env.cr.execute(\"UPDATE res_partner SET name = '%s' WHERE id = %s\" % (name, rec.id))",
      "env.cr.execute('DELETE FROM x WHERE id = {}'.format(rec.id))",
      "env.cr.execute(f'SELECT * FROM {table}')",
      "self._cr.execute('SELECT id FROM res_partner WHERE ref = ' + ref)",
    ].join('\n');
    expect(findFormattedSql(code).map((m) => [m.line, m.detail])).toEqual([
      [1, 'query built with % formatting'],
      [2, 'query built with .format()'],
      [3, 'query built with an f-string'],
      [4, 'query built with string concatenation'],
    ]);
  });

  it('follows a query variable to a formatted assignment, multi-line ones included', () => {
    const code = "query = (\"SELECT id FROM sale_order \"\n         \"WHERE name = '%s'\" % name)\nenv.cr.execute(query)\nsql = 'SELECT 1'\nsql += ' WHERE id = ' + str(x)\nenv.cr.execute(sql)";
    expect(findFormattedSql(code).map((m) => [m.line, m.detail])).toEqual([
      [3, 'query built with % formatting'],
      [6, 'query built with string concatenation (+=)'],
    ]);
  });

  it('accepts parameters passed separately and odoo.tools.SQL', () => {
    const code = [
      "env.cr.execute('SELECT id FROM res_partner WHERE ref = %s', [ref])",
      "env.cr.execute(SQL('SELECT id FROM %s WHERE id = %s', SQL.identifier(t), rec.id))",
      "query = 'SELECT 1 WHERE id = %s'\nenv.cr.execute(query, (rec.id,))",
      "# env.cr.execute('x' % y)",
    ].join('\n');
    expect(findFormattedSql(code)).toEqual([]);
  });
});

describe('findHardcodedSecrets', () => {
  it('finds secret-looking assignments, dictionary entries and bearer tokens without returning the secret', () => {
    const code = [
      "api_key = 'sk_live_51HxQ2abcdef'",
      "headers = {'Authorization': 'Bearer eyJhbGciOiJIUzI1NiJ9.payload'}",
      "payload = {'password': 'Hunter2Hunter2'}",
      "WMS_TOKEN = \"0123456789abcdef\"",
    ].join('\n');
    const found = findHardcodedSecrets(code);
    expect(lines(found)).toEqual([1, 2, 3, 4]);
    expect(found[0].detail).toBe('api_key = <20 characters>');
    for (const m of found) {
      expect(m.snippet).not.toMatch(/sk_live_51HxQ2abcdef|eyJhbGciOiJIUzI1NiJ9|Hunter2Hunter2|0123456789abcdef/);
    }
  });

  it('ignores secrets read from parameters, placeholders, short values and comments', () => {
    const code = [
      "token = env['ir.config_parameter'].sudo().get_param('x_pulse.wms_api_token')",
      "password = 'changeme'",
      "secret = 'abc'",
      "# api_key = 'sk_live_51HxQ2abcdef'",
      "token_url = 'https://wms.example.com/oauth/token'",
      "password_field = 'x_wms_password'",
      "message = 'Your access token has expired'",
    ].join('\n');
    expect(findHardcodedSecrets(code)).toEqual([]);
  });
});

describe('findUnescapedOutput', () => {
  it('finds t-raw and Markup() in output attributes, not in comments', () => {
    const arch = '<t t-name="x">\n<!-- <div t-raw="old"/> -->\n<div t-raw="record.x_html"/>\n<span t-out="Markup(record.note)"/>\n<span t-out="record.note"/>\n</t>';
    expect(findUnescapedOutput(arch).map((m) => [m.line, m.detail])).toEqual([
      [3, 't-raw="record.x_html"'],
      [4, 't-out="Markup(record.note)"'],
    ]);
  });
});
