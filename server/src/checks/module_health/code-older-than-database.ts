import type { ModuleFact } from '../../facts/types.ts';
import { compareVersions } from '../support/versions.ts';
import { defineCheck, type FindingDraft } from '../types.ts';
import { moduleObject } from './modules.ts';

/**
 * The facts name the versions by meaning (Odoo's own field names are the reverse of their labels):
 * `latestVersion` is the version in the manifest on disk (Odoo's `installed_version`), `installedVersion`
 * the version the database was last installed or upgraded with (Odoo's `latest_version`).
 */
export function codeVersion(module: ModuleFact): string | null {
  return module.latestVersion || null;
}

export function databaseVersion(module: ModuleFact): string | null {
  return module.installedVersion || null;
}

export const codeOlderThanDatabase = defineCheck({
  id: 'module_health.code-older-than-database',
  dimension: 'module_health',
  severity: 'high',
  title: 'Installed module missing or older than its database version',
  rationale:
    "Odoo records in the database the version of each module it last installed or upgraded, and reads the version of the code from the manifest on disk. Code older than the database means the module's code was removed from the addons path (Odoo then reports the default version <series>.1.0) or an older release was deployed over an upgraded database: the running code does not know fields, views and data the database already has, and the module may not load at all. (Code newer than the database is the opposite case, an upgrade not yet run: see update_currency.modules-pending-upgrade.)",
  remediation:
    "Deploy the module's code at the version the database was upgraded with. Check the deployment and the addons path, restart, and read the server log for loading errors; if the module is no longer wanted, restore it long enough to uninstall it properly.",
  effortHours: 2,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_module.py',
    'https://github.com/odoo/odoo/blob/18.0/odoo/modules/loading.py',
  ],
  requires: ['modules'],
  evaluate({ modules }, { series }) {
    // What Odoo reports for a module whose manifest it cannot find: adapt_version('1.0').
    const defaultVersion = series ? `${series}.1.0` : null;
    const findings: FindingDraft[] = [];
    for (const module of modules) {
      // Imported data modules have no code on disk to compare with.
      if (module.state !== 'installed' || module.imported === true) continue;
      const code = codeVersion(module);
      const database = databaseVersion(module);
      if (!code || !database || compareVersions(code, database) >= 0) continue;
      const missing = code === defaultVersion;
      findings.push({
        object: moduleObject(module),
        message: missing
          ? `Module '${module.name}' is installed at ${database} but its code was not found (Odoo reports the default version ${code}): it is missing from the addons path or its manifest is broken.`
          : `Module '${module.name}' is installed at ${database} but the code deployed is the older ${code}: it was rolled back or the wrong release is deployed.`,
        evidence: { codeVersion: code, databaseVersion: database, codeMissing: missing },
      });
    }
    return findings;
  },
});
