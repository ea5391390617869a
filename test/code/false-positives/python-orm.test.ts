/**
 * Readings of real OCA code that made the ORM rules fire wrongly (server/src/code/rules/python-orm.ts),
 * each next to the true case that must still fire. Lines where a rule must fire are marked `# <-`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, allFindings, analyse, cleanTrees, hits, markedLines, type Files } from '../support.ts';

afterAll(cleanTrees);

const HEADER = 'from itertools import groupby\n\nfrom odoo import _, api, fields, models\n\n\n';
const MODEL = `${HEADER}class Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n`;
const py = (body: string, extra: Files = {}): Files => addon({ 'models/thing.py': MODEL + body, ...extra });

async function check(rule: string, files: Files): Promise<void> {
  const analysis = await analyse(files);
  expect(hits(analysis, `custom_code.${rule}`).sort()).toEqual(markedLines(files, '# <-'));
}

describe('orm-query-in-loop', () => {
  it('does not count browse() as a query unless a field is read on it with an id from the loop (x-l10n-italy account_vat_period_end_statement, x-web web_domain_field_example, sale_blanket_order)', async () => {
    await check(
      'orm-query-in-loop',
      py(`    def run(self, vals_list, rule_id):
        for statement in self:
            lines = [line.id for line in statement.line_ids]
            statement.payment_ids = self.env["account.move.line"].browse(list(set(lines)))
            statement.other_ids = self.env["account.move.line"].browse([])
            self.browse(statement.id).name = "x"
        item = self.env["product.pricelist.item"].browse(rule_id)
        while item.base == "pricelist":
            rule_id = item.base_pricelist_id._get_rule()
            item = self.env["product.pricelist.item"].browse(rule_id)
        names = [self.env["res.partner"].browse(pid).name for pid in self.ids]  # <-
        for vals in vals_list:
            vals["user_id"] = self.browse(vals["parent_id"]).sudo().user_id.id  # <-
        return names
`),
    );
  });

  it('stays quiet on a query whose model is chosen by each record (x-web web_dashboard_tile)', async () => {
    await check(
      'orm-query-in-loop',
      py(`    def _compute_data(self):
        for tile in self:
            model = self.env[tile.model_id.model]
            tile.count = model.search_count([])
            tile.total = self.env[tile.model_id.model].sudo().search_count([])
        for record in self:
            record.changes = self.env["record.changeset"].search([("res_id", "=", record.id)])  # <-
`),
    );
  });

  it('stays quiet on a bounded retry loop (x-hr hr_employee_id)', async () => {
    await check(
      'orm-query-in-loop',
      py(`    def _generate_identification_id(self):
        for _retry in range(50):
            code = self._random_code()
            if not self.search_count([("identification_id", "=", code)]):
                return code
        for rec in self:
            rec.dup = self.search_count([("identification_id", "=", rec.identification_id)])  # <-
        return False
`),
    );
  });

  it('stays quiet on SQL over the catalogs or over the table of each model (server-tools database_cleanup)', async () => {
    await check(
      'orm-query-in-loop',
      py(`    def find(self, rows):
        for (model,) in rows:
            self.env.cr.execute(
                "SELECT id FROM ir_model_data WHERE model = %s AND NOT EXISTS (SELECT id FROM %s WHERE id = res_id)",
                (model, IdentifierAdapter(self.env[model]._table)),
            )
        for field in self.env["ir.model.fields"].search([("index", "=", True)]):
            model = self.env[field.model]
            self.env.cr.execute("select indexname from pg_indexes where indexname=%s", (field.name,))
            self.env.cr.execute("SELECT count(*) FROM " + model._table)
        for rec in self:
            self.env.cr.execute("UPDATE test_thing SET a = 1 WHERE id = %s", [rec.id])  # <-
            self.env.cr.execute("UPDATE %s SET a = 1 WHERE id = %%s" % self._table, [rec.id])  # <-
`),
    );
  });
});

describe('create-in-loop', () => {
  it('stays quiet on a record created once and reused (x-purchase-workflow purchase_request)', async () => {
    await check(
      'create-in-loop',
      py(`    def make_purchase_order(self):
        purchase = False
        purchase_obj = self.env["purchase.order"]
        for item in self.item_ids:
            if self.purchase_order_id:
                purchase = self.purchase_order_id
            if not purchase:
                purchase = purchase_obj.create(self._prepare_purchase_order(item))
            purchase.line_ids |= item.line_id
        for line in self.line_ids:
            group = line._get_procurement_group()
            if not group:
                group = self.env["procurement.group"].create({})  # <-
            line.group_id = group
        return purchase
`),
    );
  });

  it('stays quiet on a chain of records, each pointing to the previous one (account_asset_management)', async () => {
    await check(
      'create-in-loop',
      py(`    def _compute_board(self, table):
        depr_line = self.line_ids[-1:]
        for line in table:
            vals = {"previous_id": depr_line.id, "amount": line["amount"]}
            depr_line = self.env["account.asset.line"].create(vals)
        for line in table:
            vals = {"amount": line["amount"]}
            vals["previous_id"] = depr_line.id
            depr_line = self.env["account.asset.line"].create(vals)
        for line in table:
            new_line = self.env["account.asset.line"].create({"amount": line["amount"]})  # <-
        return new_line
`),
    );
  });
});

describe('context-overridden', () => {
  it('stays quiet in tests, whose context starts empty (x-hr hr_employee_relative)', async () => {
    const files = py(`    def ctx(self):\n        return self.with_context({"a": 1})  # <-\n`, {
      'tests/test_relative.py':
        'from odoo.tests.common import TransactionCase\n\n\nclass TestRelative(TransactionCase):\n    def test_it(self):\n        ctx = {"tracking_disable": True}\n        self.env["hr.employee"].with_context(ctx).create({})\n',
    });
    await check('context-overridden', files);
  });
});

describe('no-search-all', () => {
  it('stays quiet in hooks, on small configuration models and on search([]).write() (stock_picking_batch_extended, account_chart_update, sale_automatic_workflow)', async () => {
    const files = py(
      `    def langs(self):
        langs = self.env["res.lang"].search([])
        workflows = self.env["sale.workflow.process"]
        for workflow in workflows.search([]):
            workflow.run()
        self.env["ir.cron"].with_context(active_test=False).search([]).write({"active": True})
        employees = self.env["hr.employee"].search([])  # <-
        return langs, employees.filtered(lambda e: e.birthday)
`,
      {
        'hooks.py': 'def post_init_hook(env):\n    env["stock.picking"].search([]).action_assign()\n',
        '__init__.py': 'from . import models\n\n\ndef assign_old_sequences(cr, registry):\n    env = api.Environment(cr, 1, {})\n    for expense in env["hr.expense"].search([]):\n        expense.number = "x"\n',
      },
    );
    await check('no-search-all', files);
  });
});

describe('missing-return', () => {
  it('stays quiet when super() is called on another method, not the one defined (sale_partner_approval, purchase_order_approved)', async () => {
    await check(
      'missing-return',
      addon({
        'models/export.py': `class BaseExporter:
    def run(self):
        return 1

    def write(self, data):
        return data


class Exporter(BaseExporter):
    def save(self, data):
        super().write(data)

    def run(self):  # <-
        super().run()
`,
      }),
    );
  });

  // Methods of models are checked in the project pass, from MethodSummary.callsSuper (python/scan.ts).
  it('stays quiet on a model method calling super() on another method (project pass)', async () => {
    await check(
      'missing-return',
      py(`    def _set_sale_ok(self):
        for partner in self:
            super(Thing, partner).write({"sale_ok": True})

    def action_confirm(self):  # <-
        super().action_confirm()
`),
    );
  });

  it('follows the _inherit chain to a base that returns nothing (x-l10n-italy l10n_it_delivery_note check_compliance)', async () => {
    await check(
      'missing-return',
      addon({
        'models/checker.py': `${HEADER}class Checker(models.AbstractModel):
    _name = "test.checker.mixin"
    _description = "Checker"

    def check_compliance(self, pickings):
        if not pickings:
            raise ValueError()


class BaseWizard(models.TransientModel):
    _name = "test.base.wizard"
    _inherit = "test.checker.mixin"
    _description = "Base wizard"


class SelectWizard(models.TransientModel):
    _name = "test.select.wizard"
    _inherit = "test.base.wizard"
    _description = "Select wizard"

    def check_compliance(self, pickings):
        super().check_compliance(pickings)
        self.done = True

    def action_done(self):  # <-
        super().action_done()
`,
      }),
    );
  });

  it('stays quiet in tests (sale_delivery_date setUpClass helpers)', async () => {
    const files = py(`    def action_confirm(self):  # <-\n        super().action_confirm()\n`, {
      'tests/test_dates.py':
        'from odoo import models\nfrom odoo.tests.common import SavepointCase\n\n\nclass Common(SavepointCase):\n    def _create(self):\n        return 1\n\n\nclass TestDates(Common):\n    def _create(self):\n        super()._create()\n\n\nclass FakeThing(models.Model):\n    _inherit = "test.thing"\n\n    def action_confirm(self):\n        super().action_confirm()\n',
    });
    await check('missing-return', files);
  });
});

describe('super-method-mismatch', () => {
  it('follows super() through with_context()/sudo() and stays quiet when the class overrides the method called (stock_picking_batch_invoice_frequency, stock_move_backdating)', async () => {
    await check(
      'super-method-mismatch',
      py(`    def action_done(self):
        if not self.env.context.get("invoice_batch"):
            return super().with_context(invoice_batch=True).action_done()
        return super().sudo().action_done()

    def _backdating_action_done(self):
        for move in self:
            super(Thing, move)._action_done()

    def _action_done(self):
        return super()._action_done()

    def action_cancel(self):
        return super().with_context(a=1).action_draft()  # <-
`),
    );
    const messages = allFindings(await analyse(py(`    def action_cancel(self):\n        return super().with_context(a=1).action_draft()\n`)))
      .filter((f) => f.checkId === 'custom_code.super-method-mismatch')
      .map((f) => f.message);
    expect(messages).toEqual(['action_cancel() calls super().action_draft().']);
  });
});

describe('bad-builtin-groupby', () => {
  it('stays quiet when the input was sorted into a variable first (sale_order_invoicing_picking_filter, purchase_delivery_split_date)', async () => {
    await check(
      'bad-builtin-groupby',
      py(`    def groups(self, vals, key):
        vals = sorted(vals, key=key)
        first = list(groupby(vals, key))
        lines = self.filtered("active")
        lines = lines.sorted(key)
        second = list(groupby(lines, key))
        items = list(self)
        items.sort(key=key)
        third = list(groupby(items, key))
        moves = self.mapped("move_ids")
        fourth = list(groupby(moves, key))  # <-
        return first, second, third, fourth
`),
    );
  });
});

describe('except-pass', () => {
  it('stays quiet on a narrow exception type, the fix the rule asks for (base_time_parameter)', async () => {
    await check(
      'except-pass',
      py(`    def parse(self, value):
        try:
            return int(value)
        except ValueError:
            pass
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
        try:
            return self.do(value)
        except (ValueError, Exception):  # <-
            pass
        try:
            return self.do(value)
        except BaseException as error:  # <-
            pass
        try:
            return self.do(value)
        except:  # <-
            pass
`),
    );
  });
});

describe('odoo-addons-relative-import', () => {
  it('stays quiet in migration scripts, which are loaded standalone (x-l10n-italy l10n_it_appointment_code)', async () => {
    await check(
      'odoo-addons-relative-import',
      addon({
        'migrations/14.0.1.0.0/pre-migrate.py': 'from odoo.addons.test_mod.models import other\n\n\ndef migrate(cr, version):\n    other.run(cr)\n',
        'models/thing.py': 'from odoo.addons.test_mod.models import other  # <-\n',
        'models/other.py': '',
      }),
    );
  });
});

describe('inheritable-method-reference', () => {
  it('suggests a lambda, not a string, for domain= and default=', async () => {
    const files = py(`    total = fields.Float(compute=_compute_total)
    partner_id = fields.Many2one("res.partner", domain=_domain_partner)

    def _compute_total(self):
        self.total = 0

    def _domain_partner(self):
        return [("id", "in", self.env.user.partner_id.ids)]
`);
    const messages = allFindings(await analyse(files))
      .filter((f) => f.checkId === 'custom_code.inheritable-method-reference')
      .map((f) => f.message)
      .sort();
    expect(messages).toEqual([
      'compute=_compute_total passes the function itself, so overrides of _compute_total are ignored: use compute="_compute_total".',
      'domain=_domain_partner passes the function itself, so overrides of _domain_partner are ignored: use domain=lambda self: self._domain_partner().',
    ]);
  });
});

describe('no-write-in-compute', () => {
  it('reports a compute method once, at its first write (x-hr hr_attendance_sheet)', async () => {
    const files = py(`    duration = fields.Float(compute="_compute_duration")
    total = fields.Float(compute="_compute_total")

    def _compute_duration(self):
        for rec in self:
            rec.write({"a": 1})  # <-
            rec.write({"b": 1})
            rec.write({"c": 1})

    def _compute_total(self):
        self.write({"total": 1})  # <-
`);
    await check('no-write-in-compute', files);
    const messages = allFindings(await analyse(files))
      .filter((f) => f.checkId === 'custom_code.no-write-in-compute')
      .map((f) => f.message)
      .sort();
    expect(messages).toEqual(['Compute method _compute_duration() calls write() 3 times.', 'Compute method _compute_total() calls write().']);
  });
});

describe('loops that run a handful of times (second review round)', () => {
  it('orm-query-in-loop stays quiet over a wizard, a small configuration model or companies, and when the first match ends the loop (web_company_color, assets_management, account_chart_update)', async () => {
    const files = addon({
      'models/thing.py': `${HEADER}class Company(models.Model):
    _inherit = "res.company"

    def unlink(self):
        for company in self:
            self.env["ir.attachment"].search([("res_id", "=", company.id)]).unlink()
        return super().unlink()


class Wizard(models.TransientModel):
    _name = "test.wizard"
    _description = "W"

    def run(self):
        for wizard in self.filtered("active"):
            self.env["sale.order"].search([("name", "=", wizard.name)]).action_confirm()


class WizardLine(models.TransientModel):
    _name = "test.wizard.line"
    _description = "WL"

    def run(self):
        for line in self:
            self.env["sale.order"].search([("name", "=", line.name)])  # <-


class Thing(models.Model):
    _name = "test.thing"
    _description = "Thing"

    def check(self):
        for company in self.mapped("company_id"):
            self.search_count([("company_id", "=", company.id)])
        for account in self:
            for code in (account.code, account.code[:4]):
                found = self.env["account.account"].search([("code", "=", code)])
                if found:
                    return found.id
            self.env["res.partner"].search([("ref", "=", account.code)])  # <-
`,
    });
    await check('orm-query-in-loop', files);
  });

  it('create-in-loop stays quiet in install hooks and on 12.0 models whose create() took one dict (account_move_name_sequence post_install, l10n_it_ricevute_bancarie)', async () => {
    const body = `    def run(self):
        moves = self.env["account.move.line"]
        for line in self:
            moves.create({"name": line.name})
            self.env["res.partner"].create({"name": line.name})  # <-
`;
    const hook = 'def post_init_hook(cr, registry):\n    env = api.Environment(cr, 1, {})\n    for journal in env["account.journal"].search([]):\n        env["ir.sequence"].create({"name": journal.name})\n';
    const on12 = addon({ 'models/thing.py': MODEL + body, 'hooks.py': `from odoo import api\n\n\n${hook}` }, { series: '12.0' });
    const analysis12 = await analyse(on12, { series: '12.0' });
    expect(hits(analysis12, 'custom_code.create-in-loop')).toEqual(markedLines(on12, '# <-'));
    // From 13.0 account.move.line.create() takes a list: the same loop is worth batching there.
    const on14 = addon({ 'models/thing.py': MODEL + body }, { series: '14.0' });
    const analysis14 = await analyse(on14, { series: '14.0' });
    const createLines = on14['test_mod/models/thing.py'].split('\n').flatMap((line, i) => (line.includes('.create(') ? [`test_mod/models/thing.py:${i + 1}`] : []));
    expect(createLines).toHaveLength(2);
    expect(hits(analysis14, 'custom_code.create-in-loop').sort()).toEqual(createLines);
  });
});

describe('third review round (a fresh sample)', () => {
  it('orm-query-in-loop stays quiet over a literal list or a module constant, not over a comprehension of records (l10n_it_account account_account)', async () => {
    const files = addon({
      'models/thing.py': `${HEADER}NEGATIVE_TYPES = ["liability_payable", "income"]


class Thing(models.Model):
    _name = "test.thing"
    _description = "Thing"

    def fix_signs(self):
        for account_type in NEGATIVE_TYPES:
            self.env["account.account"].search([("account_type", "=", account_type)])
        for code in ("a", "b"):
            self.env["account.account"].search([("code", "=", code)])
        for rec in [r for r in self if r.active]:
            self.env["res.partner"].search([("ref", "=", rec.name)])  # <-
`,
    });
    await check('orm-query-in-loop', files);
  });

  it('no-search-all stays quiet in an ormcache method, loaded once per registry (base_changeset)', async () => {
    const files = addon({
      'models/thing.py': `${HEADER}from odoo.tools import ormcache


class Thing(models.Model):
    _name = "test.thing"
    _description = "Thing"

    @ormcache()
    def _rule_models(self):
        return self.env["test.rule"].sudo().search([]).mapped("model")

    def _all_rules(self):
        return self.env["test.rule"].search([])  # <-
`,
    });
    await check('no-search-all', files);
  });
});
