/**
 * Installed modules whose manifest version names an older series. Odoo prefixes every module
 * version with the running series unless the manifest already starts with it, so a manifest
 * "17.0.1.0.0" on 18.0 is recorded as "18.0.17.0.1.0.0": the module was copied across without being
 * migrated (or its version was never updated), and may rely on APIs the new series changed.
 */
import { compareSeries } from '../../odoo/series.ts';
import { isOdooModule } from '../support/modules.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** The oldest series the reference data knows; anything below is not a series number. */
const OLDEST_SERIES = 8;

/** The older series a version was declared for ("18.0.17.0.1.0.0" on 18.0 → "17.0"), or null. */
export function declaredForOlderSeries(version: string, series: string): string | null {
  const prefix = `${series}.`;
  if (!version.startsWith(prefix)) return null;
  // Series-style manifests have at least four parts ("17.0.1.0", OCA's "17.0.1.0.0"); Odoo's own
  // short versions ("13.0.1" of l10n_fi) are plain version numbers, not series.
  const m = /^(\d+)\.0\.\d+\.\d+/.exec(version.slice(prefix.length));
  if (!m) return null;
  const major = Number(m[1]);
  const declared = `${major}.0`;
  return major >= OLDEST_SERIES && compareSeries(declared, series) < 0 ? declared : null;
}

export const modulesForOlderSeries = defineCheck({
  id: 'update_currency.modules-for-older-series',
  dimension: 'update_currency',
  severity: 'medium',
  title: 'Modules declared for an older Odoo series',
  rationale:
    'A module whose manifest still names an older series was usually copied over during a migration without being ' +
    'ported: it may call APIs that changed or were removed, fail on some screens, or miss the migration scripts that ' +
    'keep its data consistent.',
  remediation:
    'Get (or port) a version of each listed module made for the running series and set its manifest version accordingly, then upgrade it. ' +
    'For third-party modules, check the vendor or the OCA repository for the series branch.',
  effortHours: 4,
  references: [REF.odooUpgrade, 'https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html'],
  requires: ['modules'],
  series: { min: '9.0' },
  evaluate: ({ modules }, context) => {
    const series = context.series;
    if (series === null) return [];
    const drafts: FindingDraft[] = [];
    const stale = modules
      .filter((m) => m.state === 'installed' && !isOdooModule(m))
      .map((m) => ({ module: m, declared: declaredForOlderSeries(m.latestVersion ?? m.installedVersion ?? '', series) }))
      .filter((x): x is { module: (typeof modules)[number]; declared: string } => x.declared !== null)
      .sort((a, b) => a.module.name.localeCompare(b.module.name));
    for (const { module, declared } of stale) {
      drafts.push({
        object: { kind: 'module', key: module.name, label: module.shortdesc ?? module.name },
        message: `Module ${module.name} declares version ${(module.latestVersion ?? module.installedVersion ?? '').slice(series.length + 1)}, made for Odoo ${declared}, but runs on ${series}.`,
        evidence: { version: module.latestVersion ?? module.installedVersion, declaredSeries: declared, author: module.author },
      });
    }
    return drafts;
  },
});
