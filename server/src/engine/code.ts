/**
 * The code part of a scan: the Python and view archs stored in the database (on every scan) and the
 * source of the addons given with `--addons`, both through the source-code analyser's rules. Their
 * results join the live checks' before scoring, so one problem is one rule's finding wherever the
 * code lives.
 */
import { scannableActions } from '../checks/custom_code/actions.ts';
import { viewObject } from '../checks/custom_code/views.ts';
import type { CheckResult } from '../checks/types.ts';
import { analyseAddons } from '../code/analyse.ts';
import type { InstanceModule } from '../code/model.ts';
import type { CodeRule } from '../code/rules/api.ts';
import { CODE_RULE_DEFINITIONS, storedCodeRules } from '../code/rules/index.ts';
import { analyseStoredCode, type StoredCode, type StoredCodeAnalysis, type StoredCodeOptions } from '../code/stored-code.ts';
import type { CodeAnalysis } from '../code/types.ts';
import type { Facts } from '../facts/types.ts';
import type { ScanReportCode } from '../report/types.ts';

/** Source to analyse with the scan (`odoo-pulse scan --addons PATH`). */
export interface AddonsSource {
  /** Addons paths or module folders, as the user gave them. */
  paths: readonly string[];
  /** Resolves relative paths (default: the process's working directory). */
  cwd?: string;
  /** Worker threads for large trees (default 1). */
  jobs?: number;
  /**
   * How reports name the source instead of its paths (a scan's temporary checkout means nothing
   * once removed): an archive's name, a git URL with its credentials hidden.
   */
  label?: string;
  /** Why the source could not be fetched: reported among the code problems, and nothing analysed. */
  unavailable?: string;
}

export interface CodeOptions {
  addons?: AddonsSource | null;
  /** The analyser's rules to run (default: all of them). */
  rules?: readonly CodeRule[];
}

export interface CodeOutcome {
  results: CheckResult[];
  section: ScanReportCode;
}

/**
 * The code stored in the instance's database: Python of server actions (automation and cron code
 * included) not known to come from a module, and the arch of active views without an XML id.
 * Archived views do not render; they stay listed by custom_code.view-without-xml-id.
 */
export function storedCodeOf(facts: Facts): { items: StoredCode[]; missing: NonNullable<StoredCodeOptions['missing']> } {
  const items: StoredCode[] = [];
  const missing: NonNullable<StoredCodeOptions['missing']> = {};
  if (facts.serverActions.status === 'collected') {
    for (const action of scannableActions(facts.serverActions.value)) {
      items.push({
        language: 'python',
        name: `db://ir.actions.server/${action.id}`,
        code: action.code ?? '',
        object: { kind: 'server_action', key: String(action.id), label: action.name },
      });
    }
  } else {
    missing.python = `serverActions: ${facts.serverActions.reason}`;
  }
  if (facts.customViews.status === 'collected') {
    for (const view of facts.customViews.value) {
      if (!view.active || view.arch === null) continue;
      items.push({ language: 'xml', name: `db://ir.ui.view/${view.id}`, code: view.arch, object: viewObject(view) });
    }
  } else {
    missing.xml = `customViews: ${facts.customViews.reason}`;
  }
  return { items, missing };
}

function instanceModules(facts: Facts): InstanceModule[] | null {
  if (facts.modules.status !== 'collected') return null;
  return facts.modules.value.map((m) => ({ name: m.name, state: m.state, author: m.author, imported: m.imported }));
}

/** How much a source's outcome says about a rule: a finding beats a pass, a pass beats not running. */
const STATUS_RANK: Record<CheckResult['status'], number> = { failed: 0, passed: 1, error: 2, not_assessed: 3, not_applicable: 4 };

function combine(a: CheckResult, b: CheckResult): CheckResult {
  const base = { checkId: a.checkId, dimension: a.dimension };
  const findings = [...a.findings, ...b.findings];
  if (findings.length > 0) return { ...base, status: 'failed', findings };
  const best = STATUS_RANK[b.status] < STATUS_RANK[a.status] ? b : a;
  return best.status === 'passed' ? { ...base, status: 'passed', findings: [] } : { ...best, findings: [] };
}

/** One result per check id, in order of first appearance, with the findings of every source. */
export function mergeResults(...lists: ReadonlyArray<readonly CheckResult[]>): CheckResult[] {
  const merged = new Map<string, CheckResult>();
  for (const list of lists) {
    for (const result of list) {
      const seen = merged.get(result.checkId);
      merged.set(result.checkId, seen ? combine(seen, result) : result);
    }
  }
  return [...merged.values()];
}

/** Rules that need the instance's module list say why it is missing in scan terms. */
function withModulesReason(results: readonly CheckResult[], facts: Facts): CheckResult[] {
  if (facts.modules.status === 'collected') return [...results];
  const reason = `modules: ${facts.modules.reason}`;
  return results.map((r) => (r.status === 'not_assessed' && r.reason?.startsWith('needs the module list') ? { ...r, reason } : r));
}

/**
 * Like a live check that throws, an analyser that cannot start (its parser failed to load) must not
 * sink the scan: its rules are reported as errors, scored as not assessed.
 */
async function analyseStored(items: readonly StoredCode[], options: StoredCodeOptions): Promise<StoredCodeAnalysis> {
  try {
    return await analyseStoredCode(items, options);
  } catch (error) {
    const reason = `the code analyser could not run: ${error instanceof Error ? error.message : String(error)}`;
    const results = storedCodeRules(options.rules ?? CODE_RULE_DEFINITIONS).map(
      (rule): CheckResult => ({ checkId: rule.meta.id, dimension: rule.meta.dimension, status: 'error', reason, findings: [] }),
    );
    return { results, problems: [] };
  }
}

export async function evaluateCode(facts: Facts, options: CodeOptions = {}): Promise<CodeOutcome> {
  const series = facts.server.status === 'collected' ? facts.server.value.series : null;
  const { items, missing } = storedCodeOf(facts);
  const stored = await analyseStored(items, { series, missing, ...(options.rules ? { rules: options.rules } : {}) });
  const addons = options.addons;
  let source: CodeAnalysis | null = null;
  if (addons && addons.unavailable === undefined) {
    source = await analyseAddons(addons.paths, {
      ...(series ? { series } : {}),
      instanceModules: instanceModules(facts),
      ...(addons.cwd ? { cwd: addons.cwd } : {}),
      ...(addons.jobs ? { jobs: addons.jobs } : {}),
      ...(options.rules ? { rules: options.rules } : {}),
    });
  }
  return {
    results: mergeResults(stored.results, source ? withModulesReason(source.results, facts) : []),
    section: {
      addonsPaths: !addons ? [] : addons.label !== undefined ? [addons.label] : [...addons.paths],
      series: source?.series ?? series,
      modules: (source?.modules ?? []).map((module) => (addons?.label !== undefined ? { ...module, addonsPath: addons.label } : module)),
      stats: source?.stats ?? null,
      storedCode: {
        serverActions: items.filter((i) => i.language === 'python').length,
        views: items.filter((i) => i.language === 'xml').length,
      },
      unscored: source?.unscored ?? [],
      suppressed: source?.suppressed ?? [],
      problems: [
        ...(addons?.unavailable !== undefined ? [{ file: addons.label ?? addons.paths.join(', '), message: addons.unavailable }] : []),
        ...stored.problems,
        ...(source?.problems ?? []),
      ],
    },
  };
}
