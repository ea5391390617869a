/** Telling Odoo's own modules from custom and third-party ones. */
import type { ModuleFact } from '../../facts/types.ts';

/** One author of a comma/ampersand separated list that is Odoo itself ("Odoo S.A.", "Odoo SA", "Odoo", "OpenERP SA"). */
const ODOO_AUTHOR = /^(odoo|openerp)(\s+(s\.?\s?a\.?|ps))?$/i;

/** Whether Odoo is one of the module's authors (not "Odoo Community Association (OCA)"). */
export function isOdooModule(module: Pick<ModuleFact, 'author'>): boolean {
  if (!module.author) return false;
  return module.author
    .split(/[,;&/]|\band\b/i)
    .map((part) => part.trim())
    .some((part) => ODOO_AUTHOR.test(part));
}

/** The module names of a model's `modules` field ("account, sale"). */
export function splitModules(modules: string): string[] {
  return modules
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
}

/** Installed (including installed and awaiting an upgrade). */
export function isInstalled(modules: readonly ModuleFact[], name: string): boolean {
  return modules.some((m) => m.name === name && (m.state === 'installed' || m.state === 'to upgrade'));
}
