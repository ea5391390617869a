/**
 * How old the running nightly build is. Odoo publishes fixes in nightly builds; a build months
 * old misses every fix since. For a series past its support end, only the fixes made until that
 * end count, so the age is measured up to then.
 */
import { monthsBetween, parseOdooDate } from '../support/dates.ts';
import { lifecycleOf, supportEnd } from '../support/lifecycle.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** Older than this, a build misses a few rounds of fixes. */
const STALE_MONTHS = 6;
/** Older than this, it misses a year of security and bug fixes. */
const VERY_STALE_MONTHS = 12;

export const buildAge = defineCheck({
  id: 'update_currency.build-age',
  dimension: 'update_currency',
  severity: 'medium',
  title: 'Odoo build not updated for months',
  rationale:
    'Odoo ships security and bug fixes continuously in its nightly builds of each supported series. An instance that ' +
    'has not been updated for months runs code with publicly known flaws, fixed long ago upstream.',
  remediation:
    'Update the Odoo source or package to the latest nightly build of the series, then upgrade the modules (`-u all`) on a copy first and in production after testing. ' +
    'Schedule this monthly.',
  effortHours: 4,
  references: [REF.odooUpdate, REF.owaspOutdatedComponents],
  requires: ['server'],
  evaluate: ({ server }, context) => {
    const build = parseOdooDate(server.buildDate);
    if (server.saas || !build) return [];
    const end = supportEnd(lifecycleOf(server.series, context.reference));
    const reference = end && end < context.now ? end : context.now;
    const months = monthsBetween(build, reference);
    if (months < STALE_MONTHS) return [];
    const drafts: FindingDraft[] = [
      {
        object: { kind: 'instance', key: 'build', label: `Odoo ${server.serverVersion}` },
        message:
          reference === context.now
            ? `The running build ${server.serverVersion} dates from ${server.buildDate}, ${months} months ago: it misses every fix published since.`
            : `The running build ${server.serverVersion} dates from ${server.buildDate}, ${months} months before ${server.series} left standard support: it misses the fixes published in that time.`,
        severity: months >= VERY_STALE_MONTHS ? 'high' : 'medium',
        evidence: { serverVersion: server.serverVersion, buildDate: server.buildDate, monthsBehind: months },
      },
    ];
    return drafts;
  },
});
