/** ir.actions.server: Python code actions (what custom-code and permission checks look into). */
import type { ServerActionFact } from '../../../facts/types.ts';
import { m2oId, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader, modelNamesById } from '../reader.ts';

export const SERVER_ACTION_FIELDS = [
  'name', 'state', 'code', 'model_id', 'model_name', 'usage', 'binding_model_id', 'base_automation_id', 'write_date', 'xml_id',
];

export function mapServerAction(record: OdooRecord, modelNames: Map<number, string>): ServerActionFact {
  const modelId = m2oId(record.model_id);
  const bindingModelId = m2oId(record.binding_model_id);
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    model: nonEmptyStr(record.model_name) ?? (modelId === null ? null : (modelNames.get(modelId) ?? null)),
    state: str(record.state) ?? '',
    code: nonEmptyStr(record.code),
    usage: nonEmptyStr(record.usage),
    // binding_model_id is `[id, model description]`: the technical name comes from the models group.
    bindingModel: bindingModelId === null ? null : (modelNames.get(bindingModelId) ?? null),
    automationId: m2oId(record.base_automation_id),
    writeDate: nonEmptyStr(record.write_date),
    // xml_id is computed; left out (undefined) when the server did not give it
    ...('xml_id' in record ? { xmlId: nonEmptyStr(record.xml_id) } : {}),
  };
}

export const serverActionsReader = defineReader({
  key: 'serverActions',
  model: 'ir.actions.server',
  read: async (context) => {
    const [rows, modelNames] = await Promise.all([
      context.session.searchRead('ir.actions.server', [['state', '=', 'code']], SERVER_ACTION_FIELDS, { order: 'id' }),
      modelNamesById(context),
    ]);
    return rows.map((r) => mapServerAction(r, modelNames));
  },
});
