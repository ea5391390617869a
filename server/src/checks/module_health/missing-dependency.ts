import { defineCheck, type FindingDraft } from '../types.ts';
import type { ModuleFact } from '../../facts/types.ts';
import { moduleObject, modulesByName } from './modules.ts';

/** Dependency states that leave the depending module without the code it builds on. */
const ABSENT_STATES: ReadonlySet<string> = new Set(['uninstalled', 'uninstallable', 'unknown', 'to remove']);

export const missingDependency = defineCheck({
  id: 'module_health.missing-dependency',
  dimension: 'module_health',
  severity: 'high',
  title: 'Installed module depends on a module that is not installed',
  rationale:
    "An Odoo module extends the models, views and data of the modules it depends on. When an installed module's dependency is not installed (or is no longer known to the server, or is being removed), the registry cannot load the module consistently: Odoo logs \"Some modules are not loaded\" at start-up, its views and fields may be missing, and the next upgrade can fail half-way.",
  remediation:
    'Install the missing dependency (or put its code back in the addons path and update the apps list), or uninstall the module that needs it if it is no longer used. Then restart with `-u <module>` and check the log is free of loading errors.',
  effortHours: 2,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/modules/loading.py',
  ],
  requires: ['modules', 'moduleDependencies'],
  evaluate({ modules, moduleDependencies }) {
    const byName = modulesByName(modules);
    const missingByModule = new Map<string, { name: string; state: string }[]>();
    for (const dep of moduleDependencies) {
      const module = byName.get(dep.module);
      if (!module || (module.state !== 'installed' && module.state !== 'to upgrade')) continue;
      // The module list is the fresher source; the dependency row's state is Odoo's own lookup of it.
      const state = byName.get(dep.dependsOn)?.state ?? dep.state;
      if (!ABSENT_STATES.has(state)) continue;
      missingByModule.set(module.name, [...(missingByModule.get(module.name) ?? []), { name: dep.dependsOn, state }]);
    }
    const findings: FindingDraft[] = [];
    for (const [name, missing] of [...missingByModule].sort(([a], [b]) => a.localeCompare(b))) {
      const module = byName.get(name) as ModuleFact;
      const list = missing.map((d) => `'${d.name}' (${d.state === 'unknown' ? 'unknown to the server' : d.state})`).join(', ');
      findings.push({
        object: moduleObject(module),
        message: `Installed module '${name}' depends on ${list}.`,
        evidence: { moduleState: module.state, missing },
      });
    }
    return findings;
  },
});
