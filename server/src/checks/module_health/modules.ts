/** Module states, authorship and licences as Odoo's ir.module.module records them. */
import type { ModuleFact } from '../../facts/types.ts';

/** States in which a module's code is loaded (or about to be upgraded) and its data is in the database. */
export const INSTALLED_STATES: ReadonlySet<string> = new Set(['installed', 'to upgrade', 'to remove']);

/** States left behind by an install, upgrade or uninstall that did not complete. */
export const PENDING_STATES: ReadonlySet<string> = new Set(['to install', 'to upgrade', 'to remove']);

export function isInstalled(module: Pick<ModuleFact, 'state'>): boolean {
  return INSTALLED_STATES.has(module.state);
}

export function modulesByName(modules: readonly ModuleFact[]): Map<string, ModuleFact> {
  return new Map(modules.map((m) => [m.name, m]));
}

export function moduleObject(module: Pick<ModuleFact, 'name' | 'shortdesc'>) {
  return { kind: 'module' as const, key: module.name, label: module.shortdesc ?? module.name };
}

/**
 * Whether Odoo S.A. is (one of) the author(s). Odoo's own modules say "Odoo S.A.", "Odoo SA",
 * "Odoo PS" or just "Odoo"; localisations written with partners list them together ("Vauxoo, Odoo S.A.").
 * "Odoo Community Association (OCA)" or "Odoo House ApS" are other authors.
 */
export function isOdooAuthored(author: string | null): boolean {
  if (!author) return false;
  return author
    .split(/[,;&/]|\band\b/i)
    .map((part) => part.trim())
    .some((part) => /^odoo(?:\s+(?:s\.?\s?a\.?|ps))?$/i.test(part));
}

/** The licence values Odoo's manifest accepts (ir.module.module `license` selection). */
export const PROPRIETARY_LICENCES: ReadonlySet<string> = new Set(['OEEL-1', 'OPL-1', 'Other proprietary']);
export const COPYLEFT_LICENCES: ReadonlySet<string> = new Set([
  'GPL-2',
  'GPL-2 or any later version',
  'GPL-3',
  'GPL-3 or any later version',
  'AGPL-3',
]);
/** Values that say "some licence" without saying which. */
export const UNSPECIFIED_LICENCES: ReadonlySet<string> = new Set(['Other proprietary', 'Other OSI approved licence']);
