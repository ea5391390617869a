/** The default administrator still signs in as "admin", the first login every brute-force tries. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const adminLoginUnchanged = defineCheck({
  id: 'security.admin-login-unchanged',
  dimension: 'security',
  severity: 'medium',
  title: 'Administrator account still uses the login "admin"',
  rationale:
    'Every Odoo database starts with an administrator whose login is "admin". Attackers try it first, so keeping it ' +
    'leaves only the password between them and full control; a personal login also makes the audit trail meaningful.',
  remediation:
    'Change the login of the "admin" account to the administrator\'s e-mail address (Settings > Users), with a strong password and two-factor authentication. ' +
    'Update any integration that signs in as "admin" to use its own user or an API key.',
  effortHours: 0.5,
  references: [REF.odooDeploy, REF.owaspAuthCheatSheet],
  requires: ['users'],
  evaluate: ({ users }) =>
    users
      .filter((u) => u.active && u.login.trim().toLowerCase() === 'admin')
      .map((u) => ({
        object: { kind: 'user' as const, key: u.login, label: u.name },
        message: `The active account "${u.name}" (id ${u.id}) still signs in with the login "admin".`,
        evidence: { id: u.id, login: u.login, lastLogin: u.loginDate },
      })),
});
