import { defineCheck, type FindingDraft } from '../types.ts';
import { findUnescapedOutput } from './qweb-rules.ts';
import { describeView, viewObject } from './views.ts';

export const unescapedQwebOutput = defineCheck({
  id: 'custom_code.unescaped-output-in-custom-view',
  dimension: 'custom_code',
  severity: 'medium',
  title: 'Custom QWeb view prints values without escaping',
  rationale:
    "QWeb escapes every value printed with t-out, t-esc or t-field, which is what protects pages, reports and e-mails from cross-site scripting. `t-raw` (deprecated since Odoo 15.0) and values wrapped in Markup() are printed as HTML as they are: when they come from a record a portal user, a website visitor or an incoming e-mail can fill, they can inject scripts into the pages of other users, administrators included. Views made in the database are seldom reviewed for this.",
  remediation:
    'Print the value with t-out (or t-field) without t-raw or Markup() so QWeb escapes it. When HTML must be rendered, render a field declared as Html, which the ORM sanitises, instead of building markup from raw values.',
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/frontend/qweb.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html',
  ],
  requires: ['customViews'],
  evaluate({ customViews }) {
    const findings: FindingDraft[] = [];
    for (const view of customViews) {
      if (!view.arch) continue;
      const matches = findUnescapedOutput(view.arch);
      if (matches.length === 0) continue;
      findings.push({
        object: { ...viewObject(view), line: matches[0].line, column: matches[0].column },
        severity: view.active ? undefined : 'low',
        message: `${describeView(view)} prints unescaped output: ${matches.map((m) => m.detail).join(', ')}${view.active ? '' : ' (the view is archived)'}.`,
        evidence: { viewId: view.id, key: view.key, active: view.active, matches },
      });
    }
    return findings;
  },
});
