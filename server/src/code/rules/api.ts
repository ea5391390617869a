/**
 * How a rule is written. A rule is its metadata plus hooks for the inputs it reads:
 *
 * - `python`: handlers by tree-sitter node type, called once per node during the single walk of each
 *   file, with the enclosing class / function / loop known; plus exit hooks for functions, classes
 *   and files (for rules that need the whole body, like "calls super()").
 * - `xml`, `csv`, `js`, `manifest`: called once per parsed file.
 * - `module`: called once per addon with everything the walk indexed (models, imports, xml ids…).
 * - `project`: called once with every addon (cross-module rules such as undeclared dependencies).
 */
import type { PyNode as Node } from '../python/tree.ts';
import type { Severity } from '../../checks/types.ts';
import type { CsvFile } from '../csvfile.ts';
import type { ManifestInfo } from '../manifest.ts';
import type { ModuleIndex, ProjectIndex } from '../model.ts';
import type { PyClass, PyFileContext, PyFunction } from '../python/scan.ts';
import type { XmlDocument } from '../xml/parse.ts';
import type { CodeRuleMeta } from '../types.ts';

export interface ReportOptions {
  evidence?: Record<string, unknown>;
  severity?: Severity;
  /** Overrides the default anchor (enclosing scope + snippet) when a rule knows a better identity. */
  anchor?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Where a finding points: a parsed node, or a 1-based line and column. */
export type Location = Node | Position;

export interface FileContext {
  /** Module technical name (null for database-stored code). */
  module: string | null;
  /** Path shown in findings (relative to the addons path, or a virtual `db://` name). */
  file: string;
  /** Path inside the module (`models/sale.py`), or the virtual name. */
  moduleFile: string;
  series: string | null;
  /** Under a `tests/` folder or named `test_*.py`. */
  isTest: boolean;
  /** Under `migrations/` or `upgrades/` (run once by the upgrade machinery). */
  isMigration: boolean;
  report(ruleId: string, at: Location, message: string, options?: ReportOptions): void;
}

export type PyNodeHandler = (node: Node, ctx: PyFileContext) => void;

export interface PythonHooks {
  nodes?: Readonly<Record<string, PyNodeHandler>>;
  /**
   * When set, the `call` handler only runs for calls of these names (the last name of the callee:
   * `execute` for `cr.execute(...)`): calls are the most frequent node, most rules want few names.
   */
  callNames?: readonly string[];
  functionExit?: (fn: PyFunction, ctx: PyFileContext) => void;
  classExit?: (cls: PyClass, ctx: PyFileContext) => void;
  fileExit?: (ctx: PyFileContext) => void;
}

export interface ModuleContext {
  series: string | null;
  report(ruleId: string, file: string, at: Position, message: string, options?: ReportOptions): void;
}

export interface CodeRule {
  meta: CodeRuleMeta;
  python?: PythonHooks;
  manifest?: (manifest: ManifestInfo, ctx: FileContext) => void;
  xml?: (doc: XmlDocument, ctx: FileContext) => void;
  csv?: (csv: CsvFile, ctx: FileContext) => void;
  js?: (source: string, ctx: FileContext) => void;
  module?: (mod: ModuleIndex, ctx: ModuleContext) => void;
  /** `ctxFor(module)` reports against that module (so its findings follow its installed state). */
  project?: (project: ProjectIndex, ctxFor: (module: string | null) => ModuleContext) => void;
}

/** Builds a rule id from its short name, so every code rule lives under `custom_code.`. */
export function codeRuleId(name: string): string {
  return `custom_code.${name}`;
}
