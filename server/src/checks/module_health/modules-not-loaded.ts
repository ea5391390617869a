import { parseOdooDate } from '../support/dates.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

/** odoo/modules/loading.py, logged at every start while installed modules cannot be loaded. */
const NOT_LOADED_RE = /Some modules are not loaded, some dependencies or manifest may be missing: \[([^\]]*)\]/;

function moduleNames(list: string): string[] {
  return [...list.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

export const modulesNotLoaded = defineCheck({
  id: 'module_health.modules-not-loaded',
  dimension: 'module_health',
  severity: 'high',
  title: 'Installed modules not loaded at start-up',
  rationale:
    'When a module is installed in the database but its code is missing from the addons path, its manifest is broken or one of its dependencies cannot be loaded, Odoo starts anyway, skips it and logs "Some modules are not loaded, some dependencies or manifest may be missing". The module still reads "installed", but its models, fields and views are gone from the running server: records it manages break, and crons or server actions that use it fail.',
  remediation:
    "Restore the module's code in the addons path at the version the database expects, or fix its manifest and dependencies. Then restart and check that the message is gone; if the module is no longer wanted, uninstall it properly instead of deleting its code.",
  effortHours: 2,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/modules/loading.py',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
  ],
  requires: ['logs'],
  evaluate({ logs }) {
    // Each start logs the complete list, so the most recent message is the current state.
    const latest = logs.recent
      .filter((e) => NOT_LOADED_RE.test(e.message))
      .sort((a, b) => (parseOdooDate(b.createDate)?.getTime() ?? 0) - (parseOdooDate(a.createDate)?.getTime() ?? 0) || b.id - a.id)[0];
    if (!latest) return [];
    const names = moduleNames(NOT_LOADED_RE.exec(latest.message)?.[1] ?? '');
    const findings: FindingDraft[] = names.map((name) => ({
      object: { kind: 'module', key: name, label: name },
      message: `Module '${name}' is installed but Odoo did not load it at start-up (${latest.createDate ?? 'date unknown'} UTC): its code, manifest or a dependency is missing.`,
      evidence: { logId: latest.id, loggedAt: latest.createDate, notLoaded: names },
    }));
    return findings;
  },
});
