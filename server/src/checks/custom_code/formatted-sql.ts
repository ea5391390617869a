import { defineCheck } from '../types.ts';
import { findFormattedSql } from './code-rules.ts';
import { details, findingsForPattern, onLines } from './pattern-check.ts';

export const formattedSql = defineCheck({
  id: 'custom_code.formatted-sql-in-database-code',
  dimension: 'custom_code',
  severity: 'high',
  title: 'Database-stored code builds SQL by string formatting',
  rationale:
    "A query assembled with %, .format(), an f-string or + from values is an SQL injection as soon as one value comes from a user, a record or a mail, and raw SQL also bypasses access rights, record rules and the ORM cache. Odoo's security guidelines require parameters to be passed separately (`cr.execute(query, params)`) or the query built with odoo.tools.SQL.",
  remediation:
    "Pass the values as query parameters or build the query with odoo.tools.SQL instead of formatting the string. For example `env.cr.execute('UPDATE x SET a = %s WHERE id = %s', [value, record_id])`; better still, replace the raw SQL with ORM calls so access rights apply.",
  effortHours: 2,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html',
    'https://owasp.org/www-community/attacks/SQL_Injection',
  ],
  requires: ['serverActions'],
  evaluate({ serverActions }) {
    return findingsForPattern(serverActions, {
      find: findFormattedSql,
      describe: (matches) => `runs a ${details(matches)} ${onLines(matches)}`,
    });
  },
});
