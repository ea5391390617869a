/** ACL rows with no group apply to every user, portal and public included. */
import { grantedChanges, modelLabel, modelsById, operationWord, restrictingRules } from '../support/access.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

export const aclWithoutGroup = defineCheck({
  id: 'permissions.acl-without-group',
  dimension: 'permissions',
  severity: 'high',
  title: 'Access rights granting changes to everyone',
  rationale:
    'An access right without a group applies to every user of the database, including portal users and the public ' +
    '(anonymous) user. Granting write, create or delete that way opens the model to anyone who can reach a route that touches it.',
  remediation:
    'Set a group on the access right (usually "User types / Internal User") or remove its write/create/delete permissions. ' +
    'Keep group-less rows for read access to harmless reference data only.',
  effortHours: 1,
  references: [REF.odooSecurityReference, REF.owaspAccessControl],
  requires: ['accessRules', 'recordRules', 'models'],
  evaluate: ({ accessRules, recordRules, models }) => {
    const byId = modelsById(models);
    const drafts: FindingDraft[] = [];
    for (const acl of accessRules) {
      if (!acl.active || acl.groupId !== null) continue;
      if (byId.get(acl.modelId)?.transient) continue;
      const changes = grantedChanges(acl);
      if (changes.length === 0) continue;
      const modelName = modelLabel(acl, byId);
      const restricted = changes.filter((op) => restrictingRules(recordRules, acl.modelId, op, []).length > 0);
      const words = changes.map(operationWord);
      drafts.push({
        object: { kind: 'access_rule', key: String(acl.id), label: acl.name },
        message:
          restricted.length === changes.length
            ? `Access right "${acl.name}" has no group and lets every user ${words.join(', ')} ${modelName} records; only global record rules limit which ones.`
            : `Access right "${acl.name}" has no group and lets every user, portal and public included, ${words.join(', ')} ${modelName} records.`,
        severity: restricted.length === changes.length ? 'medium' : 'high',
        evidence: { model: modelName, write: acl.write, create: acl.create, unlink: acl.unlink, restrictedByGlobalRules: restricted },
      });
    }
    return drafts;
  },
});
