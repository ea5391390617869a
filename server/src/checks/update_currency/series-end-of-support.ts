/** The running series is out of standard support (no more security fixes), or will be within six months. */
import { compareSeries } from '../../odoo/series.ts';
import { addMonths, isoDay } from '../support/dates.ts';
import { lifecycleOf, supportEnd } from '../support/lifecycle.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

const WARNING_MONTHS = 6;

export const seriesEndOfSupport = defineCheck({
  id: 'update_currency.series-end-of-support',
  dimension: 'update_currency',
  severity: 'high',
  title: 'Odoo series out of standard support',
  rationale:
    'Odoo fixes bugs and security flaws only in the last three major series (standard support, three years each). ' +
    'Past that date, new vulnerabilities stay open for good, and a migration takes months to plan, so it must start well before.',
  remediation:
    'Plan the migration to a supported series (test the upgrade on a copy with Odoo\'s upgrade service or OpenUpgrade, then migrate custom modules). ' +
    'Until then, restrict network exposure and watch the advisories closely.',
  effortHours: 80,
  references: [REF.odooSupportedVersions, REF.odooUpgrade, REF.owaspOutdatedComponents],
  requires: ['server'],
  evaluate: ({ server }, context) => {
    if (server.saas) return [];
    const object = { kind: 'instance' as const, key: `series:${server.series}`, label: `Odoo ${server.series}` };
    const lifecycle = lifecycleOf(server.series, context.reference);
    if (!lifecycle) {
      const oldest = [...context.reference.series].sort((a, b) => compareSeries(a.series, b.series))[0];
      if (oldest && compareSeries(server.series, oldest.series) < 0) {
        return [
          {
            object,
            message: `Odoo ${server.series} is older than every series Odoo still documents (the oldest, ${oldest.series}, left support in ${oldest.end_of_support}).`,
            severity: 'critical',
            evidence: { series: server.series },
          },
        ];
      }
      return [];
    }
    const end = supportEnd(lifecycle);
    if (!end) return [];
    const evidence = { series: server.series, endOfSupport: lifecycle.end_of_support, status: lifecycle.end_of_support_status };
    if (end <= context.now) {
      return [
        {
          object,
          message: `Odoo ${server.series} left standard support in ${lifecycle.end_of_support}: it no longer receives security fixes.`,
          evidence,
        },
      ];
    }
    if (addMonths(context.now, WARNING_MONTHS) >= end) {
      return [
        {
          object,
          message: `Odoo ${server.series} leaves standard support in ${lifecycle.end_of_support} (fixes stop after ${isoDay(new Date(end.getTime() - 1))}): plan the migration now.`,
          severity: 'medium',
          evidence,
        },
      ];
    }
    return [];
  },
});
