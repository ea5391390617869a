import { defineCheck } from '../types.ts';

/**
 * Levels as the server's database log handler writes them (logging.getLevelName: upper case). The
 * log() helper of server actions writes the level it is given, 'info' by default, in lower case, so
 * upper-case INFO and DEBUG rows come from the server logging to the database below warning.
 */
const VERBOSE_LEVELS = ['INFO', 'DEBUG'];

/** A server at log_db_level info writes a row per HTTP request: this many is not a few test lines. */
export const VERBOSE_ROWS_THRESHOLD = 1000;

export const verboseDatabaseLogging = defineCheck({
  id: 'performance.verbose-database-logging',
  dimension: 'performance',
  severity: 'medium',
  title: 'Server logs INFO/DEBUG lines into the database',
  rationale:
    'With --log-db, Odoo inserts server log lines into ir.logging from --log-db-level upwards (warning by default). At info or debug level every HTTP request, every cron start and, at debug, every SQL query becomes an INSERT into the production database: the table grows by the hour, and each request waits on extra writes that compete with business transactions.',
  remediation:
    'Set log_db_level (--log-db-level) back to warning or error and restart the server. Then delete the INFO/DEBUG rows already in ir.logging, and keep verbose logs in log files rather than in the database.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/netsvc.py',
  ],
  requires: ['logs'],
  evaluate({ logs }) {
    const verbose = VERBOSE_LEVELS.map((level) => [level, logs.byLevel[level] ?? 0] as const).filter(([, n]) => n > 0);
    const rows = verbose.reduce((sum, [, n]) => sum + n, 0);
    if (rows < VERBOSE_ROWS_THRESHOLD) return [];
    return [
      {
        object: { kind: 'model', key: 'ir.logging:verbose', label: 'Database log level' },
        message: `The database log holds ${verbose.map(([level, n]) => `${n.toLocaleString('en-US')} ${level}`).join(' and ')} rows from the server: it logs below warning level into the database.`,
        evidence: { byLevel: logs.byLevel, verboseRows: rows, total: logs.total },
      },
    ];
  },
});
