/**
 * Small addons written for the tests: `addon({ 'models/x.py': '…' })` builds a well-formed module
 * around the given files (manifest listing its data files, __init__ imports, README, a test), so a
 * case only states what it is about. Trees are written to a temp dir that is removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyseAddons, type AnalyseOptions } from '../../server/src/code/analyse.ts';
import type { Finding } from '../../server/src/checks/types.ts';
import type { CodeAnalysis } from '../../server/src/code/types.ts';

export type Files = Record<string, string>;

export interface AddonOptions {
  name?: string;
  series?: string;
  /** Replaces the generated manifest (a Python literal as text). */
  manifest?: string;
  /** Extra manifest keys (Python literal text, e.g. `"depends": ["sale"]`). */
  manifestExtra?: string;
  depends?: string[];
}

const PACKAGE_DIRS = ['models', 'controllers', 'wizard', 'wizards', 'report'];

/** The files of one module named `name` (paths are prefixed with the module folder). */
export function addon(files: Files, options: AddonOptions = {}): Files {
  const name = options.name ?? 'test_mod';
  const series = options.series ?? '17.0';
  const out: Files = {};
  const dataFiles = Object.keys(files).filter((f) => /\.(xml|csv)$/.test(f) && !/^(static|tests|demo)\//.test(f));
  const demoFiles = Object.keys(files).filter((f) => /^demo\/.*\.(xml|csv)$/.test(f));
  const depends = options.depends ?? ['base'];
  out[`${name}/__manifest__.py`] =
    options.manifest ??
    `{
    "name": "Test module",
    "version": "${series}.1.0.0",
    "license": "LGPL-3",
    "author": "Tests",
    "depends": ${JSON.stringify(depends)},
    "data": ${JSON.stringify(dataFiles)},
    "demo": ${JSON.stringify(demoFiles)},
    ${options.manifestExtra ?? ''}
}
`;
  const packages = new Set<string>();
  const byPackage = new Map<string, string[]>();
  for (const file of Object.keys(files)) {
    const m = /^([a-z_]+)\/([a-z_0-9]+)\.py$/.exec(file);
    if (m && PACKAGE_DIRS.includes(m[1])) {
      packages.add(m[1]);
      byPackage.set(m[1], [...(byPackage.get(m[1]) ?? []), m[2]]);
    }
  }
  out[`${name}/__init__.py`] = packages.size > 0 ? `from . import ${[...packages].sort().join(', ')}\n` : '';
  for (const [pkg, modules] of byPackage) {
    if (!(`${pkg}/__init__.py` in files)) out[`${name}/${pkg}/__init__.py`] = `from . import ${modules.sort().join(', ')}\n`;
  }
  out[`${name}/README.rst`] = 'Test module\n';
  out[`${name}/tests/__init__.py`] = 'from . import test_basic\n';
  out[`${name}/tests/test_basic.py`] = 'from odoo.tests.common import TransactionCase\n\n\nclass TestBasic(TransactionCase):\n    def test_nothing(self):\n        self.assertTrue(True)\n';
  for (const [file, content] of Object.entries(files)) out[`${name}/${file}`] = content;
  return out;
}

/** A model file wrapping the given class body lines (indented by the caller). */
export function model(body: string, header = 'from odoo import _, api, fields, models\n'): string {
  return `${header}\n\nclass Thing(models.Model):\n    _name = "test.thing"\n    _description = "Thing"\n\n${body}`;
}

const created: string[] = [];

export function writeTree(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'pulse-code-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export function cleanTrees(): void {
  while (created.length > 0) rmSync(created.pop()!, { recursive: true, force: true });
}

export async function analyse(files: Files, options: AnalyseOptions = {}): Promise<CodeAnalysis> {
  return analyseAddons([writeTree(files)], { series: '17.0', ...options });
}

export function allFindings(analysis: CodeAnalysis): Finding[] {
  return analysis.results.flatMap((r) => r.findings);
}

/** "file:line" of each finding of one rule (file relative to the addons path). */
export function hits(analysis: CodeAnalysis, ruleId: string): string[] {
  return allFindings(analysis)
    .filter((f) => f.checkId === ruleId)
    .map((f) => `${f.object.file}:${f.object.line}`);
}

/** "file:line" of every line holding `marker` (a test's way to say "a finding here"), sorted. */
export function markedLines(files: Files, marker = '<-'): string[] {
  const out: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    content.split('\n').forEach((line, i) => {
      if (line.includes(marker)) out.push(`${file}:${i + 1}`);
    });
  }
  return out.sort();
}
