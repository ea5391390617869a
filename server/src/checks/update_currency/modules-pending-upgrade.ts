/**
 * Installed modules whose code on disk is newer than the version recorded in the database: the
 * code was updated but the module upgrade (`-u`) was not run, so new fields, views, data and
 * security rules are missing and the code runs against a schema it does not expect.
 */
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { compareVersions } from '../support/versions.ts';
import { defineCheck } from '../types.ts';

export const modulesPendingUpgrade = defineCheck({
  id: 'update_currency.modules-pending-upgrade',
  dimension: 'update_currency',
  severity: 'medium',
  title: 'Updated module code not applied to the database',
  rationale:
    'Module updates bring migrations, new fields, views and access rules. When the code is updated but the database is ' +
    'not upgraded, fixes (including security rules) are not in effect and users hit errors where code and schema disagree.',
  remediation:
    'Upgrade the listed modules (`odoo -u module1,module2 -d <db> --stop-after-init`, or Apps > Upgrade) on a copy of the database first, then in production. ' +
    'Make the upgrade part of every code deployment.',
  effortHours: 2,
  references: [REF.odooUpdate],
  requires: ['modules'],
  evaluate: ({ modules }) => {
    const pending = modules
      .filter((m) => m.state === 'installed' && m.installedVersion && m.latestVersion && compareVersions(m.latestVersion, m.installedVersion) > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (pending.length === 0) return [];
    const described = pending.map((m) => `${m.name} (${m.installedVersion} → ${m.latestVersion})`);
    return [
      {
        object: { kind: 'instance', key: 'modules-pending-upgrade', label: 'Modules awaiting upgrade' },
        message: `${pending.length} installed module${pending.length === 1 ? ' has' : 's have'} newer code than the database: ${listNames(described)}.`,
        severity: pending.length > 10 ? 'high' : 'medium',
        evidence: {
          modules: pending.map((m) => ({ name: m.name, database: m.installedVersion, code: m.latestVersion })),
        },
      },
    ];
  },
});
