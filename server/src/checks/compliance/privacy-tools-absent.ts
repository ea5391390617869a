/** Without privacy_lookup, answering a data-subject request means searching every model by hand. */
import { isInstalled } from '../support/modules.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const privacyToolsAbsent = defineCheck({
  id: 'compliance.privacy-tools-absent',
  dimension: 'compliance',
  severity: 'low',
  title: 'Privacy lookup tool not installed',
  rationale:
    'GDPR gives people the right to know what data is held about them and to have it erased (art. 15 and 17), within a ' +
    'month. Odoo\'s Privacy Lookup finds every record referring to a person and logs what was done; without it, requests ' +
    'are answered by hand and incompletely.',
  remediation:
    'Install the "Privacy" module (privacy_lookup) and use Settings > Technical > Privacy Lookup to find, archive or delete a person\'s data. ' +
    'Document the procedure for data-subject requests.',
  effortHours: 0.5,
  references: [REF.gdprArt15, REF.gdprArt17, 'https://github.com/odoo/odoo/tree/18.0/addons/privacy_lookup'],
  series: { min: '15.0' },
  requires: ['modules'],
  evaluate: ({ modules }) =>
    isInstalled(modules, 'privacy_lookup')
      ? []
      : [
          {
            object: { kind: 'module', key: 'privacy_lookup', label: 'Privacy' },
            message: 'The privacy_lookup module is not installed, so there is no tool to find and erase a person\'s data on request.',
            evidence: { available: modules.some((m) => m.name === 'privacy_lookup') },
          },
        ],
});
