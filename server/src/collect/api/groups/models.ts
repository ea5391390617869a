/** ir.model: every model, with the modules that define it. */
import type { ModelFact } from '../../../facts/types.ts';
import { bool, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const MODEL_FIELDS = ['model', 'name', 'transient', 'state', 'modules'];

export function mapModel(record: OdooRecord): ModelFact {
  return {
    id: num(record.id) ?? 0,
    model: str(record.model) ?? '',
    name: str(record.name) ?? '',
    transient: bool(record.transient),
    state: str(record.state) ?? 'base',
    modules: str(record.modules) ?? '',
  };
}

export const modelsReader = defineReader({
  key: 'models',
  model: 'ir.model',
  read: async ({ session }) => (await session.searchRead('ir.model', [], MODEL_FIELDS, { order: 'model' })).map(mapModel),
});
