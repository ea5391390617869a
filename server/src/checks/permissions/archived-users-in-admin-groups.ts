/** Archived accounts still holding administrator groups. */
import type { GroupFact } from '../../facts/types.ts';
import { effectiveGroupIds, findGroup, GROUP, groupsById } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { byLogin, isTechnicalUser } from '../support/users.ts';
import { defineCheck } from '../types.ts';

export const archivedUsersInAdminGroups = defineCheck({
  id: 'permissions.archived-users-in-admin-groups',
  dimension: 'permissions',
  severity: 'low',
  title: 'Archived users still in administrator groups',
  rationale:
    'An archived account cannot sign in, but it keeps its groups: whoever reactivates it (or a flaw that does) gets ' +
    'administrator rights back at once, and the account keeps appearing in access reviews as an administrator.',
  remediation:
    'Remove "Administration: Settings" and "Access Rights" from archived accounts (unarchive, edit the access rights, archive again). ' +
    'Strip privileged groups as the first step of off-boarding.',
  effortHours: 0.25,
  references: [REF.odooAccessRights, REF.owaspAccessControl],
  requires: ['users', 'groups'],
  evaluate: ({ users, groups }) => {
    const byId = groupsById(groups);
    const adminGroups = [findGroup(groups, GROUP.settings), findGroup(groups, GROUP.accessRights)].filter((g): g is GroupFact => g !== undefined);
    if (adminGroups.length === 0) return [];
    return users
      .filter((u) => !u.active && !u.share && !isTechnicalUser(u))
      .sort(byLogin)
      .flatMap((u) => {
        const effective = effectiveGroupIds(u, byId);
        const held = adminGroups.filter((g) => effective.has(g.id)).map((g) => g.fullName);
        if (held.length === 0) return [];
        return [
          {
            object: { kind: 'user' as const, key: u.login, label: u.name },
            message: `Archived user ${u.login} still holds ${held.join(' and ')}.`,
            evidence: { id: u.id, groups: held, lastLogin: u.loginDate },
          },
        ];
      });
  },
});
