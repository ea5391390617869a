/**
 * `npm run bench:code -- PATH... [--runs N] [--warmup N] [--series 17.0] [--label NAME]`
 * `npm run bench:code -- --generate 1000000 [--runs N] [--warmup N] [--jobs N]`
 *
 * Times the source analyser (discovery, reading, parsing, every rule, results) over addons paths and
 * prints files, lines, seconds and lines per second — wall clock and CPU time of this process — for
 * the first (cold) run — what one `odoo-pulse code` call costs after start-up — and the median of
 * the runs after the warm-up ones (`--warmup 5 --runs 10` by default): the steady throughput. The analysis runs on one thread
 * (unless --jobs); V8's own GC and compiler threads add CPU time beside it, so for a strictly
 * one-core figure run it as `taskset -c 0 npm run bench:code -- …`. Results are merged into
 * bench/results/code.json by label.
 *
 * --generate N writes a synthetic tree of about N lines of Odoo-like code (models, controllers,
 * views, access rights, JavaScript, in the proportions of OCA repositories) to a temporary directory,
 * benchmarks it and deletes it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseAddons } from '../server/src/code/analyse.ts';
import type { CodeAnalysis } from '../server/src/code/types.ts';

interface RunResult {
  wallSeconds: number;
  cpuSeconds: number;
}

interface BenchEntry {
  label: string;
  paths: string[];
  jobs: number;
  date: string;
  node: string;
  cpu: string;
  modules: number;
  files: CodeAnalysis['stats']['files'];
  lines: CodeAnalysis['stats']['lines'];
  bytes: number;
  findings: number;
  /** Runs done first and not measured (the JIT compiles the hot code during them). */
  warmup: number;
  runs: RunResult[];
  /** The first run (cold: code not yet optimised by the JIT, files perhaps not in the page cache). */
  cold: RunResult & { linesPerSecondWall: number; linesPerSecondCpu: number };
  /** The median of the measured runs (those after the warm-up runs). */
  median: RunResult & { linesPerSecondWall: number; linesPerSecondCpu: number };
}

// ---- synthetic tree ---------------------------------------------------------------------------

function modelFile(m: number, k: number): string {
  const model = `pulse.bench${m}.item${k}`;
  const cls = `BenchItem${m}x${k}`;
  return `# Copyright 2026 odoo-pulse bench
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class ${cls}(models.Model):
    _name = "${model}"
    _description = "Bench item ${m}/${k}"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")],
        default="draft",
        tracking=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True
    )
    line_ids = fields.One2many("${model}.line", "item_id", string="Lines")
    amount_total = fields.Float(compute="_compute_amount_total", store=True)
    note = fields.Html()
    date_planned = fields.Date()

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for item in self:
            item.amount_total = sum(item.line_ids.mapped("amount"))

    @api.constrains("date_planned")
    def _check_date_planned(self):
        for item in self:
            if item.date_planned and item.date_planned < fields.Date.today():
                raise ValidationError(_("The planned date of %s is past.", item.name))

    def action_confirm(self):
        for item in self:
            if not item.line_ids:
                raise UserError(_("Add a line to %s first.", item.name))
            partners = self.env["res.partner"].search(
                [("id", "=", item.partner_id.id)], limit=1
            )
            item.write({"state": "confirmed", "partner_id": partners.id})
        _logger.info("Confirmed %s items", len(self))
        return True

    def action_done(self):
        self.filtered(lambda i: i.state == "confirmed").write({"state": "done"})
        return True

    def _report_totals(self):
        self.env.cr.execute(
            """
            SELECT partner_id, SUM(amount_total)
              FROM %s
             WHERE state = %%s
          GROUP BY partner_id
            """
            % self._table,
            ("done",),
        )
        return dict(self.env.cr.fetchall())

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("sequence", 10)
        return super().create(vals_list)


class ${cls}Line(models.Model):
    _name = "${model}.line"
    _description = "Bench item line ${m}/${k}"

    item_id = fields.Many2one("${model}", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product")
    quantity = fields.Float(default=1.0)
    price_unit = fields.Float()
    amount = fields.Float(compute="_compute_amount", store=True)

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit
`;
}

function viewFile(m: number, k: number): string {
  const model = `pulse.bench${m}.item${k}`;
  const id = `bench${m}_item${k}`;
  return `<?xml version="1.0" encoding="utf-8" ?>
<odoo>
    <record id="${id}_view_form" model="ir.ui.view">
        <field name="name">${model}.form</field>
        <field name="model">${model}</field>
        <field name="arch" type="xml">
            <form>
                <header>
                    <button name="action_confirm" type="object" string="Confirm" invisible="state != 'draft'" />
                    <button name="action_done" type="object" string="Done" invisible="state != 'confirmed'" />
                    <field name="state" widget="statusbar" />
                </header>
                <sheet>
                    <group>
                        <group>
                            <field name="name" />
                            <field name="partner_id" />
                            <field name="date_planned" />
                        </group>
                        <group>
                            <field name="company_id" groups="base.group_multi_company" />
                            <field name="amount_total" />
                        </group>
                    </group>
                    <notebook>
                        <page string="Lines" name="lines">
                            <field name="line_ids">
                                <list editable="bottom">
                                    <field name="product_id" />
                                    <field name="quantity" />
                                    <field name="price_unit" />
                                    <field name="amount" />
                                </list>
                            </field>
                        </page>
                        <page string="Notes" name="notes">
                            <field name="note" />
                        </page>
                    </notebook>
                </sheet>
                <chatter />
            </form>
        </field>
    </record>
    <record id="${id}_view_list" model="ir.ui.view">
        <field name="name">${model}.list</field>
        <field name="model">${model}</field>
        <field name="arch" type="xml">
            <list>
                <field name="sequence" widget="handle" />
                <field name="name" />
                <field name="partner_id" />
                <field name="amount_total" sum="Total" />
                <field name="state" />
            </list>
        </field>
    </record>
    <record id="${id}_action" model="ir.actions.act_window">
        <field name="name">Items ${m}/${k}</field>
        <field name="res_model">${model}</field>
        <field name="view_mode">list,form</field>
    </record>
    <menuitem id="${id}_menu" name="Items ${k}" action="${id}_action" sequence="${k}" />
</odoo>
`;
}

const CONTROLLER = `from odoo import http
from odoo.http import request


class BenchController(http.Controller):
    @http.route("/bench/items", type="json", auth="user")
    def items(self, limit=20):
        items = request.env["pulse.bench0.item0"].search([], limit=limit)
        return [{"id": item.id, "name": item.name} for item in items]

    @http.route("/bench/item/<int:item_id>", type="http", auth="user", website=True)
    def item(self, item_id, **kw):
        item = request.env["pulse.bench0.item0"].browse(item_id).exists()
        if not item:
            return request.not_found()
        return request.render("bench.item_page", {"item": item})
`;

const JS = `/** @odoo-module **/
import { Component, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";

export class BenchCounter extends Component {
    static template = "bench.Counter";
    setup() {
        this.state = useState({ value: 0 });
    }
    increment() {
        this.state.value++;
    }
}

registry.category("fields").add("bench_counter", { component: BenchCounter });
`;

/** Writes modules until about `targetLines` lines exist; returns the root directory. */
export function generateTree(targetLines: number): string {
  const root = mkdtempSync(join(tmpdir(), 'odoo-pulse-bench-code-'));
  let lines = 0;
  const write = (path: string, content: string): void => {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
    lines += content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  };
  for (let m = 0; lines < targetLines; m++) {
    const name = `bench_module_${m}`;
    const items = 6;
    const models = Array.from({ length: items }, (_, k) => `item_${k}`);
    write(
      `${name}/__manifest__.py`,
      `{\n    "name": "Bench module ${m}",\n    "version": "18.0.1.0.${m % 10}",\n    "license": "LGPL-3",\n    "author": "odoo-pulse",\n    "depends": ["mail", "product"],\n    "data": [\n        "security/ir.model.access.csv",\n${models.map((x) => `        "views/${x}_views.xml",`).join('\n')}\n    ],\n    "assets": {"web.assets_backend": ["${name}/static/src/js/counter.js"]},\n}\n`,
    );
    write(`${name}/__init__.py`, 'from . import controllers, models\n');
    write(`${name}/models/__init__.py`, models.map((x) => `from . import ${x}`).join('\n') + '\n');
    write(`${name}/controllers/__init__.py`, 'from . import main\n');
    write(`${name}/controllers/main.py`, CONTROLLER.replace(/bench0/g, `bench${m}`));
    write(`${name}/static/src/js/counter.js`, JS);
    write(`${name}/README.rst`, `Bench module ${m}\n`);
    write(`${name}/tests/__init__.py`, 'from . import test_items\n');
    write(
      `${name}/tests/test_items.py`,
      `from odoo.tests.common import TransactionCase\n\n\nclass TestItems(TransactionCase):\n    def test_confirm(self):\n        item = self.env["pulse.bench${m}.item0"].create({"name": "x"})\n        self.assertEqual(item.state, "draft")\n`,
    );
    const access = ['id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink'];
    for (let k = 0; k < items; k++) {
      write(`${name}/models/item_${k}.py`, modelFile(m, k));
      write(`${name}/views/item_${k}_views.xml`, viewFile(m, k));
      for (const suffix of ['', '_line']) {
        const ref = `model_pulse_bench${m}_item${k}${suffix}`;
        access.push(`access_${ref},${ref},${ref},base.group_user,1,1,1,1`);
      }
    }
    write(`${name}/security/ir.model.access.csv`, `${access.join('\n')}\n`);
  }
  return root;
}

// ---- measuring --------------------------------------------------------------------------------

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function rate(lines: number, run: RunResult): RunResult & { linesPerSecondWall: number; linesPerSecondCpu: number } {
  return { ...run, linesPerSecondWall: Math.round(lines / run.wallSeconds), linesPerSecondCpu: Math.round(lines / run.cpuSeconds) };
}

async function bench(label: string, paths: string[], runs: number, warmup: number, series: string | undefined, jobs = 1): Promise<BenchEntry> {
  const results: RunResult[] = [];
  let analysis: CodeAnalysis | null = null;
  for (let i = 0; i < warmup + runs; i++) {
    const wall0 = performance.now();
    const cpu0 = cpuSeconds();
    analysis = await analyseAddons(paths, { jobs, ...(series ? { series } : {}) });
    results.push({ wallSeconds: (performance.now() - wall0) / 1000, cpuSeconds: cpuSeconds() - cpu0 });
  }
  const a = analysis!;
  const lines = a.stats.lines.total;
  const warm = results.slice(warmup);
  const findings = a.results.reduce((n, r) => n + r.findings.length, 0) + a.unscored.length;
  return {
    label,
    paths,
    jobs,
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    modules: a.stats.modules,
    files: a.stats.files,
    lines: a.stats.lines,
    bytes: a.stats.bytes,
    findings,
    warmup,
    runs: results.slice(warmup),
    cold: rate(lines, results[0]),
    median: rate(lines, { wallSeconds: median(warm.map((r) => r.wallSeconds)), cpuSeconds: median(warm.map((r) => r.cpuSeconds)) }),
  };
}

function print(entry: BenchEntry): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  const s = (x: number): string => x.toFixed(2);
  console.log(`${entry.label}: ${n(entry.modules)} modules, ${n(entry.files.total)} files, ${n(entry.lines.total)} lines ` +
    `(Python ${n(entry.lines.python)}, XML ${n(entry.lines.xml)}, CSV ${n(entry.lines.csv)}, JS ${n(entry.lines.js)}, manifests ${n(entry.lines.manifest)}), ${n(entry.findings)} findings`);
  console.log(`  cold run:   ${s(entry.cold.wallSeconds)} s wall, ${s(entry.cold.cpuSeconds)} s CPU  →  ${n(entry.cold.linesPerSecondWall)} lines/s wall, ${n(entry.cold.linesPerSecondCpu)} lines/s CPU`);
  console.log(`  median of ${entry.runs.length} after ${entry.warmup} warm-up: ${s(entry.median.wallSeconds)} s wall, ${s(entry.median.cpuSeconds)} s CPU  →  ${n(entry.median.linesPerSecondWall)} lines/s wall, ${n(entry.median.linesPerSecondCpu)} lines/s CPU`);
}

function save(entry: BenchEntry): void {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('code.json', dir);
  let existing: { entries: BenchEntry[] } = { entries: [] };
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as { entries: BenchEntry[] };
    } catch {
      existing = { entries: [] };
    }
  }
  const entries = [...existing.entries.filter((e) => e.label !== entry.label), entry];
  writeFileSync(file, `${JSON.stringify({ entries }, null, 2)}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, warmup: { type: 'string' }, generate: { type: 'string' }, series: { type: 'string' }, label: { type: 'string' }, keep: { type: 'boolean' }, jobs: { type: 'string' } },
    allowPositionals: true,
  });
  const runs = Number(values.runs ?? 10);
  const warmup = Number(values.warmup ?? 5);
  if (!Number.isInteger(warmup) || warmup < 1) throw new Error('--warmup must be a positive integer');
  const jobs = Number(values.jobs ?? 1);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error('--jobs must be a positive integer');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (values.generate !== undefined) {
    const target = Number(values.generate);
    if (!Number.isInteger(target) || target < 1000) throw new Error('--generate takes a number of lines (at least 1000)');
    const root = generateTree(target);
    try {
      const entry = await bench(values.label ?? `generated-${target}${jobs > 1 ? `-jobs${jobs}` : ''}`, [root], runs, warmup, values.series, jobs);
      print(entry);
      save(entry);
    } finally {
      if (values.keep) console.log(`tree kept in ${root}`);
      else rmSync(root, { recursive: true, force: true });
    }
    return 0;
  }
  if (positionals.length === 0) {
    console.error('usage: npm run bench:code -- PATH... [--runs N] [--warmup N] [--series S] [--label NAME] | --generate LINES');
    return 2;
  }
  const entry = await bench(values.label ?? `${positionals.join('+')}${jobs > 1 ? `-jobs${jobs}` : ''}`, positionals, runs, warmup, values.series, jobs);
  print(entry);
  save(entry);
  return 0;
}

process.exitCode = await main();
