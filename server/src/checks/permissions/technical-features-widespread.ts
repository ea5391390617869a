/** "Extra Rights / Technical Features" shows the technical menus (in debug mode) to its holders. */
import { findGroup, GROUP, groupsById, holdersOf, impliesGroup } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { activeInternalUsers, byLogin } from '../support/users.ts';
import { defineCheck } from '../types.ts';

export const technicalFeaturesWidespread = defineCheck({
  id: 'permissions.technical-features-widespread',
  dimension: 'permissions',
  severity: 'low',
  title: 'Technical features given to non-administrators',
  rationale:
    'Technical Features reveals technical menus, fields and actions in debug mode. For users who are not administrators ' +
    'it mostly widens what they can see and misuse, and it makes their screens harder to support.',
  remediation:
    'Remove "Technical Features" from users who do not need it; if "User types / Internal User" implies it (as Odoo\'s demo data sets up), remove that implication in Settings > Users & Companies > Groups. ' +
    'Administrators keep it through their own group.',
  effortHours: 0.5,
  references: [REF.odooAccessRights, REF.owaspAccessControl],
  requires: ['users', 'groups'],
  evaluate: ({ users, groups }) => {
    const technical = findGroup(groups, GROUP.technicalFeatures);
    if (!technical) return [];
    const byId = groupsById(groups);
    const internal = activeInternalUsers(users);
    const settings = findGroup(groups, GROUP.settings);
    const adminIds = new Set(settings ? holdersOf(settings, internal, byId).map((u) => u.id) : []);
    const holders = holdersOf(technical, internal, byId).filter((u) => !adminIds.has(u.id)).sort(byLogin);
    const internalGroup = findGroup(groups, GROUP.internalUser);
    const object = { kind: 'group' as const, key: technical.fullName, label: technical.fullName };
    if (internalGroup && impliesGroup(internalGroup, technical) && holders.length > 0) {
      return [
        {
          object,
          message: `Every internal user gets Technical Features because "${internalGroup.fullName}" implies it (a demo-data default); ${holders.length} of them are not administrators: ${listNames(holders.map((u) => u.login))}.`,
          evidence: { users: holders.map((u) => u.login), impliedByInternalUser: true },
        },
      ];
    }
    const allowed = Math.max(2, Math.ceil(internal.length * 0.2));
    if (holders.length <= allowed) return [];
    return [
      {
        object,
        message: `${holders.length} internal users who are not administrators have Technical Features: ${listNames(holders.map((u) => u.login))}.`,
        evidence: { users: holders.map((u) => u.login), impliedByInternalUser: false, allowed },
      },
    ];
  },
});
