import { defineCheck } from '../types.ts';
import { isInstalled, isOdooAuthored, moduleObject, UNSPECIFIED_LICENCES } from './modules.ts';

export const unknownLicence = defineCheck({
  id: 'module_health.unknown-licence',
  dimension: 'module_health',
  severity: 'low',
  title: 'Third-party module with an unknown licence',
  rationale:
    'The licence says whether the client may use, modify and redistribute a module, and whether modules built on it may be proprietary. A third-party module (not by Odoo S.A.) whose licence is missing, "Other proprietary" or "Other OSI approved licence" leaves those questions open: the actual terms live in a contract or a file somewhere, and must be found before the module is modified, resold or combined with others.',
  remediation:
    "Obtain the module's licence terms from its author and record them (set `license` in the manifest to the exact licence when it is one Odoo knows). Keep the licence text with the module's code.",
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/module.html',
    'https://www.odoo.com/documentation/18.0/legal/licenses.html',
  ],
  requires: ['modules'],
  evaluate({ modules }) {
    return modules
      .filter((m) => isInstalled(m) && !isOdooAuthored(m.author))
      .filter((m) => !(m.license ?? '').trim() || UNSPECIFIED_LICENCES.has((m.license ?? '').trim()))
      .map((module) => {
        const licence = (module.license ?? '').trim();
        const by = (module.author ?? '').trim() ? `by ${module.author}` : 'with no author';
        return {
          object: moduleObject(module),
          message: licence
            ? `Installed module '${module.name}' (${by}) is licensed '${licence}', which does not say which terms apply.`
            : `Installed module '${module.name}' (${by}) declares no licence.`,
          evidence: { author: module.author, license: module.license, website: module.website },
        };
      });
  },
});
