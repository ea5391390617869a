/**
 * Custom modules on an Odoo double: the recorded databases run only Odoo's own modules, so tests of
 * `scan --addons` add the ones they need (e.g. test/fixtures/addons/pulse_demo_bad installed) to the
 * double's ir.module.module records, shaped like the recorded ones.
 */
import type { OdooDouble } from './odoo-double/index.ts';

export interface CustomModule {
  name: string;
  /** installed | uninstalled | to upgrade | … */
  state: string;
  author?: string;
}

/** Adds (or replaces) modules in the double's module list; returns a function that removes them again. */
export function addModules(odoo: OdooDouble, modules: readonly CustomModule[]): () => void {
  const records = odoo.data['ir.module.module'];
  const template = records.find((r) => r.name === 'base');
  if (!template) throw new Error('the double has no base module record to copy');
  const names = new Set(modules.map((m) => m.name));
  const kept = records.filter((r) => !names.has(String(r.name)));
  let id = Math.max(...records.map((r) => Number(r.id))) + 1;
  const added = modules.map((m) => ({
    ...template,
    id: id++,
    name: m.name,
    shortdesc: m.name,
    summary: false,
    author: m.author ?? 'Acme Integrations',
    website: false,
    license: 'LGPL-3',
    state: m.state,
    application: false,
    auto_install: false,
    category_id: false,
    dependencies_id: [],
    latest_version: m.state === 'uninstalled' ? false : `${odoo.series}.1.0.0`,
    installed_version: `${odoo.series}.1.0.0`,
    imported: false,
  }));
  records.splice(0, records.length, ...kept, ...added);
  return () => {
    const rest = records.filter((r) => !names.has(String(r.name)));
    records.splice(0, records.length, ...rest);
  };
}
