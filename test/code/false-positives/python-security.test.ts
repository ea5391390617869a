/**
 * Readings of real OCA code that made the security rules fire wrongly (server/src/code/rules/
 * python-security.ts, py-helpers.ts), each next to the true case that must still fire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addon, analyse, cleanTrees, hits } from '../support.ts';

afterAll(cleanTrees);

const CONTROLLER = 'from odoo import http\nfrom odoo.exceptions import AccessError, MissingError\nfrom odoo.http import request\n\n\nclass Main(http.Controller):\n';
const ctl = (body: string): Record<string, string> => addon({ 'controllers/main.py': CONTROLLER + body });
const MODEL = 'from odoo import SUPERUSER_ID, api, models, registry, sql_db\n\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n';
const at = (line: number, file = 'controllers/main.py'): string => `test_mod/${file}:${line}`;

describe('public-route-sudo', () => {
  it('stays quiet on a portal route that checks access first (x-l10n-italy l10n_it_delivery_note_rma, hr_expense_portal, purchase_sign)', async () => {
    const analysis = await analyse(
      ctl(`    @http.route("/my/note/<int:dn>", auth="public")
    def note(self, dn, access_token=None, **post):
        try:
            dn_sudo = self._document_check_access("stock.delivery.note", dn, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        wizard = request.env["stock.delivery.note.rma.wizard"].sudo()
        return wizard.create({"note_id": dn_sudo.id})

    @http.route("/my/order/<int:order_id>", auth="public")
    def order(self, order_id, access_token=None, **kw):
        order = request.env["sale.order"].sudo().browse(order_id)
        if order.access_token != access_token:
            return request.not_found()
        return order.name

    @http.route("/my/other/<int:order_id>", auth="public")
    def other(self, order_id, access_token=None, **kw):
        values = self._prepare_values(access_token)
        values["partners"] = request.env["res.partner"].sudo().search([])
        return request.render("x.y", values)
`),
    );
    // Taking access_token as a parameter is not checking it: only the last route is reported.
    expect(hits(analysis, 'custom_code.public-route-sudo')).toEqual([at(26)]);
  });

  it('stays quiet on user.sudo(user.id) up to 12.0, where it runs as that user (x-web-12.0 web_favicon)', async () => {
    const files = ctl(`    @http.route("/favicon", auth="none")
    def icon(self):
        user = request.env["res.users"].browse(request.env.context["uid"])
        return user.sudo(user.id).company_id.favicon

    @http.route("/favicon2", auth="none")
    def icon2(self):
        return request.env["res.company"].sudo().search([], limit=1).favicon
`);
    expect(hits(await analyse(files, { series: '12.0' }), 'custom_code.public-route-sudo')).toEqual([at(14)]);
    // From 13.0 sudo(user) is superuser mode, whatever the argument.
    expect(hits(await analyse(files, { series: '14.0' }), 'custom_code.public-route-sudo')).toEqual([at(10), at(14)]);
  });
});

describe('sudo-request-records', () => {
  it('stays quiet when a secret token selects the record (server-tools monitoring)', async () => {
    const analysis = await analyse(
      ctl(`    @http.route("/monitoring/<string:token>", auth="none")
    def monitoring(self, token):
        monitoring = request.env["monitoring"].sudo().search([("token", "=", token)])
        script = request.env["monitoring.script"].search([("token", "=", token)]).sudo()
        monitoring.sudo().write({"last_seen": 1})
        return monitoring.state + script.state

    @http.route("/by-name/<string:name>", auth="none")
    def by_name(self, name, token_id=None):
        record = request.env["monitoring"].sudo().search([("name", "=", name)])
        tokens = request.env["payment.token"].sudo().search([("token_id", "=", int(token_id))])
        return record.state + tokens.name
`),
    );
    expect(hits(analysis, 'custom_code.sudo-request-records')).toEqual([at(16), at(17)]);
  });

  it('stays quiet on records a search run as the user found (record rules applied) (x-hr-12.0 hr_expense_portal)', async () => {
    const analysis = await analyse(
      ctl(`    @http.route("/my/expenses", auth="user")
    def expenses(self, date_begin=None, **kw):
        hr_expense = request.env["hr.expense"]
        expense = hr_expense.search([("create_date", ">", date_begin)])
        return request.render("x.y", {"expenses": expense.sudo()})

    @http.route("/my/expense", auth="user")
    def expense(self, **kw):
        expense = request.env["hr.expense"].browse(int(kw.get("id")))
        return expense.sudo().name

    @http.route("/my/expenses-sudo", auth="user")
    def expenses_sudo(self, date_begin=None, **kw):
        Expense = request.env["hr.expense"].sudo()
        expense = Expense.search([("create_date", ">", date_begin)])
        return expense.sudo().name
`),
    );
    // browse(request id) and a search already run under sudo still count.
    expect(hits(analysis, 'custom_code.sudo-request-records')).toEqual([at(16), at(22)]);
  });
});

describe('sql-injection', () => {
  it('stays quiet on the table name of any model expression (server-tools base_import_odoo)', async () => {
    const analysis = await analyse(
      addon({
        'models/thing.py': `${MODEL}    def lock(self, table):
        self.env.cr.execute('select id from "%s" where id=%%s for update nowait' % self.env["ir.cron"]._table, (self.id,))
        self.env.cr.execute('select id from "%s" where id=%%s' % self.env.context.get("table"), (self.id,))
`,
      }),
    );
    expect(hits(analysis, 'custom_code.sql-injection')).toEqual(['test_mod/models/thing.py:10']);
  });
});

describe('invalid-commit', () => {
  it('stays quiet on a cursor the function opened itself (server-tools attachment_queue, account_move_name_sequence tests)', async () => {
    const analysis = await analyse(
      addon({
        'models/thing.py': `${MODEL}    def run(self):
        for attachment in self:
            with registry(self.env.cr.dbname).cursor() as new_cr:
                new_env = api.Environment(new_cr, SUPERUSER_ID, self.env.context)
                attach = attachment.with_env(new_env)
                attach.env.cr.rollback()
                attach.env.cr.commit()
        with self.env.registry.cursor() as cr:
            cr.commit()
        with self._new_cr() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            moves = env["account.move"].browse([1])
            moves.env.cr.commit()
            env.cr.commit()
        cr = sql_db.db_connect("db").cursor()
        env2 = self.env(cr=cr)
        env2.cr.commit()
        cr.rollback()
        self.env.cr.commit()

    def run_env(self, env):
        env.cr.commit()
        other = self.with_env(env)
        other.env.cr.rollback()
`,
      }),
    );
    // The request's own cursor, or one the caller handed over, is still reported.
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(['test_mod/models/thing.py:26', 'test_mod/models/thing.py:29', 'test_mod/models/thing.py:31']);
  });

  it('stays quiet in a command-line tool, which owns its transaction (x-l10n-italy l10n_it_delivery_note/cli)', async () => {
    const code = 'from odoo.cli import Command\n\n\nclass EasyCommand(Command):\n    def _rollback(self):\n        self.env.cr.rollback()\n';
    const analysis = await analyse(addon({ 'cli/core.py': code, 'models/core.py': code }));
    expect(hits(analysis, 'custom_code.invalid-commit')).toEqual(['test_mod/models/core.py:6']);
  });
});
