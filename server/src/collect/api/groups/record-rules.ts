/** ir.rule: record rules, archived (disabled) ones included. */
import type { RecordRuleFact } from '../../../facts/types.ts';
import { bool, ids, m2oId, nonEmptyStr, num, permissions, str, type OdooRecord } from '../values.ts';
import { defineReader, readAllWithModelNames } from '../reader.ts';

export const RECORD_RULE_FIELDS = [
  'name', 'active', 'model_id', 'groups', 'global', 'domain_force', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink',
];

export function mapRecordRule(record: OdooRecord, modelNames: Map<number, string>): RecordRuleFact {
  const modelId = m2oId(record.model_id) ?? 0;
  const groupIds = ids(record.groups);
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    active: bool(record.active),
    modelId,
    model: modelNames.get(modelId) ?? null,
    // `global` is computed from "no groups"; fall back to that when the field is not given.
    global: 'global' in record ? bool(record.global) : groupIds.length === 0,
    groupIds,
    domain: nonEmptyStr(record.domain_force),
    ...permissions(record),
  };
}

export const recordRulesReader = defineReader({
  key: 'recordRules',
  model: 'ir.rule',
  read: (context) => readAllWithModelNames(context, 'ir.rule', RECORD_RULE_FIELDS, mapRecordRule),
});
