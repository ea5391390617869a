import { defineCheck } from '../types.ts';

/** ir.logging is never cleaned by Odoo: past these sizes it is worth a clean-up. */
export const LARGE_LOG_ROWS = 100_000;
export const HUGE_LOG_ROWS = 1_000_000;

export const largeLogTable = defineCheck({
  id: 'performance.large-log-table',
  dimension: 'performance',
  severity: 'low',
  title: 'Large database log table',
  rationale:
    `ir.logging receives a row for every log line when the server runs with --log-db, and for every log() call in server actions and crons. Odoo never deletes those rows (no autovacuum rule covers the table), so on a busy instance it grows without bound: more than ${LARGE_LOG_ROWS.toLocaleString('en-US')} rows weigh on backups, and each insert competes with business transactions.`,
  remediation:
    'Delete old ir.logging rows and schedule that clean-up. Keep for instance 90 days, lower --log-db-level to warning or error, and remove chatty log() calls from server actions that run often.',
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_logging.py',
  ],
  requires: ['logs'],
  evaluate({ logs }) {
    if (logs.total < LARGE_LOG_ROWS) return [];
    const levels = Object.entries(logs.byLevel)
      .sort(([, a], [, b]) => b - a)
      .map(([level, n]) => `${n.toLocaleString('en-US')} ${level}`)
      .join(', ');
    return [
      {
        object: { kind: 'model', key: 'ir.logging', label: 'Database log' },
        severity: logs.total >= HUGE_LOG_ROWS ? 'medium' : undefined,
        message: `The database log (ir.logging) holds ${logs.total.toLocaleString('en-US')} rows${levels ? ` (${levels})` : ''}.`,
        evidence: { total: logs.total, byLevel: logs.byLevel },
      },
    ];
  },
});
