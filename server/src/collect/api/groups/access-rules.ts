/** ir.model.access: model-level access rights (ACLs), archived ones included. */
import type { AccessRuleFact } from '../../../facts/types.ts';
import { bool, m2oId, m2oName, num, permissions, str, type OdooRecord } from '../values.ts';
import { defineReader, readAllWithModelNames } from '../reader.ts';

export const ACCESS_RULE_FIELDS = ['name', 'active', 'model_id', 'group_id', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink'];

/** `model_id` is `[id, model description]`; the technical name comes from the models group. */
export function mapAccessRule(record: OdooRecord, modelNames: Map<number, string>): AccessRuleFact {
  const modelId = m2oId(record.model_id) ?? 0;
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    active: bool(record.active),
    modelId,
    model: modelNames.get(modelId) ?? null,
    groupId: m2oId(record.group_id),
    groupName: m2oName(record.group_id),
    ...permissions(record),
  };
}

export const accessRulesReader = defineReader({
  key: 'accessRules',
  model: 'ir.model.access',
  read: (context) => readAllWithModelNames(context, 'ir.model.access', ACCESS_RULE_FIELDS, mapAccessRule),
});
