/** What a module-relative path (`models/sale.py`, `tests/test_sale.py`) holds, by Odoo's and pylint's conventions. */

/** Test code: anything under a tests/ (or test/) folder, or a test_*.py file. */
export function isTestPath(moduleFile: string): boolean {
  // The substring test spares most paths the expressions.
  return moduleFile.includes('test') && (/(^|\/)tests?\//.test(moduleFile) || /(^|\/)test_[^/]*\.py$/.test(moduleFile));
}

/** Migration scripts, which Odoo loads one by one at upgrade time (never imported by the module). */
export function isMigrationPath(moduleFile: string): boolean {
  return (moduleFile.includes('migrations/') || moduleFile.includes('upgrades/')) && /(^|\/)(migrations|upgrades)\//.test(moduleFile);
}
