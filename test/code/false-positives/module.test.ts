/**
 * Readings of real OCA code that made the module and manifest rules (server/src/code/rules/module.ts,
 * server/src/code/rules/manifest.ts) fire wrongly, each next to the true case that must still fire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, analyse, cleanTrees, hits, type Files } from '../support.ts';

afterAll(cleanTrees);

const id = (name: string): string => `custom_code.${name}`;
const without = (files: Files, ...paths: string[]): Files => Object.fromEntries(Object.entries(files).filter(([p]) => !paths.includes(p)));
const noTests = (files: Files): Files => without(files, 'test_mod/tests/__init__.py', 'test_mod/tests/test_basic.py');

describe('tests-missing', () => {
  const FIELDS_ONLY = `from odoo import fields, models


class AccountBankStatement(models.Model):
    _inherit = ["account.bank.statement", "mail.thread", "mail.activity.mixin"]
    _name = "account.bank.statement"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True)
`;

  it('is quiet on Python that only adds fields to existing models (account_bank_statement_chatter, sale_commercial_partner)', async () => {
    const analysis = await analyse(noTests(addon({ 'models/models.py': FIELDS_ONLY })));
    expect(hits(analysis, id('tests-missing'))).toEqual([]);
  });

  it('fires once a method is defined, or when a file holds no model (its functions are not indexed)', async () => {
    const withMethod = await analyse(noTests(addon({ 'models/models.py': `${FIELDS_ONLY}\n    def _compute_x(self):\n        return True\n` })));
    expect(hits(withMethod, id('tests-missing'))).toEqual(['test_mod/__manifest__.py:1']);
    const withController = await analyse(noTests(addon({ 'models/models.py': FIELDS_ONLY, 'controllers/main.py': 'def helper(value):\n    return value * 2\n' })));
    expect(hits(withController, id('tests-missing'))).toEqual(['test_mod/__manifest__.py:1']);
  });

  it('is quiet on a module whose only code is an install hook (stock_picking_default_planned_transfer)', async () => {
    const withHooks = await analyse(noTests(addon({ 'models/models.py': FIELDS_ONLY, 'hooks.py': 'def post_init_hook(cr, registry):\n    pass\n' })));
    expect(hits(withHooks, id('tests-missing'))).toEqual([]);
  });
});

describe('duplicate-xml-id', () => {
  const REPORTS = `<odoo>
  <report id="print_mod1" model="account.move" string="Mod 1" report_type="qweb-pdf" name="test_mod.report_mod1" file="test_mod.report_mod1"/>
  <record id="print_mod1" model="ir.actions.report">
    <field name="paperformat_id" ref="test_mod.paperformat"/>
  </record>
  <menuitem id="menu_root" name="Root"/>
  <record id="menu_root" model="ir.ui.menu">
    <field name="sequence">5</field>
  </record>
  <menuitem id="menu_twice" name="Twice"/>
  <menuitem id="menu_twice" name="Twice again"/>
  <record id="view_twice" model="ir.ui.view"/>
  <record id="view_twice" model="ir.ui.view"/>
</odoo>
`;

  it('does not pair a shortcut element with the <record> completing it (l10n-italy 12.0 reports.xml)', async () => {
    const analysis = await analyse(addon({ 'report/reports.xml': REPORTS }, { series: '12.0' }), { series: '12.0' });
    // Two menuitems, or two records, with one id are still reported.
    expect(hits(analysis, id('duplicate-xml-id')).sort()).toEqual(['test_mod/report/reports.xml:11', 'test_mod/report/reports.xml:13']);
  });

  it('only reads the XML files the manifest loads (sale_order_type migrations/*/noupdate_changes.xml)', async () => {
    const rule = '<odoo>\n  <record id="type_comp_rule" model="ir.rule">\n    <field name="name">Type company rule</field>\n  </record>\n</odoo>\n';
    const files = {
      ...addon(
        {},
        {
          manifest: '{"name": "T", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["base"], "data": ["security/security.xml", "security/rules.xml"]}\n',
        },
      ),
      'test_mod/security/security.xml': rule,
      'test_mod/migrations/17.0.1.0.0/noupdate_changes.xml': rule,
    };
    const quiet = await analyse(files);
    expect(hits(quiet, id('duplicate-xml-id'))).toEqual([]);
    // The same record in a second listed file is a true duplicate.
    const loud = await analyse({ ...files, 'test_mod/security/rules.xml': rule });
    expect(hits(loud, id('duplicate-xml-id'))).toHaveLength(1);
  });
});

describe('manifest-behind-migrations', () => {
  const at = (version: string, folder: string): Files => ({
    ...addon({}, { manifest: `{\n    "name": "T", "license": "LGPL-3",\n    "version": "${version}",\n}\n` }),
    [`test_mod/migrations/${folder}/post-migrate.py`]: 'def migrate(cr, version):\n    pass\n',
  });

  it('reads folder names with two dots or more as full versions, like Odoo (stock_picking_batch_extended migrations/15.0.1.0)', async () => {
    for (const folder of ['15.0.1.0', '2.5.0', '1.0']) {
      const analysis = await analyse(at('15.0.2.5.0', folder), { series: '15.0' });
      expect(hits(analysis, id('manifest-behind-migrations')), folder).toEqual([]);
    }
  });

  it('still fires on a folder newer than the manifest version', async () => {
    // "3.0" has one dot: Odoo reads it as 15.0.3.0.
    for (const folder of ['15.0.2.6.0', '3.0']) {
      const analysis = await analyse(at('15.0.2.5.0', folder), { series: '15.0' });
      expect(hits(analysis, id('manifest-behind-migrations')), folder).toEqual(['test_mod/__manifest__.py:3']);
    }
  });
});

describe('manifest-dependency-undeclared', () => {
  it('never credits a model of Odoo base to an analysed module (server-tools test_base_time_window, res.partner "from" base_custom_info)', async () => {
    const provider = addon(
      {
        // An _inherit the index cannot read makes res.partner look declared here.
        'models/models.py': `from odoo import fields, models

PARENTS = ["res.partner", "mail.thread"]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = PARENTS


class Gadget(models.Model):
    _name = "test.gadget"
    _description = "Gadget"
`,
      },
      { name: 'provider_mod' },
    );
    const user = addon(
      {
        'models/models.py': `from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    window = fields.Char()


class Gadget(models.Model):
    _inherit = "test.gadget"

    colour = fields.Char()
`,
      },
      { name: 'user_mod' },
    );
    const analysis = await analyse({ ...provider, ...user });
    // Only the gadget, which provider_mod really declares, is reported.
    expect(hits(analysis, id('manifest-dependency-undeclared'))).toEqual(['user_mod/models/models.py:10']);
  });
});

describe('python-file-not-imported', () => {
  it('skips a hooks.py the manifest names no hook from (a library for other addons: base_multi_image) and a root setup.py', async () => {
    const analysis = await analyse(
      addon({
        'models/thing.py': '',
        'hooks.py': 'def pre_init_hook_for_submodules(cr, model, field):\n    pass\n',
        'setup.py': 'import setuptools\n\nsetuptools.setup(setup_requires=["setuptools-odoo"], odoo_addon=True)\n',
      }),
    );
    expect(hits(analysis, id('python-file-not-imported'))).toEqual([]);
  });

  it('still fires on a hooks.py holding hooks the manifest names, and on an orphan model file', async () => {
    const analysis = await analyse(
      addon(
        { 'models/thing.py': '', 'models/orphan.py': 'X = 1\n', 'models/__init__.py': 'from . import thing\n', 'hooks.py': 'def uninstall_hook(cr, registry):\n    pass\n' },
        { manifestExtra: '"uninstall_hook": "uninstall_hook",' },
      ),
    );
    expect(hits(analysis, id('python-file-not-imported')).sort()).toEqual(['test_mod/hooks.py:1', 'test_mod/models/orphan.py:1']);
  });
});

describe('consider-merging-inherits', () => {
  const ext = (cls: string, model: string): string => `from odoo import models\n\n\nclass ${cls}(models.Model):\n    _inherit = "${model}"\n`;

  it('skips test models, test fixture addons, demo-only code and files nothing imports (stock_putaway_hook, module_analysis, web_apply_field_style)', async () => {
    const analysis = await analyse(
      addon({
        'models/stock_location.py': ext('StockLocation', 'stock.location'),
        'models/base.py': ext('Base', 'base'),
        'models/__init__.py': 'from . import base, stock_location\n',
        'tests/model.py': ext('StockLocation', 'stock.location'),
        'tests/module/models/stock_location.py': ext('StockLocation', 'stock.location'),
        'demo/__init__.py': 'from . import base\n',
        'demo/base.py': ext('Base', 'base'),
        'models/unused.py': ext('StockLocationOld', 'stock.location'),
        '__init__.py': 'from odoo.tools import config\n\nfrom . import models\n\nif not config.get("without_demo"):\n    from . import demo\n',
      }),
    );
    expect(hits(analysis, id('consider-merging-inherits'))).toEqual([]);
  });

  it('still fires on two loaded classes extending one model', async () => {
    const analysis = await analyse(
      addon({
        'models/stock_location.py': ext('StockLocation', 'stock.location'),
        'models/stock_location_extra.py': ext('StockLocationExtra', 'stock.location'),
        'tests/model.py': ext('StockLocation', 'stock.location'),
      }),
    );
    expect(hits(analysis, id('consider-merging-inherits'))).toEqual(['test_mod/models/stock_location_extra.py:4']);
  });
});

describe('manifest-deprecated-key', () => {
  const manifest = (series: string): Files =>
    addon({}, { series, manifest: `{\n    "name": "T", "version": "${series}.1.0.0", "license": "LGPL-3", "depends": ["web"],\n    "qweb": ["static/src/xml/dialog.xml"],\n}\n` });

  it('does not report "qweb" before 15.0, where it loads client templates (x-web-14.0 web_dialog_size)', async () => {
    const analysis = await analyse(manifest('14.0'), { series: '14.0' });
    expect(hits(analysis, id('manifest-deprecated-key'))).toEqual([]);
  });

  it('reports "qweb" from 15.0', async () => {
    const analysis = await analyse(manifest('15.0'), { series: '15.0' });
    expect(hits(analysis, id('manifest-deprecated-key'))).toEqual(['test_mod/__manifest__.py:3']);
  });
});
