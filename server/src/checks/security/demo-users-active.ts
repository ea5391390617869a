/** Odoo's demo-data accounts (login/password demo/demo and portal/portal) left active. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** Logins the demo data creates, with the well-known password equal to the login. */
const DEMO_LOGINS = new Set(['demo', 'portal']);

export const demoUsersActive = defineCheck({
  id: 'security.demo-users-active',
  dimension: 'security',
  severity: 'medium',
  title: 'Demo-data accounts are active',
  rationale:
    'Databases created with demo data get the users "demo" (internal) and "portal", whose passwords are their logins ' +
    'unless someone changed them. Left active, they are an open door; demo data also mixes fake records into real ones.',
  remediation:
    'Archive the demo accounts (Settings > Users) or change their passwords, and create production databases without demo data. ' +
    'Check that no real work was done under these accounts before archiving them.',
  effortHours: 0.25,
  references: [REF.odooDeploy, REF.owaspAuthFailures],
  requires: ['users'],
  evaluate: ({ users }) =>
    users
      .filter((u) => u.active && DEMO_LOGINS.has(u.login))
      .map((u) => ({
        object: { kind: 'user' as const, key: u.login, label: u.name },
        message: `The demo-data account "${u.login}" (${u.name}, ${u.share ? 'portal' : 'internal'} user) is active${u.loginDate ? ` and last signed in on ${u.loginDate}` : ''}.`,
        severity: u.share ? ('low' as const) : ('medium' as const),
        evidence: { id: u.id, login: u.login, internal: !u.share, lastLogin: u.loginDate },
      })),
});
