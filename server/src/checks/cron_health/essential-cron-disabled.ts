import { defineCheck, type FindingDraft } from '../types.ts';
import { cronsCalling, ESSENTIAL_CRONS } from './system-crons.ts';
import { cronObject } from './schedule.ts';

export const essentialCronDisabled = defineCheck({
  id: 'cron_health.essential-cron-disabled',
  dimension: 'cron_health',
  severity: 'high',
  title: 'Essential system cron disabled',
  rationale:
    "A few of Odoo's own scheduled actions keep the database working: the auto-vacuum runs every @api.autovacuum clean-up (transient records, bus notifications, files of deleted attachments), and the e-mail queue manager sends queued outgoing mail. Deactivating them is sometimes done to silence an error or on a copied database, then forgotten; the damage is slow and silent.",
  remediation:
    'Reactivate the cron in Settings > Technical > Scheduled Actions (archived filter) and run it once manually to check it succeeds. If it was disabled because it failed, fix that failure instead of leaving it off.',
  effortHours: 0.5,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_autovacuum.py',
    'https://github.com/odoo/odoo/blob/18.0/addons/mail/data/ir_cron_data.xml',
  ],
  requires: ['crons'],
  evaluate({ crons }) {
    const findings: FindingDraft[] = [];
    for (const essential of ESSENTIAL_CRONS) {
      const matching = cronsCalling(crons, essential.method);
      if (matching.length === 0) {
        if (essential.alwaysPresent) {
          findings.push({
            object: { kind: 'cron', key: essential.xmlId, label: essential.name },
            severity: essential.severity,
            message: `No cron calls ${essential.methodName}() any more ('${essential.name}' was deleted): ${essential.consequence}.`,
            evidence: { expected: essential.name, xmlId: essential.xmlId },
          });
        }
        continue;
      }
      if (matching.some((c) => c.active)) continue;
      for (const cron of matching) {
        findings.push({
          object: cronObject(cron),
          severity: essential.severity,
          message: `Essential cron '${cron.name}' is deactivated: ${essential.consequence}.`,
          evidence: { code: cron.code, lastcall: cron.lastcall, expected: essential.name },
        });
      }
    }
    return findings;
  },
});
