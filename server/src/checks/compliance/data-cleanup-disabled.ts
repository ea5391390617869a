/**
 * The "Base: Auto-vacuum internal data" scheduled action runs every `@api.autovacuum` clean-up:
 * expired sessions' data, old login records (res.users.log), old notifications, expired API keys,
 * overdue activities... Disabled, personal and security data accumulate without limit.
 */
import { odooSource, REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

function isAutovacuum(cron: { model: string | null; code: string | null }): boolean {
  return cron.model === 'ir.autovacuum' || (cron.code ?? '').includes('_run_vacuum_cleaner');
}

export const dataCleanupDisabled = defineCheck({
  id: 'compliance.data-cleanup-disabled',
  dimension: 'compliance',
  severity: 'low',
  title: 'Automatic data clean-up (auto-vacuum) not running',
  rationale:
    'Odoo enforces its own retention limits in one scheduled action: login records, old notifications, expired API ' +
    'keys, overdue activities and other internal data are deleted by it. Without it nothing expires, against GDPR\'s ' +
    'storage-limitation principle, and expired credentials linger.',
  remediation:
    'Reactivate "Base: Auto-vacuum internal data" in Settings > Technical > Scheduled Actions (daily). ' +
    'If it was disabled because it failed, read its error in the server log and fix that instead.',
  effortHours: 0.5,
  references: [REF.gdprArt5, odooSource('odoo/addons/base/models/ir_autovacuum.py')],
  requires: ['crons'],
  evaluate: ({ crons }) => {
    if (crons.length === 0) return [];
    const vacuum = crons.filter(isAutovacuum);
    if (vacuum.length === 0) {
      return [
        {
          object: { kind: 'cron', key: 'autovacuum', label: 'Base: Auto-vacuum internal data' },
          message: 'The auto-vacuum scheduled action is missing, so Odoo\'s automatic clean-ups never run.',
          evidence: { found: false },
        },
      ];
    }
    if (vacuum.some((c) => c.active)) return [];
    const cron = vacuum[0];
    return [
      {
        object: { kind: 'cron', key: 'autovacuum', label: cron.name },
        message: `The scheduled action "${cron.name}" is disabled${cron.lastcall ? ` (last run ${cron.lastcall})` : ''}, so Odoo's automatic clean-ups never run.`,
        evidence: { id: cron.id, active: false, lastcall: cron.lastcall },
      },
    ];
  },
});
