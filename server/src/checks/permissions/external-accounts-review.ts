/**
 * Portal and public ("share") accounts: who outside the company can sign in. Active, recently used
 * accounts are listed for the periodic access review (info); dormant ones are a finding of their own.
 */
import type { UserFact } from '../../facts/types.ts';
import { daysBetween, isoDay, parseOdooDate } from '../support/dates.ts';
import { REF } from '../support/references.ts';
import { count, listNames } from '../support/text.ts';
import { byLogin, isTechnicalUser } from '../support/users.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** No sign-in for this long (or never, for an account at least this old) makes an account dormant. */
export const DORMANT_AFTER_DAYS = 180;

function isDormant(user: UserFact, now: Date): boolean {
  const lastLogin = parseOdooDate(user.loginDate);
  if (lastLogin) return daysBetween(lastLogin, now) > DORMANT_AFTER_DAYS;
  const created = parseOdooDate(user.createDate);
  return created !== null && daysBetween(created, now) > DORMANT_AFTER_DAYS;
}

export const externalAccountsReview = defineCheck({
  id: 'permissions.external-accounts-review',
  dimension: 'permissions',
  severity: 'low',
  title: 'External (portal) accounts to review',
  rationale:
    'Portal users sign in from outside the company: they see the documents shared with them (orders, invoices, tickets) and can ' +
    'call the external API with their password. An account nobody uses any more is an open door whose owner would not notice a ' +
    'takeover; access reviews (ISO 27001 A.5.18, SOC 2 CC6.2) expect external accounts to be revalidated periodically.',
  remediation:
    'Archive the portal accounts that have not signed in for six months (Settings > Users, filter "Portal Users"). ' +
    'Review the remaining external accounts with their owners at least once a year.',
  effortHours: 0.5,
  references: [REF.odooUsers, REF.owaspAccessControl],
  requires: ['users'],
  evaluate: ({ users }, { now }) => {
    const external = users.filter((u) => u.active && u.share && !isTechnicalUser(u)).sort(byLogin);
    if (external.length === 0) return [];
    const dormant = external.filter((u) => isDormant(u, now));
    const inUse = external.filter((u) => !isDormant(u, now));
    const findings: FindingDraft[] = dormant.map((user) => ({
      object: { kind: 'user', key: user.login, label: user.name },
      message: user.loginDate
        ? `Portal account "${user.login}" (${user.name}) is active but has not signed in since ${isoDay(parseOdooDate(user.loginDate)!)}.`
        : `Portal account "${user.login}" (${user.name}) is active but has never signed in since it was created on ${isoDay(parseOdooDate(user.createDate)!)}.`,
      evidence: { login: user.login, loginDate: user.loginDate, createDate: user.createDate, dormantAfterDays: DORMANT_AFTER_DAYS },
    }));
    if (inUse.length > 0) {
      findings.push({
        object: { kind: 'group', key: 'external-accounts', label: 'Portal accounts in use' },
        message: `${count(inUse.length, 'portal account')} can sign in from outside the company and ${inUse.length === 1 ? 'was' : 'were'} used in the last ${DORMANT_AFTER_DAYS} days: ${listNames(inUse.map((u) => u.login))}. Keep them in the periodic access review.`,
        severity: 'info',
        evidence: { logins: inUse.map((u) => u.login), total: inUse.length },
      });
    }
    return findings;
  },
});
