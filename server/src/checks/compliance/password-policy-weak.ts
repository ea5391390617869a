/**
 * Odoo accepts any password unless auth_password_policy is installed; that module enforces
 * `auth_password_policy.minlength` (0 = no minimum; its data sets 8 on install).
 */
import { isInstalled } from '../support/modules.ts';
import { intParameter, MASKED_VALUE } from '../support/parameters.ts';
import { odooSource, REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** NIST SP 800-63B's floor for user-chosen passwords. */
export const MIN_PASSWORD_LENGTH = 8;
const PARAMETER = 'auth_password_policy.minlength';

export const passwordPolicyWeak = defineCheck({
  id: 'compliance.password-policy-weak',
  dimension: 'compliance',
  severity: 'medium',
  title: 'No minimum password length enforced',
  rationale:
    'GDPR (art. 32) and PCI DSS require appropriate access controls; a system that accepts one-character passwords ' +
    'cannot show that. Short passwords fall to guessing and credential-stuffing within minutes.',
  remediation:
    'Install the "Password Policy" module (auth_password_policy) and set Settings > Permissions > Minimum Password Length to 12 or more (8 at the very least). ' +
    'Ask users with older, shorter passwords to change them.',
  effortHours: 0.5,
  references: [REF.nist80063b, REF.gdprArt32, odooSource('addons/auth_password_policy/models/res_users.py')],
  requires: ['modules', 'configParameters'],
  evaluate: ({ modules, configParameters }) => {
    if (!isInstalled(modules, 'auth_password_policy')) {
      return [
        {
          object: { kind: 'module', key: 'auth_password_policy', label: 'Password Policy' },
          message: 'The auth_password_policy module is not installed: Odoo accepts passwords of any length, even one character.',
          evidence: { installed: false },
        },
      ];
    }
    if (configParameters[PARAMETER] === MASKED_VALUE) {
      throw new Error(`${PARAMETER} was masked when collected, so the minimum length cannot be read`);
    }
    const minLength = intParameter(configParameters, PARAMETER, 0);
    if (minLength !== null && minLength >= MIN_PASSWORD_LENGTH) return [];
    return [
      {
        object: { kind: 'parameter', key: PARAMETER, label: 'Minimum password length' },
        message:
          minLength === null || minLength <= 0
            ? `Password Policy is installed but sets no minimum length (${PARAMETER} = ${configParameters[PARAMETER] ?? 'unset'}).`
            : `The minimum password length is ${minLength} characters, below ${MIN_PASSWORD_LENGTH}.`,
        evidence: { value: configParameters[PARAMETER] ?? null, minimum: MIN_PASSWORD_LENGTH },
      },
    ];
  },
});
