/**
 * Every source-code rule, in catalogue order. `CODE_RULES` is their metadata (read by the check
 * catalogue generator); `CODE_RULE_DEFINITIONS` adds the hooks the analyser runs.
 */
import type { CheckStatus } from '../../checks/types.ts';
import { seriesInRange } from '../../odoo/series.ts';
import type { CodeRuleMeta, RuleScope } from '../types.ts';
import { codeRuleId, type CodeRule } from './api.ts';
import { DATA_FILE_RULES } from './data-files.ts';
import { defineRule } from './define.ts';
import { MANIFEST_RULES } from './manifest.ts';
import { MODULE_RULES } from './module.ts';
import { PYTHON_DEPRECATED_RULES } from './python-deprecated.ts';
import { PYTHON_ORM_RULES } from './python-orm.ts';
import { PYTHON_SECURITY_RULES } from './python-security.ts';
import { PYTHON_TRANSLATION_RULES } from './python-translation.ts';

export const INVALID_SUPPRESSION_ID = codeRuleId('invalid-suppression');

/** Reported by the engine itself from `pulse: disable=` comments (see ../suppress.ts). */
export const invalidSuppression = defineRule(
  {
    name: 'invalid-suppression',
    severity: 'low',
    title: 'Suppression without a reason',
    rationale: 'A silenced finding is a decision someone must be able to review: a suppression that gives no reason (or names no existing rule) hides problems without saying why they are acceptable.',
    remediation: 'Write `# pulse: disable=<rule id> -- <why this is safe here>`, naming an existing rule.',
    effortHours: 0.1,
    references: [],
    reads: ['python', 'xml', 'js', 'manifest'],
  },
  {},
);

export const CODE_RULE_DEFINITIONS: readonly CodeRule[] = [
  ...PYTHON_SECURITY_RULES,
  ...PYTHON_TRANSLATION_RULES,
  ...PYTHON_ORM_RULES,
  ...PYTHON_DEPRECATED_RULES,
  ...MANIFEST_RULES,
  ...MODULE_RULES,
  ...DATA_FILE_RULES,
  invalidSuppression,
];

/** Rules that run on addon files: all but those meant for code stored in the database only. */
export function fileRules(rules: readonly CodeRule[]): CodeRule[] {
  return rules.filter((rule) => rule.meta.storedCode !== 'only');
}

/**
 * Rules that run on one piece of code stored in the database: the Python and XML rules (module-level,
 * manifest and cross-module rules need a module), except those that make no sense there.
 */
export function storedCodeRules(rules: readonly CodeRule[]): CodeRule[] {
  return rules.filter((rule) => rule.meta.storedCode !== 'never' && (rule.python || rule.xml || rule.meta.id === INVALID_SUPPRESSION_ID));
}

function scopeOf(rule: CodeRule): RuleScope {
  const files = fileRules([rule]).length > 0;
  const stored = storedCodeRules([rule]).length > 0;
  if (files && stored) return 'addon files and code stored in the database';
  return stored ? 'code stored in the database' : 'addon files';
}

/** The source-code analyser's rules, with where each runs (the catalogue doc lists them too). */
export const CODE_RULES: readonly CodeRuleMeta[] = CODE_RULE_DEFINITIONS.map((rule) => ({ ...rule.meta, scope: scopeOf(rule) }));

/**
 * Whether a rule runs for a series: null when it does, else the status and reason its result gets
 * (a series-bound rule is not assessed when the series is unknown, not applicable outside its range).
 */
export function ruleApplies(meta: CodeRuleMeta, series: string | null, hasInstance = true): { status: CheckStatus; reason: string } | null {
  if (meta.requiresInstance && !hasInstance) return { status: 'not_assessed', reason: 'needs the module list of a live scan (odoo-pulse scan --addons)' };
  if (!meta.series) return null;
  if (series === null) return { status: 'not_assessed', reason: 'the Odoo series is unknown (pass --series)' };
  if (!seriesInRange(series, meta.series)) return { status: 'not_applicable', reason: `does not apply to Odoo ${series}` };
  return null;
}
