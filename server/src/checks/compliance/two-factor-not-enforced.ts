/** Two-factor adoption among internal users, when no policy makes it mandatory. */
import { isInstalled } from '../support/modules.ts';
import { REF } from '../support/references.ts';
import { twoFactorEnforcedForInternalUsers } from '../support/two-factor.ts';
import { activeInternalUsers } from '../support/users.ts';
import { defineCheck } from '../types.ts';

export const twoFactorNotEnforced = defineCheck({
  id: 'compliance.two-factor-not-enforced',
  dimension: 'compliance',
  severity: 'medium',
  title: 'Two-factor authentication neither enforced nor universal',
  rationale:
    'Auditors (GDPR art. 32, PCI DSS requirement 8, ISO 27001) expect strong authentication for staff who reach ' +
    'personal or payment data, enforced by policy rather than left to each user. Voluntary adoption leaves gaps.',
  remediation:
    'Enable "Enforce two-factor authentication" for employees in Settings > Permissions (auth_totp_mail); users without an authenticator app then receive a code by e-mail. ' +
    'Encourage authenticator apps, which are stronger than e-mailed codes.',
  effortHours: 0.5,
  references: [REF.odoo2fa, REF.gdprArt32, REF.owaspMfaCheatSheet],
  requires: ['users', 'modules', 'configParameters'],
  evaluate: ({ users, modules, configParameters }) => {
    const internal = activeInternalUsers(users);
    if (internal.length === 0 || twoFactorEnforcedForInternalUsers(modules, configParameters)) return [];
    const totp = isInstalled(modules, 'auth_totp');
    const withTwoFactor = totp ? internal.filter((u) => u.totpEnabled === true).length : 0;
    if (withTwoFactor === internal.length) return [];
    const rate = Math.round((withTwoFactor / internal.length) * 100);
    return [
      {
        object: { kind: 'instance', key: 'two-factor-policy', label: 'Two-factor policy' },
        message: totp
          ? `Two-factor authentication is not enforced and only ${withTwoFactor} of ${internal.length} internal users (${rate}%) use it.`
          : `Two-factor authentication is unavailable (auth_totp is not installed) for all ${internal.length} internal users.`,
        severity: rate < 50 ? 'medium' : 'low',
        evidence: { internalUsers: internal.length, withTwoFactor, adoptionPercent: rate, enforced: false },
      },
    ];
  },
});
