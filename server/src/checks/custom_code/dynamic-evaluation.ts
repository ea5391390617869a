import { defineCheck } from '../types.ts';
import { findDynamicEvaluation } from './code-rules.ts';
import { details, findingsForPattern, onLines } from './pattern-check.ts';

export const dynamicEvaluation = defineCheck({
  id: 'custom_code.dynamic-evaluation-in-database-code',
  dimension: 'custom_code',
  severity: 'high',
  title: 'Database-stored code evaluates code at run time',
  rationale:
    'Code that builds more code from data and runs it with eval(), exec() or safe_eval() executes whatever that data contains: a value an attacker or a careless user can edit (a field, a system parameter, a mail) becomes code running on the server. safe_eval limits the damage but still runs arbitrary expressions with the context it is given. It also makes the logic impossible to review or test.',
  remediation:
    'Replace the evaluated code with explicit logic. A mapping of allowed operations or ast.literal_eval for plain data usually does; if an expression truly must be evaluated, use safe_eval with a minimal context on values only administrators can edit.',
  effortHours: 2,
  references: [
    'https://www.odoo.com/documentation/18.0/contributing/development/coding_guidelines.html',
    'https://owasp.org/www-community/attacks/Code_Injection',
  ],
  requires: ['serverActions'],
  evaluate({ serverActions }) {
    return findingsForPattern(serverActions, {
      find: findDynamicEvaluation,
      describe: (matches) => `calls ${details(matches)} ${onLines(matches)}`,
    });
  },
});
