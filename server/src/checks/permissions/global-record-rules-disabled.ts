/** Archived global record rules: the restriction they enforced no longer applies to anyone. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const globalRecordRulesDisabled = defineCheck({
  id: 'permissions.global-record-rules-disabled',
  dimension: 'permissions',
  severity: 'medium',
  title: 'Global record rules disabled',
  rationale:
    'Global record rules restrict every user, e.g. to the records of their own companies. Archiving one lifts that ' +
    'restriction for everybody at once, often as a quick fix for an access error, and is easy to forget.',
  remediation:
    'Reactivate the rule in Settings > Technical > Record Rules, or replace it with a narrower rule if it blocked a legitimate use. ' +
    'Record why it was disabled if it must stay off.',
  effortHours: 1,
  references: [REF.odooSecurityReference, REF.owaspAccessControl],
  requires: ['recordRules'],
  evaluate: ({ recordRules }) =>
    recordRules
      .filter((r) => !r.active && r.global)
      .map((r) => ({
        object: { kind: 'record_rule' as const, key: String(r.id), label: r.name },
        message: `Global record rule "${r.name}" on ${r.model ?? `model #${r.modelId}`} is disabled${r.domain ? `; it restricted records to ${r.domain}` : ''}.`,
        evidence: { model: r.model, domain: r.domain, read: r.read, write: r.write, create: r.create, unlink: r.unlink },
      })),
});
