/**
 * API keys are passwords that skip two-factor authentication. From 18.0 they can expire (and must,
 * for non-administrators); a key that never expires, or has not been rotated for over a year, is a
 * long-lived credential waiting to leak from a script or a CI secret.
 */
import { compareSeries } from '../../odoo/series.ts';
import { daysBetween, monthsBetween, parseOdooDate } from '../support/dates.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** Keys older than this should have been rotated. */
const MAX_AGE_DAYS = 365;

export const apiKeysUnexpiring = defineCheck({
  id: 'security.api-keys-unexpiring',
  dimension: 'security',
  severity: 'medium',
  title: 'API keys that never expire or are not rotated',
  rationale:
    'An API key signs in without the second factor. Keys end up in scripts, integration settings and CI secrets; one ' +
    'that never expires, or was created years ago, keeps working long after the person or the integration that needed it has gone.',
  remediation:
    'Replace each listed key with a new one that has an expiration date (Preferences > Account Security > New API Key), update the integration, then delete the old key. ' +
    'Give each integration its own least-privileged user, and rotate keys at least yearly.',
  effortHours: 0.5,
  references: [REF.odooExternalApi, REF.owaspAuthCheatSheet],
  requires: ['apiKeys', 'users'],
  evaluate: ({ apiKeys, users }, context) => {
    const canExpire = context.series !== null && compareSeries(context.series, '18.0') >= 0;
    const logins = new Map(users.map((u) => [u.id, u.login]));
    const drafts: FindingDraft[] = [];
    for (const key of apiKeys) {
      const owner = key.userId !== null ? (logins.get(key.userId) ?? `user #${key.userId}`) : 'an unknown user';
      const created = parseOdooDate(key.createDate);
      const ageDays = created ? daysBetween(created, context.now) : null;
      const old = ageDays !== null && ageDays > MAX_AGE_DAYS;
      const neverExpires = canExpire && key.expirationDate === null;
      if (!old && !neverExpires) continue;
      const problems = [
        ...(neverExpires ? ['never expires'] : []),
        ...(old && created ? [`was created ${monthsBetween(created, context.now)} months ago (${key.createDate})`] : []),
      ];
      drafts.push({
        object: { kind: 'api_key', key: String(key.id), label: key.name },
        message: `API key "${key.name}" of ${owner} ${problems.join(' and ')}.`,
        severity: neverExpires ? 'medium' : 'low',
        evidence: { owner, createDate: key.createDate, expirationDate: key.expirationDate, ageDays, scope: key.scope },
      });
    }
    return drafts;
  },
});
