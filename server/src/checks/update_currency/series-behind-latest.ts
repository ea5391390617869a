/** Two or more newer major series have been released: the migration gap keeps growing. */
import { compareSeries } from '../../odoo/series.ts';
import { lifecycleOf, releasedSeries, supportEnd } from '../support/lifecycle.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** Odoo migrates one major at a time; two behind means at least two migrations to catch up. */
const MAJORS_BEHIND = 2;

export const seriesBehindLatest = defineCheck({
  id: 'update_currency.series-behind-latest',
  dimension: 'update_currency',
  severity: 'low',
  title: 'Several major versions behind the latest',
  rationale:
    'Each major series adds features and changes APIs; every series skipped adds a migration step, custom-code rework ' +
    'and data migration risk. Staying within one major of the latest keeps each upgrade small.',
  remediation:
    'Put a migration to a more recent series on the roadmap and budget it. ' +
    'Start by listing custom and third-party modules and checking whether they exist for the target series.',
  effortHours: 40,
  references: [REF.odooSupportedVersions, REF.odooUpgrade],
  requires: ['server'],
  evaluate: ({ server }, context) => {
    if (server.saas) return [];
    // Unknown or out-of-support series are reported (more severely) by update_currency.series-end-of-support.
    const lifecycle = lifecycleOf(server.series, context.reference);
    const end = supportEnd(lifecycle);
    if (!lifecycle || (end && end <= context.now)) return [];
    const newer = releasedSeries(context.reference, context.now).filter((s) => compareSeries(s.series, server.series) > 0);
    if (newer.length < MAJORS_BEHIND) return [];
    const names = newer.map((s) => s.series).reverse();
    return [
      {
        object: { kind: 'instance', key: 'series-gap', label: `Odoo ${server.series}` },
        message: `Odoo ${server.series} is ${newer.length} major versions behind: ${names.join(', ')} ${newer.length === 1 ? 'has' : 'have'} been released since.`,
        evidence: { series: server.series, newerSeries: names },
      },
    ];
  },
});
