/**
 * mail's autovacuum deletes activities overdue for more than `mail.activity.gc.delete_overdue_years`
 * years; missing or 0 skips the clean-up (Odoo logs a warning), so stale to-dos about people pile up.
 */
import { isInstalled } from '../support/modules.ts';
import { intParameter } from '../support/parameters.ts';
import { odooSource, REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

const PARAMETER = 'mail.activity.gc.delete_overdue_years';

export const activityRetentionDisabled = defineCheck({
  id: 'compliance.activity-retention-disabled',
  dimension: 'compliance',
  severity: 'low',
  title: 'No retention limit for overdue activities',
  rationale:
    'GDPR\'s storage-limitation principle (art. 5(1)(e)) asks that data be kept no longer than needed. Odoo deletes ' +
    'long-overdue activities only when this retention parameter is set; without it they, and the personal details in them, are kept forever.',
  remediation:
    `Set the system parameter ${PARAMETER} to the number of years after which overdue activities may go (Odoo's default is 3). ` +
    'Make sure the "Base: Auto-vacuum internal data" scheduled action is active, as it runs the clean-up.',
  effortHours: 0.25,
  references: [REF.gdprArt5, odooSource('addons/mail/models/mail_activity.py')],
  series: { min: '17.0' },
  requires: ['modules', 'configParameters'],
  evaluate: ({ modules, configParameters }) => {
    if (!isInstalled(modules, 'mail')) return [];
    const years = intParameter(configParameters, PARAMETER, 0);
    if (years !== null && years > 0) return [];
    return [
      {
        object: { kind: 'parameter', key: PARAMETER, label: 'Overdue activity retention' },
        message:
          configParameters[PARAMETER] === undefined
            ? `${PARAMETER} is not set, so overdue activities are never cleaned up.`
            : `${PARAMETER} is "${configParameters[PARAMETER]}", so overdue activities are never cleaned up.`,
        evidence: { value: configParameters[PARAMETER] ?? null },
      },
    ];
  },
});
