import type { ViewFact } from '../../facts/types.ts';
import { defineCheck } from '../types.ts';
import { describeView, viewObject } from './views.ts';

/** A page built with the website editor (content, not a customisation of the software). */
function isWebsitePage(view: ViewFact): boolean {
  return view.type === 'qweb' && view.inheritId === null && /t-call\s*=\s*["']website\.layout["']/.test(view.arch ?? '');
}

export const viewWithoutXmlId = defineCheck({
  id: 'custom_code.view-without-xml-id',
  dimension: 'custom_code',
  severity: 'info',
  title: 'View made in the database (no XML id)',
  rationale:
    "A view without an XML id was created in the user interface or by code at run time, not by a module. It exists only in this database: no version control, no review, no tests, and nobody re-applies it when the view it extends changes in an upgrade, when such views are a common cause of upgrade failures (an xpath that no longer matches breaks the whole page). Listing them keeps the customisations visible (pages built with the website editor are content and are left out).",
  remediation:
    'Move lasting customisations into a custom module and delete the views no longer needed. In a module the view gets an XML id, version control and an upgrade path; re-check the remaining database views after each upgrade.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/user_interface/view_architectures.html',
    'https://www.odoo.com/documentation/18.0/developer/tutorials/server_framework_101/12_inheritance.html',
  ],
  requires: ['customViews'],
  evaluate({ customViews }) {
    return customViews
      .filter((v) => v.xmlId === null && !isWebsitePage(v))
      .map((view) => ({
        object: viewObject(view),
        message: `${describeView(view)}${view.model ? ` on ${view.model}` : ''} has no XML id: it was made in the database${view.active ? '' : ' and is archived'}.`,
        evidence: { viewId: view.id, key: view.key, type: view.type, model: view.model, inheritId: view.inheritId, active: view.active, writeDate: view.writeDate },
      }));
  },
});
