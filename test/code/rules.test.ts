/**
 * Every rule, on small addons written for it: once where it must fire (at the lines marked `<-`, or
 * the places listed) and once where it must stay quiet. A last test checks that no rule is missing
 * from this table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyseOptions } from '../../server/src/code/analyse.ts';
import { CODE_RULE_DEFINITIONS, fileRules } from '../../server/src/code/rules/index.ts';
import { addon, analyse, cleanTrees, markedLines, type AddonOptions, type Files } from './support.ts';

afterAll(cleanTrees);

interface Scenario {
  files: Files;
  /** Expected "path:line" of findings; by default the lines marked with `<-` in the files. */
  at?: string[];
  options?: AnalyseOptions;
}

interface Case {
  rule: string;
  fires: Scenario;
  quiet: Scenario;
}

const M = 'from odoo import _, api, fields, models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n';
const py = (body: string, opts?: AddonOptions): Files => addon({ 'models/thing.py': M + body }, opts);
const ctl = (body: string): Files =>
  addon({ 'controllers/main.py': `from odoo import http\nfrom odoo.http import request\nfrom odoo.tools.safe_eval import safe_eval\n\n\nclass Main(http.Controller):\n${body}` });
const xml = (body: string, opts?: AddonOptions): Files => addon({ 'views/views.xml': `<?xml version="1.0" encoding="utf-8"?>\n<odoo>\n${body}</odoo>\n` }, opts);
const without = (files: Files, ...paths: string[]): Files => Object.fromEntries(Object.entries(files).filter(([p]) => !paths.includes(p)));
const view = (arch: string, extra = ''): string =>
  `  <record id="view_thing_form" model="ir.ui.view">\n    <field name="model">res.partner</field>\n${extra}    <field name="arch" type="xml">\n${arch}    </field>\n  </record>\n`;
const manifest = (text: string): Files => addon({}, { manifest: text });
const FULL = '"name": "T", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["base"]';

const CASES: Case[] = [
  // ---- security ----------------------------------------------------------------------------
  {
    rule: 'sql-injection',
    fires: {
      files: py(`    def bad(self, name):
        self.env.cr.execute("SELECT id FROM t WHERE name = '%s'" % name)  # <-
        query = "DELETE FROM t WHERE name = " + name
        self.env.cr.execute(query)  # <-
        self.env.cr.execute(f"SELECT {name} FROM t")  # <-
        self.env.cr.execute("SELECT {} FROM t".format(name))  # <-
`),
    },
    quiet: {
      files: py(`    def good(self, name):
        self.env.cr.execute("SELECT id FROM t WHERE name = %s", [name])
        self.env.cr.execute("SELECT id FROM %s" % self._table)
        self.env.cr.execute(SQL("SELECT id FROM t WHERE name = %s", name))
        query = "SELECT 1"
        self.env.cr.execute(query)
`),
    },
  },
  {
    rule: 'eval-exec',
    fires: { files: py(`    def run(self, expr):\n        eval(expr)  # <-\n        exec(self.code)  # <-\n`) },
    quiet: { files: py(`    def run(self, expr):\n        eval("1 + 1")\n        self.eval(expr)\n        safe_eval(expr)\n`) },
  },
  {
    rule: 'safe-eval-request-data',
    fires: {
      files: ctl(`    @http.route("/x", auth="user")
    def x(self, expr, **kw):
        return safe_eval(expr)  # <-

    @http.route("/y", auth="user")
    def y(self, **kw):
        value = request.params.get("v")
        return safe_eval(value)  # <-
`),
    },
    quiet: {
      files: ctl(`    @http.route("/x", auth="user")
    def x(self, report_name, **kw):
        report = request.env["ir.actions.report"]._get_report_from_name(report_name)
        return safe_eval(report.print_report_name) + safe_eval("1 + 1")
`),
    },
  },
  {
    rule: 'sudo-request-records',
    fires: {
      files: ctl(`    @http.route("/order/<int:order_id>", auth="public")
    def order(self, order_id, **kw):
        order = request.env["sale.order"].sudo().browse(order_id)  # <-
        return order.name

    @http.route("/o2", auth="user")
    def o2(self, **kw):
        rec = request.env["sale.order"].browse(int(kw.get("id")))
        rec.sudo().write({"note": "x"})  # <-
`),
    },
    quiet: {
      files: ctl(`    @http.route("/order/<int:order_id>", auth="public")
    def order(self, order_id, access_token=None, **kw):
        order = request.env["sale.order"].sudo().browse(order_id)
        if not consteq(order.access_token, access_token):
            raise Forbidden()
        return order.name

    @http.route("/o3", auth="user")
    def o3(self, **kw):
        return request.env["res.company"].sudo().search([]).name
`),
    },
  },
  {
    rule: 'public-route-sudo',
    fires: {
      files: ctl(`    @http.route("/p", auth="public")
    def p(self, **kw):
        partner = request.env["res.partner"].sudo()  # <-
        return partner.search_count([])
`),
    },
    quiet: {
      files: ctl(`    @http.route("/p", auth="user")
    def p(self, **kw):
        return request.env["res.partner"].sudo().search_count([])

    @http.route("/q", auth="public")
    def q(self, **kw):
        return "ok"
`),
    },
  },
  {
    rule: 'csrf-disabled-public-route',
    fires: { files: ctl(`    @http.route("/hook", auth="public", csrf=False)  # <-\n    def hook(self, **kw):\n        return "ok"\n`) },
    quiet: {
      files: ctl(`    @http.route("/hook", auth="public", type="json", csrf=False)
    def hook(self, **kw):
        return "ok"

    @http.route("/internal", auth="user", csrf=False)
    def internal(self, **kw):
        return "ok"
`),
    },
  },
  {
    rule: 'hardcoded-secret',
    fires: {
      files: addon({
        'models/thing.py': `${M}    API_KEY = "sk_live_abcdefghijklmnop1234"  # <-\n    password = "S3cr3t!Pass"  # <-\n    HEADERS = {"token": "aB3dE5fG7hJ9kL1m"}  # <-\n    wms_token = "f3a9c2e1d4b5a6978877"  # <-\n    AUTH = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.payload"}  # <-\n`,
        'static/src/js/x.js': 'const key = "AKIAABCDEFGHIJKLMNOP"; // <-\n',
      }),
    },
    quiet: {
      files: addon({
        'models/thing.py': `${M}    """Set password = "S3cr3t!Pass" in the settings."""\n    password = fields.Char()\n    token_field = "access_token"\n    # password = "S3cr3t!Pass"\n    default_password = "password"\n    api_token = "x_wms_api_token_2024"\n    message = "Bearer token expired"\n`,
      }),
    },
  },
  {
    rule: 'request-without-timeout',
    fires: {
      files: addon({
        'models/thing.py': `import requests\nfrom urllib.request import urlopen\n${M}    def call(self, url):\n        requests.get(url)  # <-\n        requests.post(url, data={})  # <-\n        urlopen(url)  # <-\n`,
      }),
    },
    quiet: {
      files: addon({
        'models/thing.py': `import requests\nfrom urllib.request import urlopen\n${M}    def call(self, url, **kwargs):\n        requests.get(url, timeout=10)\n        requests.get(url, **kwargs)\n        urlopen(url, None, 10)\n`,
      }),
    },
  },
  {
    rule: 'markup-user-data',
    fires: { files: py(`    def html(self):\n        a = Markup("<b>%s</b>" % self.name)  # <-\n        b = Markup(f"<b>{self.name}</b>")  # <-\n        return a + b\n`) },
    quiet: { files: py(`    def html(self):\n        return Markup("<b>%s</b>") % self.name + Markup("<br/>")\n`) },
  },
  {
    rule: 'subprocess-shell',
    fires: {
      files: addon({ 'models/thing.py': `import os\nimport subprocess\n${M}    def run(self, cmd):\n        subprocess.run(cmd, shell=True)  # <-\n        os.system(cmd)  # <-\n` }),
    },
    quiet: {
      files: addon({ 'models/thing.py': `import os\nimport subprocess\n${M}    def run(self, path):\n        subprocess.run(["ls", path], check=True)\n        os.system("ls")\n` }),
    },
  },
  {
    rule: 'unsafe-deserialization',
    fires: {
      files: addon({ 'models/thing.py': `import pickle\nimport yaml\n${M}    def load(self, data):\n        pickle.loads(data)  # <-\n        return yaml.load(data)  # <-\n` }),
    },
    quiet: {
      files: addon({
        'models/thing.py': `import json\nimport yaml\n${M}    def load(self, data):\n        yaml.load(data, Loader=yaml.SafeLoader)\n        yaml.safe_load(data)\n        return json.loads(data)\n`,
      }),
    },
  },
  {
    rule: 'invalid-commit',
    fires: { files: py(`    def run(self):\n        self.env.cr.commit()  # <-\n        self._cr.commit()  # <-\n        self.env.cr.rollback()  # <-\n`) },
    quiet: { files: py(`    def run(self):\n        with self.pool.cursor() as new_cr:\n            new_cr.commit()\n            new_cr.rollback()\n`) },
  },
  {
    rule: 'print-used',
    fires: { files: py(`    def run(self):\n        print("debug", self)  # <-\n`) },
    quiet: { files: py(`    def run(self):\n        _logger.info("debug %s", self)\n        self.printer.print("x")\n`) },
  },
  // ---- translations ------------------------------------------------------------------------
  {
    rule: 'translation-not-lazy',
    fires: { files: py(`    def msg(self):\n        a = _("Order %s" % self.name)  # <-\n        return a + _("Order " + self.name)  # <-\n`) },
    quiet: { files: py(`    def msg(self):\n        return _("Order %s", self.name) + _("Order %s") % self.name\n`) },
  },
  {
    rule: 'translation-format-interpolation',
    fires: { files: py(`    def msg(self):\n        return _("Hello {}".format(self.name))  # <-\n`) },
    quiet: { files: py(`    def msg(self):\n        return _("Hello %s", self.name)\n`) },
  },
  {
    rule: 'translation-fstring-interpolation',
    fires: { files: py(`    def msg(self):\n        return _(f"Hello {self.name}")  # <-\n`) },
    quiet: { files: py(`    def msg(self):\n        return _("Hello %(name)s", name=self.name)\n`) },
  },
  {
    rule: 'translation-field',
    fires: { files: py(`    name = fields.Char(string=_("Name"))  # <-\n`) },
    quiet: { files: py(`    name = fields.Char(string="Name", help="Write _(x) to translate")\n`) },
  },
  {
    rule: 'translation-positional-used',
    fires: { files: py(`    def msg(self, a, b):\n        return _("%s and %s", a, b)  # <-\n`) },
    quiet: { files: py(`    def msg(self, a, b):\n        return _("%(a)s and %(b)s", a=a, b=b) + _("%s only", a)\n`) },
  },
  {
    rule: 'translation-args-mismatch',
    fires: { files: py(`    def msg(self, a, b):\n        x = _("%s and %s", a)  # <-\n        return x + _("%s") % (a, b)  # <-\n`) },
    quiet: { files: py(`    def msg(self, a, b):\n        return _("%s and %s", a, b) + _("%(x)s", x=a) + _("%s") % a\n`) },
  },
  {
    rule: 'translation-required',
    fires: { files: py(`    def check(self):\n        raise UserError("The order is locked.")  # <-\n`) },
    quiet: { files: py(`    def check(self):\n        if self:\n            raise UserError(_("The order is locked."))\n        raise ValueError("internal")\n`) },
  },
  {
    rule: 'translation-injection',
    fires: { files: py(`    def msg(self):\n        return _("Hello {}").format(self.name)  # <-\n`) },
    quiet: { files: py(`    def msg(self):\n        return "Hello {}".format(self.name)\n`) },
  },
  {
    rule: 'translation-at-import',
    fires: { files: addon({ 'models/thing.py': `from odoo import _\n\nMESSAGE = _("Hello")  # <-\n` }) },
    quiet: { files: addon({ 'models/thing.py': `from odoo import _, _lt\n\nMESSAGE = _lt("Hello")\n\n\ndef message():\n    return _("Hello")\n` }) },
  },
  // ---- ORM ---------------------------------------------------------------------------------
  {
    rule: 'orm-query-in-loop',
    fires: {
      files: py(`    def work(self):
        for rec in self:
            self.env["res.partner"].search([("id", "=", rec.id)])  # <-
        names = [self.env["res.partner"].browse(pid).name for pid in self.ids]  # <-
        self.mapped(lambda r: r.env["res.partner"].search_count([]))  # <-
        for rec in self:
            self.env.cr.execute("SELECT 1 FROM t WHERE id = %s", [rec.id])  # <-
        return names
`),
    },
    quiet: {
      files: py(`    def work(self):
        partners = self.env["res.partner"].search([("id", "in", self.ids)])
        for rec in partners:
            rec.name = rec.name.strip()
            empty = self.env["res.partner"].browse()
            self.env.cr.execute("SAVEPOINT x")
            re.search("a", rec.name)
        for model_name in ["res.partner", "res.users"]:
            self.env[model_name].search([("id", "=", 1)])
        return empty
`),
    },
  },
  {
    rule: 'create-in-loop',
    fires: { files: py(`    def make(self, vals_list):\n        for vals in vals_list:\n            self.env["res.partner"].create(vals)  # <-\n`) },
    quiet: { files: py(`    def make(self, vals_list):\n        commands = [Command.create(vals) for vals in vals_list]\n        return self.env["res.partner"].create(vals_list), commands\n`) },
  },
  {
    rule: 'no-search-all',
    fires: { files: py(`    def all(self):\n        return self.env["res.partner"].search([])  # <-\n`) },
    quiet: { files: py(`    def all(self):\n        return self.env["res.partner"].search([], limit=1) | self.env["res.partner"].search([("a", "=", 1)])\n`) },
  },
  {
    rule: 'context-overridden',
    fires: { files: py(`    def ctx(self):\n        return self.with_context({"a": 1})  # <-\n`) },
    quiet: { files: py(`    def ctx(self, **ctx):\n        self.with_context(a=1)\n        self.with_context(**ctx)\n        return self.with_context(dict(self.env.context, a=1))\n`) },
  },
  {
    rule: 'method-required-super',
    fires: { files: py(`    def write(self, vals):  # <-\n        return True\n`) },
    quiet: {
      files: addon({
        'models/thing.py': `${M}    def write(self, vals):\n        return super().write(vals)\n\n\nclass Helper:\n    def write(self, data):\n        return data\n`,
      }),
    },
  },
  {
    rule: 'missing-return',
    fires: { files: py(`    def action_confirm(self):  # <-\n        super().action_confirm()\n        self.state = "done"\n`) },
    quiet: {
      files: addon({
        'models/thing.py': `${M}    def action_confirm(self):\n        res = super().action_confirm()\n        return res\n\n    def _hook(self):\n        pass\n\n    @api.constrains("vat")\n    def check_vat(self):\n        super().check_vat()\n\n    @api.depends("vat")\n    def vat_label(self):\n        super().vat_label()\n\n\nclass ThingExtension(models.Model):\n    _inherit = "test.thing"\n\n    def _hook(self):\n        super()._hook()\n`,
      }),
    },
  },
  {
    rule: 'no-write-in-compute',
    fires: { files: py(`    total = fields.Float(compute="_compute_total")\n\n    def _compute_total(self):\n        for rec in self:\n            rec.write({"total": 1.0})  # <-\n`) },
    quiet: { files: py(`    total = fields.Float(compute="_compute_total")\n\n    def _compute_total(self):\n        for rec in self:\n            rec.total = 1.0\n\n    def other(self):\n        self.write({"total": 2.0})\n`) },
  },
  {
    rule: 'no-raise-unlink',
    fires: { files: py(`    def unlink(self):\n        if self.filtered("active"):\n            raise UserError(_("Archive first."))  # <-\n        return super().unlink()\n`) },
    quiet: {
      files: py(`    @api.ondelete(at_uninstall=False)\n    def _unlink_if_archived(self):\n        if self.filtered("active"):\n            raise UserError(_("Archive first."))\n\n    def unlink(self):\n        return super().unlink()\n`),
    },
  },
  {
    rule: 'method-compute-name',
    fires: { files: py(`    total = fields.Float(compute="get_total")  # <-\n\n    def get_total(self):\n        self.total = 0\n`) },
    quiet: { files: py(`    total = fields.Float(compute="_compute_total")\n\n    def _compute_total(self):\n        self.total = 0\n`) },
  },
  {
    rule: 'method-search-name',
    fires: { files: py(`    total = fields.Float(compute="_compute_total", search="find_total")  # <-\n`) },
    quiet: { files: py(`    total = fields.Float(compute="_compute_total", search="_search_total")\n`) },
  },
  {
    rule: 'method-inverse-name',
    fires: { files: py(`    total = fields.Float(compute="_compute_total", inverse="set_total")  # <-\n`) },
    quiet: { files: py(`    total = fields.Float(compute="_compute_total", inverse="_inverse_total")\n`) },
  },
  {
    rule: 'inheritable-method-reference',
    fires: {
      files: py(`    total = fields.Float(compute=_compute_total)  # <-\n    partner_id = fields.Many2one("res.partner", default=_default_partner)  # <-\n\n    def _compute_total(self):\n        self.total = 0\n\n    def _default_partner(self):\n        return self.env.user.partner_id\n`),
    },
    quiet: {
      files: addon({
        'models/thing.py': `from odoo import fields, models\n\n\ndef _default_name():\n    return "x"\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n    name = fields.Char(default=_default_name)\n    total = fields.Float(compute="_compute_total")\n    partner_id = fields.Many2one("res.partner", default=lambda self: self._default_partner())\n`,
      }),
    },
  },
  {
    rule: 'except-pass',
    fires: { files: py(`    def run(self):\n        try:\n            self.do()\n        except Exception:  # <-\n            pass\n`) },
    quiet: {
      files: addon({
        'models/thing.py': `try:\n    import magic\nexcept ImportError:\n    pass\n${M}    def run(self):\n        try:\n            self.do()\n        except Exception:\n            _logger.exception("failed")\n`,
      }),
    },
  },
  {
    rule: 'super-method-mismatch',
    fires: { files: py(`    def action_a(self):\n        return super().action_b()  # <-\n`) },
    quiet: { files: py(`    def write(self, vals):\n        handler = super().create\n        return super().write(vals) and handler\n`) },
  },
  {
    rule: 'bad-builtin-groupby',
    fires: { files: addon({ 'models/thing.py': `from itertools import groupby\n${M}    def groups(self, key):\n        return groupby(self, key)  # <-\n` }) },
    quiet: {
      files: addon({ 'models/thing.py': `from itertools import groupby\n${M}    def groups(self, key):\n        return groupby(sorted(self, key=key), key)\n` }),
    },
  },
  {
    rule: 'odoo-addons-relative-import',
    fires: { files: addon({ 'models/thing.py': 'from odoo.addons.test_mod.models import other  # <-\n', 'models/other.py': '' }) },
    quiet: {
      files: addon({
        'models/thing.py': 'from odoo.addons.sale.models import sale_order\nfrom . import other\n',
        'models/other.py': '',
        'tests/test_other.py': 'from odoo.addons.test_mod.models import other\n',
      }),
    },
  },
  // ---- deprecated APIs -----------------------------------------------------------------------
  {
    rule: 'deprecated-api-one',
    fires: { files: py(`    @api.one  # <-\n    def run(self):\n        return True\n`) },
    quiet: { files: py(`    @api.one\n    def run(self):\n        return True\n`, { series: '12.0' }), options: { series: '12.0' } },
  },
  {
    rule: 'deprecated-api-multi',
    fires: { files: py(`    @api.multi  # <-\n    def run(self):\n        return True\n`) },
    quiet: { files: py(`    @api.depends("name")\n    def run(self):\n        return True\n`) },
  },
  {
    rule: 'deprecated-api-returns',
    fires: { files: py(`    @api.returns("self")  # <-\n    def run(self):\n        return self\n`, { series: '19.0' }), options: { series: '19.0' } },
    quiet: { files: py(`    @api.returns("self")\n    def run(self):\n        return self\n`, { series: '18.0' }), options: { series: '18.0' } },
  },
  {
    rule: 'deprecated-api-legacy',
    fires: { files: py(`    @api.cr_uid  # <-\n    def run(self, cr, uid):\n        return True\n`) },
    quiet: { files: py(`    @api.model_create_multi\n    def create(self, vals_list):\n        return super().create(vals_list)\n`) },
  },
  {
    rule: 'sudo-user-argument',
    fires: { files: py(`    def run(self, user):\n        return self.sudo(user)  # <-\n`) },
    quiet: { files: py(`    def run(self, user):\n        return self.sudo() | self.sudo(False) | self.with_user(user)\n`) },
  },
  {
    rule: 'openerp-import',
    fires: { files: addon({ 'models/thing.py': 'from openerp import models  # <-\n' }) },
    quiet: { files: addon({ 'models/thing.py': 'from odoo import models\n' }) },
  },
  {
    rule: 'odoo-exception-warning',
    fires: { files: addon({ 'models/thing.py': 'from odoo.exceptions import UserError, Warning  # <-\n' }) },
    quiet: { files: addon({ 'models/thing.py': 'from odoo.exceptions import UserError\n' }) },
  },
  {
    rule: 'attribute-deprecated',
    fires: { files: py(`    _columns = {}  # <-\n    _defaults = {"name": "x"}  # <-\n`) },
    quiet: { files: addon({ 'models/thing.py': 'class Helper:\n    _columns = {}\n' }) },
  },
  {
    rule: 'sql-constraints-deprecated',
    fires: { files: py(`    _sql_constraints = [("name_uniq", "UNIQUE(name)", "Unique")]  # <-\n`, { series: '19.0' }), options: { series: '19.0' } },
    quiet: { files: py(`    _sql_constraints = [("name_uniq", "UNIQUE(name)", "Unique")]\n`, { series: '18.0' }), options: { series: '18.0' } },
  },
  {
    rule: 'name-get-deprecated',
    fires: { files: py(`    def name_get(self):  # <-\n        return [(r.id, r.name) for r in self]\n`) },
    quiet: { files: py(`    def name_get(self):\n        return [(r.id, r.name) for r in self]\n`, { series: '16.0' }), options: { series: '16.0' } },
  },
  {
    rule: 'fields-view-get-deprecated',
    fires: { files: py(`    def fields_view_get(self, view_id=None, view_type="form", toolbar=False, submenu=False):  # <-\n        return super().fields_view_get(view_id, view_type, toolbar, submenu)\n`) },
    quiet: { files: py(`    def _get_view(self, view_id=None, view_type="form", **options):\n        return super()._get_view(view_id, view_type, **options)\n`) },
  },
  {
    rule: 'invalidate-cache-deprecated',
    fires: { files: py(`    def run(self):\n        self.invalidate_cache()  # <-\n`) },
    quiet: { files: py(`    def run(self):\n        self.env.invalidate_all()\n`) },
  },
  {
    rule: 'self-cr-deprecated',
    fires: { files: py(`    def run(self):\n        self._cr.execute("SELECT 1")  # <-\n        return self._context  # <-\n`, { series: '19.0' }), options: { series: '19.0' } },
    quiet: { files: py(`    def run(self):\n        # self._cr was used before\n        return self.env.cr, "self._uid"\n`, { series: '19.0' }), options: { series: '19.0' } },
  },
  {
    rule: 'python-syntax-error',
    fires: { files: addon({ 'models/thing.py': 'def broken(:  # <-\n    pass\n', 'models/legacy.py': 'print "hello"  # <-\n' }) },
    quiet: { files: addon({ 'models/thing.py': 'def fine(a, *, b=1, **kw):\n    return [x async for x in a] if b else {**kw}\n' }) },
  },
  // ---- manifest ------------------------------------------------------------------------------
  {
    rule: 'manifest-syntax-error',
    fires: { files: manifest(`{\n    "name": "T",\n    "version": get_version(),  # <-\n}\n`) },
    quiet: { files: manifest(`{${FULL}, "data": [], "installable": True, "sequence": -1}\n`) },
  },
  {
    rule: 'manifest-required-key',
    fires: { files: manifest('{"name": "T", "depends": ["base"]}\n'), at: ['test_mod/__manifest__.py:1', 'test_mod/__manifest__.py:1'] },
    quiet: { files: manifest(`{${FULL}}\n`) },
  },
  {
    rule: 'license-allowed',
    fires: { files: manifest('{\n    "name": "T", "version": "17.0.1.0.0",\n    "license": "MIT",  # <-\n}\n') },
    quiet: { files: manifest(`{${FULL}}\n`) },
  },
  {
    rule: 'manifest-version-format',
    fires: { files: manifest('{\n    "name": "T", "license": "LGPL-3",\n    "version": "1.0",  # <-\n}\n') },
    quiet: { files: manifest(`{${FULL}}\n`) },
  },
  {
    rule: 'manifest-version-series',
    fires: { files: manifest('{\n    "name": "T", "license": "LGPL-3",\n    "version": "16.0.1.0.0",  # <-\n}\n') },
    quiet: { files: manifest(`{${FULL}}\n`) },
  },
  {
    rule: 'manifest-deprecated-key',
    fires: { files: manifest(`{\n    ${FULL},\n    "active": True,  # <-\n}\n`) },
    quiet: { files: manifest(`{${FULL}, "auto_install": False}\n`) },
  },
  {
    rule: 'manifest-author-string',
    fires: { files: manifest(`{\n    ${FULL},\n    "author": ["A", "B"],  # <-\n}\n`) },
    quiet: { files: manifest(`{${FULL}, "author": "A, B"}\n`) },
  },
  {
    rule: 'manifest-data-duplicated',
    fires: { files: { ...manifest(`{\n    ${FULL},\n    "data": [\n        "views/a.xml",\n        "views/a.xml",  # <-\n    ],\n}\n`), 'test_mod/views/a.xml': '<odoo/>\n' } },
    quiet: { files: { ...manifest(`{${FULL}, "data": ["views/a.xml"]}\n`), 'test_mod/views/a.xml': '<odoo/>\n' } },
  },
  {
    rule: 'manifest-dependency-invalid',
    fires: { files: manifest('{\n    "name": "T", "version": "17.0.1.0.0", "license": "LGPL-3",\n    "depends": [\n        "test_mod",  # <-\n        "base",\n        "base",  # <-\n    ],\n}\n') },
    quiet: { files: manifest('{"name": "T", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["base", "mail"]}\n') },
  },
  {
    rule: 'manifest-external-assets',
    fires: { files: manifest(`{\n    ${FULL},\n    "assets": {"web.assets_backend": ["https://cdn.example.com/lib.js"]},  # <-\n}\n`) },
    quiet: { files: manifest(`{${FULL}, "assets": {"web.assets_backend": ["test_mod/static/src/js/x.js"]}}\n`) },
  },
  {
    rule: 'manifest-data-missing',
    fires: { files: manifest(`{\n    ${FULL},\n    "data": ["views/missing.xml"],  # <-\n}\n`) },
    quiet: { files: { ...manifest(`{${FULL}, "data": ["views/a.xml"]}\n`), 'test_mod/views/a.xml': '<odoo/>\n' } },
  },
  {
    rule: 'data-file-unlisted',
    fires: { files: { ...manifest(`{${FULL}, "data": []}\n`), 'test_mod/views/a.xml': '<odoo/>\n', 'test_mod/static/src/xml/t.xml': '<templates/>\n' }, at: ['test_mod/views/a.xml:1'] },
    quiet: { files: { ...manifest(`{${FULL}, "data": ["views/a.xml"]}\n`), 'test_mod/views/a.xml': '<odoo/>\n', 'test_mod/static/src/xml/t.xml': '<templates/>\n' } },
  },
  {
    rule: 'manifest-behind-migrations',
    fires: { files: { ...manifest('{\n    "name": "T", "license": "LGPL-3",\n    "version": "17.0.1.0.0",  # <-\n}\n'), 'test_mod/migrations/17.0.2.0.0/post-migrate.py': 'def migrate(cr, version):\n    pass\n' } },
    quiet: { files: { ...manifest(`{${FULL}}\n`), 'test_mod/migrations/17.0.1.0.0/post-migrate.py': 'def migrate(cr, version):\n    pass\n' } },
  },
  // ---- module --------------------------------------------------------------------------------
  {
    rule: 'missing-readme',
    fires: { files: without(addon({}), 'test_mod/README.rst'), at: ['test_mod/__manifest__.py:1'] },
    quiet: { files: addon({}) },
  },
  {
    rule: 'tests-missing',
    fires: { files: without(py('    name = fields.Char()\n'), 'test_mod/tests/__init__.py', 'test_mod/tests/test_basic.py'), at: ['test_mod/__manifest__.py:1'] },
    quiet: { files: without(addon({ 'views/a.xml': '<odoo/>\n' }), 'test_mod/tests/__init__.py', 'test_mod/tests/test_basic.py') },
  },
  {
    rule: 'test-folder-imported',
    fires: { files: { ...addon({ 'models/thing.py': '' }), 'test_mod/__init__.py': 'from . import models, tests  # <-\n' } },
    quiet: { files: addon({ 'models/thing.py': '' }) },
  },
  {
    rule: 'python-file-not-imported',
    fires: {
      files: addon({ 'models/thing.py': '', 'models/orphan.py': 'X = 1\n', 'models/__init__.py': 'from . import thing\n', 'tests/test_forgotten.py': 'X = 1\n' }),
      at: ['test_mod/models/orphan.py:1', 'test_mod/tests/test_forgotten.py:1'],
    },
    quiet: {
      files: addon({
        'models/thing.py': 'from .helpers import tool\n',
        'models/helpers/__init__.py': 'from . import tool\n',
        'models/helpers/tool.py': '',
        'models/__init__.py': 'from . import thing\n',
        'migrations/17.0.1.0.0/post-migrate.py': '',
        'tests/fixtures/sample/models.py': '',
      }),
    },
  },
  {
    rule: 'model-without-description',
    fires: { files: addon({ 'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):  # <-\n    _name = "test.thing"\n' }) },
    quiet: {
      files: addon({
        'models/thing.py': 'from odoo import models\n\n\nclass Partner(models.Model):\n    _inherit = "res.partner"\n',
        'tests/test_model.py': 'from odoo import models\n\n\nclass TestModel(models.Model):\n    _name = "test.model.helper"\n',
      }),
    },
  },
  {
    rule: 'duplicate-xml-id',
    fires: { files: addon({ 'views/a.xml': '<odoo>\n  <record id="x" model="res.partner"/>\n</odoo>\n', 'views/b.xml': '<odoo>\n  <record id="x" model="res.partner"/>  <!-- <- -->\n</odoo>\n' }) },
    quiet: {
      files: addon({
        'views/a.xml': '<odoo>\n  <record id="x" model="res.groups"/>\n  <data noupdate="1">\n    <record id="x" model="res.groups"/>\n  </data>\n</odoo>\n',
        'demo/demo.xml': '<odoo>\n  <record id="x" model="res.groups"/>\n</odoo>\n',
      }),
    },
  },
  {
    rule: 'consider-merging-inherits',
    fires: {
      files: addon({
        'models/a.py': 'from odoo import models\n\n\nclass A(models.Model):\n    _inherit = "res.partner"\n',
        'models/b.py': 'from odoo import models\n\n\nclass B(models.Model):  # <-\n    _inherit = "res.partner"\n',
      }),
    },
    quiet: { files: addon({ 'models/a.py': 'from odoo import models\n\n\nclass A(models.Model):\n    _inherit = "res.partner"\n\n\nclass B(models.Model):\n    _inherit = "res.users"\n' }) },
  },
  {
    rule: 'model-without-access',
    fires: { files: addon({ 'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):  # <-\n    _name = "test.thing"\n    _description = "T"\n' }) },
    quiet: {
      files: addon({
        'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "T"\n\n\nclass Mixin(models.AbstractModel):\n    _name = "test.mixin"\n    _description = "M"\n',
        'security/ir.model.access.csv': 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\naccess_thing,thing,model_test_thing,base.group_user,1,1,1,1\n',
      }),
    },
  },
  {
    rule: 'acl-public-write',
    fires: {
      files: addon({
        'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "T"\n',
        'security/ir.model.access.csv': 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\naccess_all,all,model_test_thing,,1,1,0,0\naccess_portal,portal,model_test_thing,base.group_portal,1,0,0,1\n',
      }),
      at: ['test_mod/security/ir.model.access.csv:2', 'test_mod/security/ir.model.access.csv:3'],
    },
    quiet: {
      files: addon({
        'models/thing.py': 'from odoo import models\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "T"\n\n\nclass Wizard(models.TransientModel):\n    _name = "test.wizard"\n    _description = "W"\n\n\nclass WizardBase(models.AbstractModel):\n    _name = "test.wizard.base"\n    _description = "WB"\n',
        'security/ir.model.access.csv': 'id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\naccess_user,user,model_test_thing,base.group_user,1,1,1,1\naccess_public,public,model_test_thing,base.group_public,1,0,0,0\naccess_wizard,wizard,model_test_wizard,,1,1,1,1\naccess_wizard_base,wizard base,model_test_wizard_base,,1,1,1,1\n',
      }),
    },
  },
  {
    rule: 'manifest-dependency-unknown',
    fires: { files: manifest('{\n    "name": "T", "version": "17.0.1.0.0", "license": "LGPL-3",\n    "depends": ["sale", "not_a_module_anywhere"],  # <-\n}\n') },
    quiet: { files: manifest('{"name": "T", "version": "17.0.1.0.0", "license": "LGPL-3", "depends": ["sale", "mail"]}\n') },
  },
  {
    rule: 'manifest-dependency-undeclared',
    fires: { files: xml(`  <record id="view_x" model="ir.ui.view">\n    <field name="inherit_id" ref="sale.view_order_form"/>  <!-- <- -->\n  </record>\n`) },
    quiet: { files: xml(`  <record id="view_x" model="ir.ui.view">\n    <field name="inherit_id" ref="sale.view_order_form"/>\n  </record>\n`, { depends: ['sale_management'] }) },
  },
  {
    rule: 'installed-module-source-missing',
    fires: {
      files: addon({}),
      options: { instanceModules: [{ name: 'test_mod', state: 'installed' }, { name: 'custom_gone', state: 'installed' }, { name: 'sale', state: 'installed' }] },
      at: ['(module):custom_gone'],
    },
    quiet: {
      files: addon({}),
      options: { instanceModules: [{ name: 'test_mod', state: 'installed' }, { name: 'custom_old', state: 'uninstalled' }, { name: 'imported_x', state: 'installed', imported: true }] },
    },
  },
  // ---- XML, CSV, JS --------------------------------------------------------------------------
  {
    rule: 'xml-syntax-error',
    fires: { files: addon({ 'views/a.xml': '<odoo>\n  <record id="x" model="y">\n</odoo>  <!-- <- -->\n' }) },
    quiet: { files: addon({ 'views/a.xml': '<odoo>\n  <record id="x" model="y"/>\n</odoo>\n' }) },
  },
  {
    rule: 'xml-record-missing-id',
    fires: { files: xml('  <record model="res.partner">  <!-- <- -->\n    <field name="name">x</field>\n  </record>\n') },
    quiet: { files: xml('  <record id="p" model="res.partner">\n    <field name="name">x</field>\n  </record>\n') },
  },
  {
    rule: 'xml-duplicate-fields',
    fires: { files: xml('  <record id="p" model="res.partner">\n    <field name="name">x</field>\n    <field name="name">y</field>  <!-- <- -->\n  </record>\n') },
    quiet: { files: xml('  <record id="p" model="res.partner">\n    <field name="name">x</field>\n    <field name="ref">y</field>\n  </record>\n') },
  },
  {
    rule: 'qweb-t-raw',
    fires: { files: xml('  <template id="t">\n    <span t-raw="record.note"/>  <!-- <- -->\n  </template>\n') },
    quiet: { files: xml('  <template id="t">\n    <span t-out="record.note"/>\n  </template>\n') },
  },
  {
    rule: 'qweb-markup-output',
    fires: {
      files: xml('  <template id="t">\n    <span t-out="Markup(record.note)"/>  <!-- <- -->\n    <a t-att-title="markupsafe.Markup(record.name)"/>  <!-- <- -->\n  </template>\n'),
    },
    quiet: { files: xml('  <template id="t">\n    <span t-out="record.note"/>\n    <span t-esc="record.to_markup(x)"/>\n    <!-- <span t-out="Markup(x)"/> -->\n  </template>\n') },
  },
  {
    rule: 'view-attrs-removed',
    fires: { files: xml(view('      <form>\n        <field name="name" attrs="{\'invisible\': [(\'id\', \'=\', False)]}"/>  <!-- <- -->\n        <button name="x" states="draft"/>  <!-- <- -->\n      </form>\n')) },
    quiet: { files: xml(view('      <form>\n        <field name="name" invisible="not id"/>\n      </form>\n')) },
  },
  {
    rule: 'view-tree-renamed',
    fires: { files: xml(view('      <tree>  <!-- <- -->\n        <field name="name"/>\n      </tree>\n'), { series: '18.0' }), options: { series: '18.0' } },
    quiet: { files: xml(view('      <list>\n        <field name="name"/>\n      </list>\n'), { series: '18.0' }), options: { series: '18.0' } },
  },
  {
    rule: 'chatter-deprecated',
    fires: { files: xml(view('      <form>\n        <div class="oe_chatter">  <!-- <- -->\n          <field name="message_ids"/>\n        </div>\n      </form>\n'), { series: '18.0' }), options: { series: '18.0' } },
    quiet: { files: xml(view('      <form>\n        <chatter/>\n      </form>\n'), { series: '18.0' }), options: { series: '18.0' } },
  },
  {
    rule: 'view-dangerous-replace',
    fires: { files: xml(view('      <field name="name" position="replace"/>  <!-- <- -->\n', '    <field name="inherit_id" ref="base.view_partner_form"/>\n')) },
    quiet: {
      files: xml(
        view('      <field name="name" position="replace"/>\n', '    <field name="inherit_id" ref="base.view_partner_form"/>\n    <field name="priority">100</field>\n') +
          view('      <field name="name" position="attributes"><attribute name="invisible">1</attribute></field>\n', '    <field name="inherit_id" ref="base.view_partner_form"/>\n').replace('view_thing_form', 'view_other'),
      ),
    },
  },
  {
    rule: 'xml-openerp-root',
    fires: { files: addon({ 'views/a.xml': '<openerp>  <!-- <- -->\n  <data/>\n</openerp>\n' }) },
    quiet: { files: addon({ 'views/a.xml': '<odoo>\n  <data/>\n</odoo>\n' }) },
  },
  {
    rule: 'csv-syntax-error',
    fires: { files: addon({ 'data/res.partner.csv': 'id,name\np1,"unclosed\n' }), at: ['test_mod/data/res.partner.csv:2'] },
    quiet: { files: addon({ 'data/res.partner.csv': 'id,name\np1,"a, quoted ""name"""\n' }) },
  },
  {
    rule: 'csv-duplicate-record-id',
    fires: { files: addon({ 'data/res.partner.csv': 'id,name\np1,A\np2,B\np1,C\n' }), at: ['test_mod/data/res.partner.csv:4'] },
    quiet: { files: addon({ 'data/res.partner.csv': 'id,name\np1,A\np2,B\n' }) },
  },
  {
    rule: 'js-debugger',
    fires: { files: addon({ 'static/src/js/a.js': 'function f(x) {\n    debugger; // <-\n    return x;\n}\n' }) },
    quiet: { files: addon({ 'static/src/js/a.js': '// debugger;\nconst s = "debugger";\nconst re = /debugger/;\n/* debugger */\n' }) },
  },
  {
    rule: 'js-eval',
    fires: { files: addon({ 'static/src/js/a.js': 'function f(x) {\n    const v = eval(x); // <-\n    return new Function("a", x) && v; // <-\n}\n' }) },
    quiet: { files: addon({ 'static/src/js/a.js': '// eval(x)\nconst s = "eval(x)";\nobj.eval(x);\nconst evaluate = (x) => x;\n' }) },
  },
  {
    rule: 'invalid-suppression',
    fires: {
      files: py(`    def run(self):\n        self.env.cr.commit()  # pulse: disable=invalid-commit\n        print("x")  # pulse: disable=no-such-rule -- because\n`),
      at: ['test_mod/models/thing.py:9', 'test_mod/models/thing.py:10'],
    },
    quiet: { files: py(`    def run(self):\n        self.env.cr.commit()  # pulse: disable=invalid-commit -- the import job commits each batch on purpose\n`) },
  },
];

function expected(scenario: Scenario): string[] {
  return (scenario.at ?? markedLines(scenario.files)).slice().sort();
}

function actual(analysis: Awaited<ReturnType<typeof analyse>>, ruleId: string): string[] {
  return analysis.results
    .flatMap((r) => r.findings)
    .filter((f) => f.checkId === ruleId)
    .map((f) => (f.object.kind === 'module' ? `(module):${f.object.key}` : `${f.object.file}:${f.object.line}`))
    .sort();
}

describe('code rules', () => {
  const idOf = (name: string): string => CODE_RULE_DEFINITIONS.find((r) => r.meta.id.endsWith(`.${name}`))?.meta.id ?? `custom_code.${name}`;
  for (const c of CASES) {
    const id = idOf(c.rule);
    describe(c.rule, () => {
      it('fires on the code it is about, where it is', async () => {
        const analysis = await analyse(c.fires.files, c.fires.options);
        expect(actual(analysis, id)).toEqual(expected(c.fires));
        expect(analysis.results.find((r) => r.checkId === id)?.status).toBe('failed');
      });
      it('stays quiet on correct code', async () => {
        const analysis = await analyse(c.quiet.files, c.quiet.options);
        expect(actual(analysis, id)).toEqual([]);
      });
    });
  }

  it('covers every declared rule (those for database-stored code only in stored-code.test.ts)', () => {
    const tested = new Set(CASES.map((c) => idOf(c.rule)));
    const untested = fileRules(CODE_RULE_DEFINITIONS).map((r) => r.meta.id).filter((id) => !tested.has(id));
    expect(untested).toEqual([]);
  });

  it('counts at least 60 rules, each with an id, title, rationale, fix and effort', () => {
    expect(CODE_RULE_DEFINITIONS.length).toBeGreaterThanOrEqual(60);
    for (const { meta } of CODE_RULE_DEFINITIONS) {
      expect(meta.id).toMatch(/^(custom_code|module_health)\.[a-z0-9-]+$/);
      expect(meta.title.length).toBeGreaterThan(5);
      expect(meta.rationale.length).toBeGreaterThan(40);
      expect(meta.remediation.length).toBeGreaterThan(10);
      expect(meta.effortHours).toBeGreaterThan(0);
    }
  });
});

