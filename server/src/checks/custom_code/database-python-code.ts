import { defineCheck } from '../types.ts';
import { actionEvidence, actionObject, actionProvenance, describeAction } from './actions.ts';

export const databasePythonCode = defineCheck({
  id: 'custom_code.python-code-in-database',
  dimension: 'custom_code',
  severity: 'info',
  title: 'Python code stored in the database',
  rationale:
    "Server actions, automation rules and crons can run Python written straight into the database. Such code has no version control, no tests, no code review and no upgrade path: it breaks silently when the models it uses change in an upgrade, and only someone who opens each action knows it exists. Listing it keeps this custom code in the remediation plan.",
  remediation:
    'Move the code that matters into a custom module and delete the obsolete actions. In the module, put the logic in a method the action calls, cover it with tests, and check the remaining database code against each new Odoo version.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/actions.html',
    'https://www.odoo.com/documentation/18.0/applications/studio/automated_actions.html',
  ],
  requires: ['serverActions', 'crons'],
  evaluate({ serverActions, crons }) {
    return serverActions
      .filter((a) => a.state === 'code' && a.code !== null && a.code.trim() !== '')
      .map((action) => ({ action, origin: actionProvenance(action, crons) }))
      .filter(({ origin }) => origin.provenance === 'custom')
      .map(({ action, origin }) => {
        const lines = (action.code as string).split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
        return {
          object: actionObject(action),
          message: `${describeAction(action)} runs ${lines} line${lines === 1 ? '' : 's'} of Python stored in the database (${origin.reason}).`,
          evidence: { ...actionEvidence(action), provenance: origin.provenance, why: origin.reason, codeLines: lines, writeDate: action.writeDate },
        };
      });
  },
});
