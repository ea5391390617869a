/** ir.module.module.dependency: which module depends on which, and the depended-on module's state. */
import type { ModuleDependencyFact } from '../../../facts/types.ts';
import { m2oId, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const MODULE_DEPENDENCY_FIELDS = ['name', 'module_id', 'state'];

/**
 * `module_id` is `[id, short description]`, not the technical name, so the declaring module is
 * resolved through the modules group (ir.module.module id → name). Rows whose module is unknown are dropped.
 */
export function mapModuleDependency(record: OdooRecord, moduleNames: Map<number, string>): ModuleDependencyFact | null {
  const moduleId = m2oId(record.module_id);
  const module = moduleId === null ? undefined : moduleNames.get(moduleId);
  const dependsOn = str(record.name);
  if (!module || !dependsOn) return null;
  return { module, dependsOn, state: str(record.state) ?? 'unknown' };
}

export const moduleDependenciesReader = defineReader({
  key: 'moduleDependencies',
  model: 'ir.module.module.dependency',
  read: async (context) => {
    const [rows, modules] = await Promise.all([
      context.session.searchRead('ir.module.module.dependency', [], MODULE_DEPENDENCY_FIELDS, { order: 'id' }),
      context.fact('modules'),
    ]);
    if (!modules) throw new Error('the modules could not be read, so dependencies cannot be attributed to them');
    const names = new Map(modules.map((m) => [m.id, m.name]));
    return rows.map((r) => mapModuleDependency(r, names)).filter((d): d is ModuleDependencyFact => d !== null);
  },
});
