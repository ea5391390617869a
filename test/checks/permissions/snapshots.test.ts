/** The permissions checks on the facts of the real 17.0 and 18.0 fixture databases. */
import { describe, expect, it } from 'vitest';
import { permissionsChecks } from '../../../server/src/checks/permissions/index.ts';
import { runOnSnapshot, SNAPSHOT_SERIES } from '../support/snapshots.ts';

describe.each(SNAPSHOT_SERIES)('permissions checks on the Odoo %s fixture database', (series) => {
  const scan = runOnSnapshot(permissionsChecks, series);

  it('assesses every check', () => {
    expect(scan.results.filter((r) => r.status !== 'passed' && r.status !== 'failed')).toEqual([]);
  });

  it('finds the extra administrator olivia.ops next to admin', () => {
    const finding = scan.find('permissions.too-many-administrators', 'Administration / Settings');
    expect(finding?.evidence.users).toEqual(['admin', 'olivia.ops@example.com']);
    // Access Rights holds the same two users: no second finding for it.
    expect(scan.find('permissions.too-many-administrators', 'Administration / Access Rights')).toBeUndefined();
  });

  it('does not flag the portal users, whose extra groups come with the Portal type', () => {
    expect(scan.find('permissions.share-users-in-internal-groups')).toBeUndefined();
  });

  it("accepts Odoo's own portal/public grants and abstract models without access rights", () => {
    expect(scan.find('permissions.portal-acl-write-access')).toBeUndefined();
    expect(scan.find('permissions.acl-without-group')).toBeUndefined();
    expect(scan.find('permissions.models-without-access-rules')).toBeUndefined();
  });

  it('ignores the archived frank.former (no key, no admin group) and OdooBot', () => {
    expect(scan.find('permissions.inactive-users-with-api-keys')).toBeUndefined();
    expect(scan.find('permissions.archived-users-in-admin-groups')).toBeUndefined();
  });

  it('reports nothing beyond these conditions', () => {
    expect(scan.seen).toEqual([
      // The portal users paula.portal and the demo "portal", listed for the access review (info).
      'permissions.external-accounts-review external-accounts',
      // The demo data makes "Internal User" imply "Technical Features".
      'permissions.technical-features-widespread Extra Rights / Technical Features',
      'permissions.too-many-administrators Administration / Settings',
    ]);
  });
});
