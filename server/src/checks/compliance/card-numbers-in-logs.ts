/**
 * Payment card numbers (PAN) in ir.logging messages. PCI DSS forbids storing a full PAN unprotected;
 * one in a log line brings the whole database, its backups and everyone who reads logs into scope.
 */
import { findCardNumbers, maskCard } from '../support/pii.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const cardNumbersInLogs = defineCheck({
  id: 'compliance.card-numbers-in-logs',
  dimension: 'compliance',
  severity: 'high',
  title: 'Payment card numbers written to the database log',
  rationale:
    'A full card number stored in clear text violates PCI DSS requirement 3 and puts the database, its backups and its ' +
    'log exports in card-data scope. Card data should only ever reach the payment provider.',
  remediation:
    'Find and fix the code or integration that logs card numbers (the logger names are in the evidence), then delete those ir.logging rows and check backups and log exports. ' +
    'Use the payment provider\'s hosted fields or tokens so card numbers never reach Odoo.',
  effortHours: 4,
  references: [REF.pciDss, REF.owaspLoggingCheatSheet],
  requires: ['logs'],
  evaluate: ({ logs }) => {
    const rows = logs.recent
      .map((row) => ({ row, cards: [...new Set(findCardNumbers(row.message))] }))
      .filter((x) => x.cards.length > 0);
    if (rows.length === 0) return [];
    const loggers = [...new Set(rows.map((x) => x.row.name))].sort();
    return [
      {
        object: { kind: 'instance', key: 'ir.logging:card-numbers', label: 'Database log' },
        message: `${rows.length} recent log message${rows.length === 1 ? ' contains' : 's contain'} what look like payment card numbers (valid checksum), logged by ${loggers.join(', ')}.`,
        evidence: {
          logIds: rows.map((x) => x.row.id),
          loggers,
          masked: [...new Set(rows.flatMap((x) => x.cards))].slice(0, 5).map(maskCard),
        },
      },
    ];
  },
});
