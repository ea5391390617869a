/** base.automation: automation rules (only when base_automation is installed). */
import type { AutomationFact } from '../../../facts/types.ts';
import { bool, ids, m2oId, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader, readAllWithModelNames } from '../reader.ts';

export const AUTOMATION_FIELDS = ['name', 'model_id', 'trigger', 'active', 'action_server_ids', 'last_run', 'trigger_field_ids', 'filter_domain'];

export function mapAutomation(record: OdooRecord, modelNames: Map<number, string>): AutomationFact {
  const modelId = m2oId(record.model_id);
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    model: modelId === null ? null : (modelNames.get(modelId) ?? null),
    trigger: nonEmptyStr(record.trigger),
    active: bool(record.active),
    actionIds: ids(record.action_server_ids),
    lastRun: nonEmptyStr(record.last_run),
    ...('trigger_field_ids' in record ? { triggerFieldIds: ids(record.trigger_field_ids) } : {}),
    ...('filter_domain' in record ? { filterDomain: nonEmptyStr(record.filter_domain) } : {}),
  };
}

export const automationsReader = defineReader({
  key: 'automations',
  model: 'base.automation',
  read: (context) => readAllWithModelNames(context, 'base.automation', AUTOMATION_FIELDS, mapAutomation),
});
