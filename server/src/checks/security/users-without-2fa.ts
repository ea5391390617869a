/** Internal users who sign in with a password alone. */
import { isInstalled } from '../support/modules.ts';
import { findGroup, groupsById, effectiveGroupIds, GROUP } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { twoFactorEnforcedForInternalUsers } from '../support/two-factor.ts';
import { activeInternalUsers, byLogin } from '../support/users.ts';
import { defineCheck } from '../types.ts';

export const usersWithout2fa = defineCheck({
  id: 'security.users-without-2fa',
  dimension: 'security',
  severity: 'medium',
  title: 'Internal users without two-factor authentication',
  rationale:
    'A stolen, guessed or reused password is enough to sign in as a user who has no second factor. Internal users, and ' +
    'administrators above all, can read and change business data, so a phished password becomes a data breach.',
  remediation:
    'Ask every internal user to enable two-factor authentication in their preferences (Account Security), starting with administrators. ' +
    'To make it mandatory, enable "Enforce two-factor authentication" (Settings > Permissions, module auth_totp_mail) for employees.',
  effortHours: 1,
  references: [REF.odoo2fa, REF.owaspMfaCheatSheet],
  requires: ['users', 'groups', 'modules', 'configParameters'],
  evaluate: ({ users, groups, modules, configParameters }) => {
    const internal = activeInternalUsers(users);
    if (internal.length === 0) return [];
    if (!isInstalled(modules, 'auth_totp')) {
      return [
        {
          object: { kind: 'module', key: 'auth_totp', label: 'Two-Factor TOTP Authentication' },
          message: `The auth_totp module is not installed, so none of the ${internal.length} internal users can use two-factor authentication.`,
          severity: 'high',
          evidence: { internalUsers: internal.length },
        },
      ];
    }
    if (internal.every((u) => u.totpEnabled === null)) {
      throw new Error('auth_totp is installed but no user shows a two-factor status (totp_enabled was not readable)');
    }
    if (twoFactorEnforcedForInternalUsers(modules, configParameters)) return [];
    const without = internal.filter((u) => u.totpEnabled !== true).sort(byLogin);
    if (without.length === 0) return [];
    const settings = findGroup(groups, GROUP.settings);
    const byId = groupsById(groups);
    const admins = settings ? without.filter((u) => effectiveGroupIds(u, byId).has(settings.id)) : [];
    const logins = without.map((u) => u.login);
    const adminNote = admins.length > 0 ? ` (administrators among them: ${listNames(admins.map((u) => u.login))})` : '';
    return [
      {
        object: { kind: 'group', key: GROUP.internalUser, label: 'Internal users' },
        message: `${without.length} of ${internal.length} internal users ${without.length === 1 ? 'has' : 'have'} no two-factor authentication: ${listNames(logins, 20)}${adminNote}.`,
        severity: admins.length > 0 ? 'high' : 'medium',
        evidence: {
          users: logins,
          administrators: admins.map((u) => u.login),
          internalUsers: internal.length,
          withTwoFactor: internal.length - without.length,
        },
      },
    ];
  },
});
