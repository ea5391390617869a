import { defineCheck } from '../types.ts';
import { findTransactionControl } from './code-rules.ts';
import { details, findingsForPattern, onLines } from './pattern-check.ts';

export const transactionControl = defineCheck({
  id: 'custom_code.transaction-control-in-database-code',
  dimension: 'custom_code',
  severity: 'high',
  title: 'Database-stored code commits or rolls back the transaction',
  rationale:
    "Odoo runs each request and each cron job in one database transaction, committed at the end only if everything succeeded. A `cr.commit()` in the middle makes half-done work permanent when a later step fails (an invoice without its lines, a synchronisation counted as done), and a `cr.rollback()` silently discards the caller's changes and leaves the ORM cache out of step with the database. Odoo's guidelines forbid both outside the framework's own transaction handling.",
  remediation:
    'Remove the commit or rollback and let Odoo handle the transaction. To process many records in a cron safely, split the work into batches (the cron progress API from 18.0, or savepoints), or move the job into a module where it can be tested.',
  effortHours: 2,
  references: ['https://www.odoo.com/documentation/18.0/contributing/development/coding_guidelines.html'],
  requires: ['serverActions'],
  evaluate({ serverActions }) {
    return findingsForPattern(serverActions, {
      find: findTransactionControl,
      describe: (matches) => `calls ${details(matches)} ${onLines(matches)}`,
    });
  },
});
