/**
 * Readings of real OCA code that made the XML and JavaScript rules (server/src/code/rules/data-files.ts)
 * fire wrongly, each next to the true case that must still fire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, allFindings, analyse, cleanTrees, hits } from '../support.ts';

afterAll(cleanTrees);

const T_RAW = 'custom_code.qweb-t-raw';
const JS_EVAL = 'custom_code.js-eval';

/** A template file whose lines marked `<-` are the true t-raw findings before 15.0. */
const TEMPLATES = `<?xml version="1.0" encoding="utf-8"?>
<odoo>
  <template id="layout">
    <div class="page"><t t-raw="0"/></div>
    <span t-raw="''"/>
    <span t-raw="'Amounts details'"/>
    <span t-raw="record.note"/>  <!-- <- -->
  </template>
  <template id="assets_backend" inherit_id="web.assets_backend">
    <xpath expr="." position="inside">
      <script type="text/javascript">
        odoo._modules_info = <t t-raw="request.env['ir.module.module']._session_modules_info()"/>;
      </script>
    </xpath>
  </template>
</odoo>
`;

describe('qweb-t-raw', () => {
  it('before 15.0 skips literal values and values inside <script> (x-web-14.0 web_fix_modules_load, l10n-italy reports)', async () => {
    const analysis = await analyse(addon({ 'views/templates.xml': TEMPLATES }, { series: '14.0' }), { series: '14.0' });
    expect(hits(analysis, T_RAW)).toEqual(['test_mod/views/templates.xml:7']);
    const finding = allFindings(analysis).find((f) => f.checkId === T_RAW);
    expect(finding?.message).toContain('use t-esc for plain text');
    expect(finding?.severity).toBe('medium');
  });

  it('from 15.0 reports every t-raw as deprecated, literals at low severity', async () => {
    const analysis = await analyse(addon({ 'views/templates.xml': TEMPLATES }, { series: '15.0' }), { series: '15.0' });
    expect(hits(analysis, T_RAW).sort()).toEqual(['test_mod/views/templates.xml:12', 'test_mod/views/templates.xml:4', 'test_mod/views/templates.xml:5', 'test_mod/views/templates.xml:6', 'test_mod/views/templates.xml:7']);
    const byLine = new Map(allFindings(analysis).filter((f) => f.checkId === T_RAW).map((f) => [f.object.line, f]));
    expect(byLine.get(4)?.severity).toBe('low');
    expect(byLine.get(4)?.message).toContain('deprecated since 15.0');
    expect(byLine.get(7)?.severity).toBe('medium');
    expect(byLine.get(7)?.message).toContain('unescaped HTML');
    expect(byLine.get(12)?.severity).toBe('medium');
  });
});

describe('js-eval', () => {
  it('skips vendored libraries under static/lib/ and static/src/lib/ (x-web-16.0 web_widget_mpld3_chart d3.v5.js)', async () => {
    const lib = 'var f = new Function("a", "return a");\nvar g = eval("1");\n';
    const analysis = await analyse(
      addon({
        'static/lib/plotly/plotly.js': lib,
        'static/src/lib/d3/d3.v5.js': lib,
        'static/src/js/widget.js': 'export function run(code) {\n    return new Function("x", code);\n}\n',
      }),
    );
    expect(hits(analysis, JS_EVAL)).toEqual(['test_mod/static/src/js/widget.js:2']);
  });
});

describe('qweb-t-raw with t-options (third review round)', () => {
  it('before 15.0 stays quiet on a value rendered by a field widget, which escapes it (l10n_it_account_balance_report)', async () => {
    const view = `<odoo>
  <template id="report_x">
    <t t-raw="line.final_balance" t-options="{'widget': 'monetary', 'display_currency': line.currency_id}"/>
    <t t-raw="line.partner_name"/>  <!-- <- -->
  </template>
</odoo>
`;
    const files = addon({ 'views/report.xml': view }, { series: '14.0' });
    const analysis = await analyse(files, { series: '14.0' });
    expect(hits(analysis, 'custom_code.qweb-t-raw')).toEqual(['test_mod/views/report.xml:4']);
  });
});
