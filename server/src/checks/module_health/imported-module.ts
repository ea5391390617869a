import { defineCheck } from '../types.ts';
import { isInstalled, moduleObject } from './modules.ts';

export const importedModule = defineCheck({
  id: 'module_health.imported-module',
  dimension: 'module_health',
  severity: 'info',
  title: 'Module imported as a data module',
  rationale:
    'Modules imported through Apps > Import Module (base_import_module, e.g. Studio exports or industry modules) contain only data (XML, CSV, assets): no Python code, no files in the addons path. Their definition lives only in the database, so it is outside version control, not covered by code reviews or the source analyser, and must be re-imported by hand when it changes or before an upgrade.',
  remediation:
    "Keep the imported module's source under version control and record who maintains it. When the instance is upgraded, re-import a version built for the new series.",
  effortHours: 0.25,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/tutorials/importable_modules.html',
    'https://github.com/odoo/odoo/tree/18.0/addons/base_import_module',
  ],
  requires: ['modules'],
  evaluate({ modules }) {
    return modules
      .filter((m) => m.imported === true && isInstalled(m))
      .map((module) => ({
        object: moduleObject(module),
        message: `Module '${module.name}'${module.author ? ` by ${module.author}` : ''} was imported as a data module: its definition exists only in the database.`,
        evidence: { author: module.author, installedVersion: module.installedVersion, latestVersion: module.latestVersion },
      }));
  },
});
