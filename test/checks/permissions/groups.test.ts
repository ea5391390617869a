import { describe, expect, it } from 'vitest';
import { archivedUsersInAdminGroups } from '../../../server/src/checks/permissions/archived-users-in-admin-groups.ts';
import { inactiveUsersWithApiKeys } from '../../../server/src/checks/permissions/inactive-users-with-api-keys.ts';
import { shareUsersInInternalGroups } from '../../../server/src/checks/permissions/share-users-in-internal-groups.ts';
import { technicalFeaturesWidespread } from '../../../server/src/checks/permissions/technical-features-widespread.ts';
import { allowedAdministrators, tooManyAdministrators } from '../../../server/src/checks/permissions/too-many-administrators.ts';
import { factsWith } from '../../support/facts.ts';
import { GROUPS_18, GROUPS_18_NO_DEMO, run, user, USERS_18 } from '../support/records.ts';

const ADMIN = [2, 3, 13, 38, 1, 14, 19, 40, 20, 45, 37, 4, 7];

describe('permissions.too-many-administrators', () => {
  it('reports the second administrator among five internal users (olivia.ops added to Settings)', () => {
    const findings = run(tooManyAdministrators, factsWith({ users: USERS_18, groups: GROUPS_18 })).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ object: { kind: 'group', key: 'Administration / Settings' } });
    expect(findings[0].message).toBe(
      '2 of 5 internal users are administrators (Administration / Settings): admin, olivia.ops@example.com (at most 1 expected).',
    );
  });

  it('passes with a single administrator', () => {
    const users = USERS_18.filter((u) => !u.login.startsWith('olivia'));
    expect(run(tooManyAdministrators, factsWith({ users, groups: GROUPS_18 })).status).toBe('passed');
  });

  it('allows more administrators in larger companies, up to five', () => {
    expect([1, 10, 11, 35, 500].map(allowedAdministrators)).toEqual([1, 1, 2, 4, 5]);
    const staff = Array.from({ length: 28 }, (_, i) => user({ id: 100 + i, login: `staff${i}@example.com` }));
    const admins = [2, 8, 9].map((id) => user({ id, login: `admin${id}@example.com`, groupIds: ADMIN }));
    expect(run(tooManyAdministrators, factsWith({ users: [...staff, ...admins], groups: GROUPS_18 })).status).toBe('passed');
  });

  it('reports user managers who hold Access Rights without Settings', () => {
    const managers = [20, 21].map((id) => user({ id, login: `hr${id}@example.com`, groupIds: [2, 1, 19, 40, 45, 7] }));
    const users = [...USERS_18.filter((u) => !u.login.startsWith('olivia')), ...managers];
    const [finding] = run(tooManyAdministrators, factsWith({ users, groups: GROUPS_18 })).findings;
    expect(finding.object.key).toBe('Administration / Access Rights');
    expect(finding.evidence.users).toEqual(['hr20@example.com', 'hr21@example.com']);
  });
});

describe('permissions.technical-features-widespread', () => {
  it('explains that Internal User implies Technical Features in the demo database', () => {
    const [finding] = run(technicalFeaturesWidespread, factsWith({ users: USERS_18, groups: GROUPS_18 })).findings;
    expect(finding.evidence).toEqual({ users: ['demo', 'sam.sales@example.com', 'tina.totp@example.com'], impliedByInternalUser: true });
    expect(finding.severity).toBe('low');
  });

  it('passes when only administrators hold it', () => {
    const users = USERS_18.map((u) => ({ ...u, groupIds: u.groupIds.filter((id) => id !== 7 || u.groupIds.includes(4)) }));
    expect(run(technicalFeaturesWidespread, factsWith({ users, groups: GROUPS_18_NO_DEMO })).status).toBe('passed');
  });

  it('fires when many non-administrators were given it by hand', () => {
    const staff = Array.from({ length: 6 }, (_, i) => user({ id: 100 + i, login: `staff${i}`, groupIds: [1, 19, 40, 45, ...(i < 4 ? [7] : [])] }));
    const [finding] = run(technicalFeaturesWidespread, factsWith({ users: staff, groups: GROUPS_18_NO_DEMO })).findings;
    expect(finding.evidence.users).toEqual(['staff0', 'staff1', 'staff2', 'staff3']);
  });
});

describe('permissions.share-users-in-internal-groups', () => {
  it('passes for the fixture portal users, whose only extra groups come with the Portal type', () => {
    expect(run(shareUsersInInternalGroups, factsWith({ users: USERS_18, groups: GROUPS_18 })).status).toBe('passed');
  });

  it('flags a portal user given an employee group, high when it implies Internal User', () => {
    const users = [
      user({ id: 30, login: 'customer@example.com', share: true, groupIds: [40, 10, 39, 21, 1, 19, 45, 7] }),
      user({ id: 31, login: 'partner@example.com', share: true, groupIds: [40, 10, 39, 3] }),
    ];
    const findings = run(shareUsersInInternalGroups, factsWith({ users, groups: GROUPS_18 })).findings;
    expect(findings.map((f) => [f.object.key, f.severity])).toEqual([
      ['customer@example.com', 'high'],
      ['partner@example.com', 'medium'],
    ]);
    // Only the group given is named, not the ones it brings along.
    expect(findings[0].evidence.groups).toEqual(['Sales / User: Own Documents Only']);
    expect(findings[1].message).toBe('Portal user partner@example.com also holds Bypass HTML Field Sanitize.');
  });
});

describe('permissions.inactive-users-with-api-keys', () => {
  it('fires for an archived user who kept a key', () => {
    const users = USERS_18.map((u) => (u.login.startsWith('frank') ? { ...u, apiKeyCount: 2 } : u));
    const [finding] = run(inactiveUsersWithApiKeys, factsWith({ users })).findings;
    expect(finding.message).toBe('Archived user frank.former@example.com still has 2 API keys.');
  });

  it('passes on the fixture, where only an active user holds a key', () => {
    expect(run(inactiveUsersWithApiKeys, factsWith({ users: USERS_18 })).status).toBe('passed');
  });
});

describe('permissions.archived-users-in-admin-groups', () => {
  it('ignores OdooBot and the user templates, which are archived administrators by design', () => {
    expect(run(archivedUsersInAdminGroups, factsWith({ users: USERS_18, groups: GROUPS_18 })).status).toBe('passed');
  });

  it('fires for a former employee still in Settings', () => {
    const users = USERS_18.map((u) => (u.login.startsWith('frank') ? { ...u, groupIds: ADMIN } : u));
    const [finding] = run(archivedUsersInAdminGroups, factsWith({ users, groups: GROUPS_18 })).findings;
    expect(finding).toMatchObject({ object: { key: 'frank.former@example.com' }, evidence: { groups: ['Administration / Settings', 'Administration / Access Rights'] } });
  });
});
