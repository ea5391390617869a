/**
 * Portal and public ("share") users should hold only their user-type group and what it implies
 * (e.g. "Technical / Multi-website" comes with Portal). Any other group was added by hand or by a
 * custom module, and one that is or implies "User types / Internal User" gives a customer account
 * employee rights.
 */
import type { GroupFact } from '../../facts/types.ts';
import { findGroup, GROUP, groupsById, impliesGroup } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { byLogin, isTechnicalUser } from '../support/users.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

const PRIVILEGED = [GROUP.internalUser, GROUP.settings, GROUP.accessRights];

export const shareUsersInInternalGroups = defineCheck({
  id: 'permissions.share-users-in-internal-groups',
  dimension: 'permissions',
  severity: 'medium',
  title: 'Portal or public users hold groups meant for employees',
  rationale:
    'Portal users are customers, suppliers or anonymous visitors. Groups beyond what the Portal type brings widen what ' +
    'they can read and change; a group that implies "Internal User" turns a customer login into an employee account.',
  remediation:
    'Remove the extra groups from these portal users (Settings > Users, "Other" tab), or make the person an internal user if that was the intent. ' +
    'Check custom modules that add groups to portal users.',
  effortHours: 0.5,
  references: [REF.odooAccessRights, REF.owaspAccessControl],
  requires: ['users', 'groups'],
  evaluate: ({ users, groups }) => {
    const byId = groupsById(groups);
    const typeGroups = [findGroup(groups, GROUP.portal), findGroup(groups, GROUP.public)].filter((g): g is GroupFact => g !== undefined);
    if (typeGroups.length === 0) return [];
    const privileged = PRIVILEGED.map((name) => findGroup(groups, name)).filter((g): g is GroupFact => g !== undefined);
    const drafts: FindingDraft[] = [];
    for (const user of users.filter((u) => u.active && u.share && !isTechnicalUser(u)).sort(byLogin)) {
      const own = typeGroups.filter((g) => user.groupIds.includes(g.id));
      if (own.length === 0) continue;
      const baseline = new Set(own.flatMap((g) => [g.id, ...g.transImpliedIds, ...g.impliedIds]));
      const extra = user.groupIds.filter((id) => !baseline.has(id)).map((id) => byId.get(id)).filter((g): g is GroupFact => g !== undefined);
      // Report the groups given, not the ones they bring along.
      const top = extra.filter((g) => !extra.some((o) => o.id !== g.id && impliesGroup(o, g)));
      if (top.length === 0) continue;
      const dangerous = top.filter((g) => privileged.some((p) => impliesGroup(g, p)));
      const names = top.map((g) => g.fullName).sort();
      drafts.push({
        object: { kind: 'user', key: user.login, label: user.name },
        message: `${own.map((g) => g.fullName.replace(/^User types \/ /, '')).join('/')} user ${user.login} also holds ${listNames(names)}${
          dangerous.length > 0 ? `, which grant${dangerous.length === 1 ? 's' : ''} internal-user rights` : ''
        }.`,
        severity: dangerous.length > 0 ? 'high' : 'medium',
        evidence: { groups: names, internalRights: dangerous.map((g) => g.fullName) },
      });
    }
    return drafts;
  },
});
