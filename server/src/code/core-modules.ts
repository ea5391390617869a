/**
 * Odoo Community's own modules and their dependencies, per series, so dependencies on Odoo modules
 * can be resolved without Odoo's source at hand. Compiled from the module lists of real Odoo
 * Community servers (data/odoo-ce-modules.json says where from); series not listed are unknown.
 */
import { readFileSync } from 'node:fs';
import type { CoreModules } from './model.ts';

interface CoreData {
  source: string;
  series: Record<string, Record<string, string[]>>;
}

let cache: CoreData | null = null;

function data(): CoreData {
  cache ??= JSON.parse(readFileSync(new URL('./data/odoo-ce-modules.json', import.meta.url), 'utf8')) as CoreData;
  return cache;
}

/** The Community modules of a series, or null when this series is not shipped. */
export function coreModulesFor(series: string): CoreModules | null {
  const graph = data().series[series];
  if (!graph) return null;
  return { series, depends: new Map(Object.entries(graph)) };
}

export function coreSeries(): string[] {
  return Object.keys(data().series);
}
