/**
 * The source-code analyser's vocabulary: how a rule is declared (metadata extending the live checks'
 * CheckMeta, plus the linter ids it corresponds to), what it reads, and what a run produces.
 */
import type { CheckMeta, CheckResult, Finding, SeriesRange, Severity } from '../checks/types.ts';

/** What a rule reads. `module` rules look at a whole addon (its files, manifest and index). */
export type CodeInput = 'python' | 'manifest' | 'xml' | 'csv' | 'js' | 'module';

export interface CodeRuleMeta extends CheckMeta {
  /** The pylint-odoo message it corresponds to, as "CODE symbol" (e.g. "E8103 sql-injection"), or null. */
  pylintOdoo: string | null;
  /** The OCA odoo-pre-commit-hooks check id it corresponds to (e.g. "xml-duplicate-record-id"), or null. */
  ocaHook: string | null;
  /** Odoo series the rule applies to (inclusive). Omitted: every series. */
  series?: SeriesRange;
  reads: readonly CodeInput[];
  /** Needs a live scan's module list: not assessed when the code is analysed alone. */
  requiresInstance?: boolean;
  /**
   * Code stored in the database (server actions, automation code, view archs) against files: `only`
   * runs on stored code alone (what is normal in a module is a risk there), `never` on files alone
   * (what stored code cannot do). Omitted: a Python or XML rule runs on both.
   */
  storedCode?: 'only' | 'never';
  /** Where the rule runs, worked out from its hooks for the catalogue (see rules/index.ts CODE_RULES). */
  scope?: RuleScope;
}

export type RuleScope = 'addon files' | 'code stored in the database' | 'addon files and code stored in the database';

/** A finding before the check metadata and fingerprint are attached. */
export interface CodeFindingDraft {
  ruleId: string;
  /** Module technical name, or null for code that belongs to no module (database-stored code). */
  module: string | null;
  /** Path relative to the addons path (`my_module/models/x.py`), or a virtual name (`db://…`). */
  file: string;
  line: number;
  column: number;
  message: string;
  /** Stable, line-independent identity inside the file: enclosing scope + normalised snippet. */
  anchor: string;
  evidence?: Record<string, unknown>;
  severity?: Severity;
}

export interface SuppressedFinding {
  finding: Finding;
  reason: string;
}

export interface FileStats {
  python: number;
  xml: number;
  csv: number;
  js: number;
  manifest: number;
}

export interface CodeAnalysisStats {
  modules: number;
  files: FileStats & { total: number };
  lines: FileStats & { total: number };
  /** Bytes read from source files. */
  bytes: number;
}

export interface ModuleSummary {
  name: string;
  /** Directory of the module, relative to its addons path root (usually the module name). */
  path: string;
  /** The addons path it was found in. */
  addonsPath: string;
  version: string | null;
  /** Whether its findings count in the score: false when a live scan says it is not installed. */
  scored: boolean;
  /** The module's state on the instance when known (installed, uninstalled, …). */
  state: string | null;
}

export interface CodeAnalysis {
  /** The series the rules were applied for (null when unknown: series-bound rules are then not applicable). */
  series: string | null;
  /** Where the series came from: the caller, the manifests' versions, or nowhere. */
  seriesSource: 'option' | 'manifests' | 'unknown';
  modules: ModuleSummary[];
  stats: CodeAnalysisStats;
  /** One result per rule, for scoring: only findings of scored code (installed modules, or all without a scan). */
  results: CheckResult[];
  /** Findings of code that is present but not installed on the instance: reported, never scored. */
  unscored: Finding[];
  /** Findings silenced by a `# pulse: disable=` comment with a reason. */
  suppressed: SuppressedFinding[];
  /** Files that could not be read or parsed at all, with why (they are also findings where a rule covers them). */
  problems: Array<{ file: string; message: string }>;
}
