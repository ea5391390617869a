/**
 * ACL rows that let portal or public (anonymous) users change or delete records of a model that no
 * record rule restricts for them: every such record in the database is theirs to change.
 */
import type { GroupFact } from '../../facts/types.ts';
import { modelLabel, modelsById, operationWord, restrictingRules } from '../support/access.ts';
import { findGroup, GROUP } from '../support/groups.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/**
 * Odoo models that grant portal users write/unlink without a record rule because their Python code
 * checks access itself: mail.message (`_check_access` on the related document) and bus.presence
 * (users only ever touch their own presence through the bus).
 */
const CODE_PROTECTED_MODELS = new Set(['mail.message', 'bus.presence']);

export const portalAclWriteAccess = defineCheck({
  id: 'permissions.portal-acl-write-access',
  dimension: 'permissions',
  severity: 'high',
  title: 'Portal or public users can change records no rule restricts',
  rationale:
    'An access right giving the Portal or Public group write or delete on a model, with no record rule limiting which ' +
    'records, lets every customer account (or every anonymous visitor) change or delete all records of that model.',
  remediation:
    'Remove write/delete from the portal/public access right, or add a record rule for that group limiting it to the user\'s own records. ' +
    'Expose portal changes through controllers that check ownership instead.',
  effortHours: 2,
  references: [REF.odooSecurityReference, REF.owaspAccessControl],
  requires: ['accessRules', 'recordRules', 'groups', 'models'],
  evaluate: ({ accessRules, recordRules, groups, models }) => {
    const shareGroups = [findGroup(groups, GROUP.portal), findGroup(groups, GROUP.public)].filter((g): g is GroupFact => g !== undefined);
    const shareById = new Map(shareGroups.map((g) => [g.id, g]));
    const byId = modelsById(models);
    const drafts: FindingDraft[] = [];
    for (const acl of accessRules) {
      if (!acl.active || acl.groupId === null) continue;
      const group = shareById.get(acl.groupId);
      if (!group) continue;
      const model = byId.get(acl.modelId);
      const modelName = modelLabel(acl, byId);
      // Transient (wizard) records are only visible to the user who created them.
      if (model?.transient || CODE_PROTECTED_MODELS.has(modelName)) continue;
      const unrestricted = (['write', 'unlink'] as const).filter((op) => acl[op] && restrictingRules(recordRules, acl.modelId, op, [group.id, ...group.transImpliedIds]).length === 0);
      if (unrestricted.length === 0) continue;
      const isPublic = group.fullName === GROUP.public;
      drafts.push({
        object: { kind: 'access_rule', key: String(acl.id), label: acl.name },
        message: `Access right "${acl.name}" lets ${isPublic ? 'anonymous (public)' : 'portal'} users ${unrestricted.map(operationWord).join(' and ')} every ${modelName} record: no record rule restricts it.`,
        evidence: {
          model: modelName,
          group: group.fullName,
          read: acl.read,
          write: acl.write,
          create: acl.create,
          unlink: acl.unlink,
          unrestricted,
        },
      });
    }
    return drafts;
  },
});
