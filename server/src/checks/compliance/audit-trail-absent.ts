/**
 * Odoo's chatter tracks only the fields each model marks as tracked, and nothing of reads, deletions
 * or configuration changes. Demonstrating who changed what (GDPR accountability, SOX-style controls)
 * needs an audit-log module, such as OCA's auditlog.
 */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** Installed module names that provide an audit log (OCA auditlog, account_audit_trail, vendor audit modules). */
const AUDIT_MODULE = /audit/i;

export const auditTrailAbsent = defineCheck({
  id: 'compliance.audit-trail-absent',
  dimension: 'compliance',
  severity: 'low',
  title: 'No audit log of changes to sensitive data',
  rationale:
    'GDPR\'s accountability principle (art. 5(2)) and security of processing (art. 32) expect an organisation to show ' +
    'who accessed or changed personal data and settings. Odoo\'s chatter only records selected fields of some models; ' +
    'deletions, access-right changes and most configuration are not traced.',
  remediation:
    'Install an audit-log module (such as OCA auditlog from OCA/server-tools) and configure rules for users, access rights, partners and accounting records. ' +
    'Keep the log\'s retention in line with your policy.',
  effortHours: 4,
  references: [REF.gdprArt5, REF.gdprArt30, REF.owaspLoggingFailures, 'https://github.com/OCA/server-tools'],
  requires: ['modules'],
  evaluate: ({ modules }) => {
    const audit = modules.filter((m) => m.state === 'installed' && AUDIT_MODULE.test(m.name));
    if (audit.length > 0) return [];
    return [
      {
        object: { kind: 'instance', key: 'audit-trail', label: 'Audit trail' },
        message: 'No audit-log module is installed: changes to users, access rights and records are traced only where a model tracks a field in its chatter.',
        evidence: { auditModules: [] },
      },
    ];
  },
});
