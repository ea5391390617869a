import { describe, expect, it } from 'vitest';
import { externalAccountsReview } from '../../../server/src/checks/permissions/external-accounts-review.ts';
import { factsWith } from '../../support/facts.ts';
import { run, user, USERS_18 } from '../support/records.ts';

// factsWith() scans at 2026-12-04 20:00 UTC.
const portal = (login: string, loginDate: string | null, createDate = '2026-01-10 09:00:00') =>
  user({ id: login.length + 100, login, share: true, groupIds: [10, 39, 40], loginDate, createDate });

describe('permissions.external-accounts-review', () => {
  it('lists the portal accounts in use for the access review, costing nothing (the fixture portal users)', () => {
    const findings = run(externalAccountsReview, factsWith({ users: USERS_18 })).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info', object: { kind: 'group', key: 'external-accounts' } });
    expect(findings[0].evidence.logins).toContain('paula.portal@example.com');
    // The archived and template accounts are not external accounts anyone can use.
    expect(findings[0].evidence.logins).not.toContain('portaltemplate');
  });

  it('reports each dormant portal account on its own: idle for six months, or never used since long ago', () => {
    const users = [
      portal('recent@example.com', '2026-11-30 08:00:00'),
      portal('idle@example.com', '2026-03-01 08:00:00'),
      portal('never@example.com', null, '2025-12-01 08:00:00'),
      portal('new@example.com', null, '2026-11-20 08:00:00'),
    ];
    const findings = run(externalAccountsReview, factsWith({ users })).findings;
    const dormant = findings.filter((f) => f.severity === 'low');
    expect(dormant.map((f) => f.object.key)).toEqual(['idle@example.com', 'never@example.com']);
    expect(dormant[0].message).toContain('has not signed in since 2026-03-01');
    expect(dormant[1].message).toContain('has never signed in since it was created on 2025-12-01');
    const review = findings.find((f) => f.severity === 'info');
    expect(review?.evidence.logins).toEqual(['new@example.com', 'recent@example.com']);
  });

  it('passes when nobody outside the company can sign in', () => {
    const internalOnly = USERS_18.filter((u) => !u.share);
    expect(run(externalAccountsReview, factsWith({ users: internalOnly })).status).toBe('passed');
    const archivedPortal = { ...portal('gone@example.com', null, '2020-01-01 00:00:00'), active: false };
    expect(run(externalAccountsReview, factsWith({ users: [archivedPortal] })).status).toBe('passed');
  });
});
