import { defineCheck } from '../types.ts';
import { isInstalled, moduleObject } from './modules.ts';

export const unknownAuthor = defineCheck({
  id: 'module_health.unknown-author',
  dimension: 'module_health',
  severity: 'low',
  title: 'Installed module without an author',
  rationale:
    "Odoo fills in \"Odoo S.A.\" when a manifest omits its author, so an empty author means the manifest set it to nothing on purpose or the module was imported with incomplete metadata. Nobody can then be asked about its bugs, its security fixes or its port to the next Odoo version, and the module's origin (and licence terms) cannot be checked.",
  remediation:
    "Find out where the module comes from and set `author` (and `website`, `license`) in its manifest, then update the apps list. If nobody knows, review its code before the next upgrade and plan to replace it.",
  effortHours: 0.5,
  references: ['https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html'],
  requires: ['modules'],
  evaluate({ modules }) {
    return modules
      .filter((m) => isInstalled(m) && !(m.author ?? '').trim())
      .map((module) => ({
        object: moduleObject(module),
        message: `Installed module '${module.name}'${module.shortdesc && module.shortdesc !== module.name ? ` (${module.shortdesc})` : ''} declares no author.`,
        evidence: { author: module.author, license: module.license, website: module.website, installedVersion: module.installedVersion },
      }));
  },
});
