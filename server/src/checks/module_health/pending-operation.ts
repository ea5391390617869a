import { defineCheck } from '../types.ts';
import { moduleObject, PENDING_STATES } from './modules.ts';

const WHAT_WAS_STARTED: Record<string, string> = {
  'to install': 'an installation',
  'to upgrade': 'an upgrade',
  'to remove': 'an uninstallation',
};

export const pendingOperation = defineCheck({
  id: 'module_health.pending-operation',
  dimension: 'module_health',
  severity: 'high',
  title: 'Module stuck in a pending install, upgrade or removal',
  rationale:
    'Odoo marks modules "to install", "to upgrade" or "to remove" when such an operation is requested, and clears the mark when the operation completes. A mark that stays means the operation failed or was interrupted: the module\'s code and database no longer agree, the next restart with -u may apply changes nobody expects, and while any module carries such a mark Odoo\'s cron runner skips the database (for up to 5 hours, after which it resets the marks itself).',
  remediation:
    'Finish or cancel the operation: run the upgrade from the command line (`odoo-bin -d <db> -u <module> --stop-after-init`) and read its log, or cancel it in Apps ("Cancel Install", "Cancel Upgrade", "Cancel Uninstall"). Fix whatever error the log shows before trying again.',
  effortHours: 1,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_module.py',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
  ],
  requires: ['modules'],
  evaluate({ modules }) {
    return modules
      .filter((m) => PENDING_STATES.has(m.state))
      .map((module) => ({
        object: moduleObject(module),
        message: `Module '${module.name}' is stuck in state '${module.state}': ${WHAT_WAS_STARTED[module.state]} was started and never completed.`,
        evidence: { state: module.state, installedVersion: module.installedVersion, latestVersion: module.latestVersion },
      }));
  },
});
