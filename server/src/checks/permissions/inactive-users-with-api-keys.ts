/** Archived users who still have API keys: reactivating the account brings the keys back to life. */
import { REF } from '../support/references.ts';
import { isTechnicalUser } from '../support/users.ts';
import { defineCheck } from '../types.ts';

export const inactiveUsersWithApiKeys = defineCheck({
  id: 'permissions.inactive-users-with-api-keys',
  dimension: 'permissions',
  severity: 'low',
  title: 'Archived users still holding API keys',
  rationale:
    'When someone leaves, their account is archived but their API keys stay. The keys stop working only while the ' +
    'account is archived: reactivating it (for a handover, a report) silently restores access for scripts copied elsewhere.',
  remediation:
    'Delete the API keys of archived users (Settings > Users > the user > Account Security, or Settings > Technical > API Keys). ' +
    'Make key removal part of the off-boarding checklist.',
  effortHours: 0.25,
  references: [REF.odooExternalApi, REF.owaspAuthFailures],
  requires: ['users'],
  evaluate: ({ users }) =>
    users
      .filter((u) => !u.active && u.apiKeyCount > 0 && !isTechnicalUser(u))
      .map((u) => ({
        object: { kind: 'user' as const, key: u.login, label: u.name },
        message: `Archived user ${u.login} still has ${u.apiKeyCount} API key${u.apiKeyCount === 1 ? '' : 's'}.`,
        evidence: { id: u.id, apiKeys: u.apiKeyCount, lastLogin: u.loginDate },
      })),
});
