/**
 * Members of "Administration / Settings" can change any configuration, install code (modules), read
 * every record; members of "Administration / Access Rights" can create users and grant groups. Both
 * are administrator powers and should be held by as few people as possible.
 */
import type { GroupFact, UserFact } from '../../facts/types.ts';
import { findGroup, GROUP, groupsById, holdersOf } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { activeInternalUsers, byLogin } from '../support/users.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** One administrator per ten internal users, at least one and at most five. */
export function allowedAdministrators(internalUsers: number): number {
  return Math.min(5, Math.max(1, Math.ceil(internalUsers / 10)));
}

export const tooManyAdministrators = defineCheck({
  id: 'permissions.too-many-administrators',
  dimension: 'permissions',
  severity: 'medium',
  title: 'Too many users with administrator rights',
  rationale:
    'Administrators (Settings) can change any configuration, install modules and read every record; Access Rights ' +
    'managers can create users and grant themselves any group. Each extra holder is one more account whose stolen ' +
    'password, mistake or departure puts the whole database at risk.',
  remediation:
    'Remove "Administration: Settings" (and "Access Rights") from users who do not administer the database day to day, giving them the application manager roles they need instead. ' +
    'Keep one or two named administrators with two-factor authentication.',
  effortHours: 1,
  references: [REF.odooAccessRights, REF.owaspAccessControl],
  requires: ['users', 'groups'],
  evaluate: ({ users, groups }) => {
    const settings = findGroup(groups, GROUP.settings);
    if (!settings) return [];
    const byId = groupsById(groups);
    const internal = activeInternalUsers(users);
    const allowed = allowedAdministrators(internal.length);
    const admins = holdersOf(settings, internal, byId).sort(byLogin);
    const drafts: FindingDraft[] = [];
    if (admins.length > allowed) {
      drafts.push(finding(settings, admins, internal.length, allowed, 'are administrators (Administration / Settings)'));
    }
    const accessRights = findGroup(groups, GROUP.accessRights);
    if (accessRights) {
      const adminIds = new Set(admins.map((u) => u.id));
      const managers = holdersOf(accessRights, internal, byId).sort(byLogin);
      const managersOnly = managers.filter((u) => !adminIds.has(u.id));
      if (managersOnly.length > 0 && managers.length > allowed) {
        drafts.push(finding(accessRights, managersOnly, internal.length, allowed, 'can manage users and access rights without being administrators'));
      }
    }
    return drafts;
  },
});

function finding(group: GroupFact, holders: UserFact[], internalUsers: number, allowed: number, what: string): FindingDraft {
  const logins = holders.map((u) => u.login);
  return {
    object: { kind: 'group', key: group.fullName, label: group.fullName },
    message: `${holders.length} of ${internalUsers} internal users ${what}: ${listNames(logins)} (at most ${allowed} expected).`,
    evidence: { users: logins, count: holders.length, internalUsers, allowed },
  };
}
