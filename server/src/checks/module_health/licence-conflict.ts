import { defineCheck, type FindingDraft } from '../types.ts';
import { COPYLEFT_LICENCES, isInstalled, moduleObject, modulesByName, PROPRIETARY_LICENCES } from './modules.ts';

export const licenceConflict = defineCheck({
  id: 'module_health.licence-conflict',
  dimension: 'module_health',
  severity: 'medium',
  title: 'Proprietary module built on a GPL/AGPL module',
  rationale:
    "An Odoo module that depends on another imports its Python classes and extends them: the two form one combined program. When the dependency is under the GPL or AGPL (many community modules are AGPL-3), the combination may only be distributed under those copyleft terms, which a proprietary licence (OPL-1, OEEL-1, \"Other proprietary\") forbids. LGPL dependencies, like Odoo Community itself, do not raise this problem.",
  remediation:
    "Have the module's licensing reviewed: relicense the proprietary module under a GPL-compatible licence, obtain the dependency under other terms from its authors, or replace the dependency with one under LGPL. Until then, do not distribute the combination.",
  effortHours: 2,
  references: [
    'https://www.odoo.com/documentation/18.0/legal/licenses.html',
    'https://www.gnu.org/licenses/gpl-faq.html#GPLPlugins',
    'https://www.gnu.org/licenses/gpl-faq.html#GPLStaticVsDynamic',
  ],
  requires: ['modules', 'moduleDependencies'],
  evaluate({ modules, moduleDependencies }) {
    const byName = modulesByName(modules);
    const conflicts = new Map<string, { name: string; license: string }[]>();
    for (const dep of moduleDependencies) {
      const module = byName.get(dep.module);
      const dependency = byName.get(dep.dependsOn);
      if (!module || !dependency || !isInstalled(module) || !isInstalled(dependency)) continue;
      if (!PROPRIETARY_LICENCES.has(module.license ?? '') || !COPYLEFT_LICENCES.has(dependency.license ?? '')) continue;
      conflicts.set(module.name, [...(conflicts.get(module.name) ?? []), { name: dependency.name, license: dependency.license as string }]);
    }
    const findings: FindingDraft[] = [];
    for (const [name, deps] of [...conflicts].sort(([a], [b]) => a.localeCompare(b))) {
      const module = byName.get(name);
      if (!module) continue;
      findings.push({
        object: moduleObject(module),
        message: `Module '${name}' is licensed ${module.license} but depends on ${deps.map((d) => `'${d.name}' (${d.license})`).join(', ')}.`,
        evidence: { license: module.license, author: module.author, copyleftDependencies: deps },
      });
    }
    return findings;
  },
});
