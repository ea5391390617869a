/**
 * The pylint-odoo message names and codes a rule answers to, so that `# pylint: disable=<name or
 * code>` comments already in OCA code silence the rule that corresponds to that message.
 *
 * The current codes are the ones in the rule declarations (`pylintOdoo: 'E8103 sql-injection'`):
 * pylint-odoo's `ODOO_MSGS` (src/pylint_odoo/checkers/odoo_addons.py), and for translation-* its
 * custom_logging checker, which republishes pylint's logging-* messages under W83xx/E83xx codes.
 */
import type { CodeRuleMeta } from '../types.ts';

/**
 * Codes these messages had before pylint-odoo 8.0 (its README.rst up to 7.0.5), still found in code
 * first written for Odoo 14.0 and older.
 */
const LEGACY_CODES: Readonly<Record<string, string>> = {
  C7902: 'missing-readme',
  E7903: 'test-folder-imported',
  R7980: 'consider-merging-classes-inherited',
  W7938: 'except-pass',
  W7950: 'odoo-addons-relative-import',
};

const DECLARED = /\b([CEFRW]\d{4}) ([a-z0-9-]+)/g;

/** Names and codes of the pylint-odoo messages a rule declares (empty when it declares none). */
export function pylintIdsOf(meta: Pick<CodeRuleMeta, 'pylintOdoo'>): ReadonlySet<string> {
  const ids = new Set<string>();
  if (!meta.pylintOdoo) return ids;
  for (const [, code, name] of meta.pylintOdoo.matchAll(DECLARED)) {
    ids.add(code);
    ids.add(name);
  }
  for (const [code, name] of Object.entries(LEGACY_CODES)) if (ids.has(name)) ids.add(code);
  return ids;
}
