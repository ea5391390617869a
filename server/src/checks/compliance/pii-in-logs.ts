/**
 * E-mail addresses in ir.logging messages. Logs are kept longer, copied more widely and protected
 * less than the database records they come from; personal data in them escapes retention and
 * erasure. Only the recent rows collected are read.
 */
import { findEmails, maskEmail } from '../support/pii.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const piiInLogs = defineCheck({
  id: 'compliance.pii-in-logs',
  dimension: 'compliance',
  severity: 'low',
  title: 'Personal data (e-mail addresses) written to the database log',
  rationale:
    'Log lines are kept, exported and read by people and tools outside the normal access rights, and erasure requests ' +
    'never reach them. GDPR\'s data-minimisation and storage-limitation principles apply to logs too.',
  remediation:
    'Change the code that logs these messages to log record ids instead of addresses, and purge old ir.logging rows (Settings > Technical > Logging). ' +
    'Set a retention period for the database log.',
  effortHours: 1,
  references: [REF.gdprArt5, REF.owaspLoggingCheatSheet],
  requires: ['logs'],
  evaluate: ({ logs }) => {
    const rows = logs.recent
      .map((row) => ({ row, emails: [...new Set(findEmails(row.message))] }))
      .filter((x) => x.emails.length > 0);
    if (rows.length === 0) return [];
    const addresses = [...new Set(rows.flatMap((x) => x.emails))];
    const loggers = [...new Set(rows.map((x) => x.row.name))].sort();
    return [
      {
        object: { kind: 'instance', key: 'ir.logging:email-addresses', label: 'Database log' },
        message: `${rows.length} of the ${logs.recent.length} most recent log messages ${rows.length === 1 ? 'contains' : 'contain'} e-mail addresses (${addresses.length} distinct), logged by ${loggers.join(', ')}.`,
        evidence: {
          logIds: rows.map((x) => x.row.id),
          loggers,
          samples: addresses.slice(0, 5).map(maskEmail),
          distinctAddresses: addresses.length,
        },
      },
    ];
  },
});
