/** A source install reports no build date, so nobody can tell from outside which fixes it has. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const buildDateUnknown = defineCheck({
  id: 'update_currency.build-date-unknown',
  dimension: 'update_currency',
  severity: 'info',
  title: 'Build date unknown (installed from source)',
  rationale:
    'Nightly packages report their build date; installs from a git checkout do not. Without it, neither this scan nor ' +
    'the team can tell which security fixes the instance includes, and advisories can only be reported as "possibly affected".',
  remediation:
    'Record the commit the instance runs (git log -1 in the Odoo source) and keep it within a month of the series branch head. ' +
    'Alternatively, install from Odoo\'s nightly packages, which carry the build date.',
  effortHours: 0.5,
  references: [REF.odooUpdate],
  requires: ['server'],
  evaluate: ({ server }) => {
    if (server.saas || server.buildDate !== null) return [];
    return [
      {
        object: { kind: 'instance', key: 'build', label: `Odoo ${server.serverVersion}` },
        message: `Odoo reports "${server.serverVersion}" with no build date, so the fixes it includes cannot be told from the version.`,
        evidence: { serverVersion: server.serverVersion },
      },
    ];
  },
});
