import { defineCheck } from '../types.ts';
import { findSudo } from './code-rules.ts';
import { details, findingsForPattern, onLines } from './pattern-check.ts';

export const sudoInCode = defineCheck({
  id: 'custom_code.sudo-in-database-code',
  dimension: 'custom_code',
  severity: 'medium',
  title: 'Database-stored code bypasses access rights with sudo()',
  rationale:
    "Server actions, automation rules and crons run with the rights of the user who triggers them (or the cron's user). `sudo()` (or `with_user(SUPERUSER_ID)`) drops every access right and record rule for what follows, so a server action bound to a menu or a record lets any user who can run it read or change data they are not allowed to, including other companies' records. Code in the database is seldom reviewed, which is where such escalations hide.",
  remediation:
    "Remove the sudo() unless the action really must act beyond the user's rights. If it must, limit it to the single read or write that needs it, filter records explicitly (company, ownership) and restrict who can run the action (groups on the action or its menu).",
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/security.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/orm.html',
  ],
  requires: ['serverActions'],
  evaluate({ serverActions }) {
    return findingsForPattern(serverActions, {
      find: findSudo,
      describe: (matches) => `calls ${details(matches)} ${onLines(matches)}`,
    });
  },
});
