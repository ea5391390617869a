import { defineCheck } from '../types.ts';
import { cronObject, describeDuration, describeInterval, describeOdooTime, overdueCrons, overdueToleranceMs, runnerLooksStalled } from './schedule.ts';

export const overdueCron = defineCheck({
  id: 'cron_health.overdue-cron',
  dimension: 'cron_health',
  severity: 'medium',
  title: 'Cron overdue',
  rationale:
    "Odoo's cron runner checks every minute for active crons whose next execution date has passed and runs them. An active cron whose next execution date lies well in the past (more than one period, at least an hour and at most a day) did not run: it may be blocked behind a long job, locked by a stuck transaction, or its date may have been edited by hand. Whatever it does (sending mail, posting entries, synchronising) is not happening.",
  remediation:
    'Find out why the cron does not start: look for a long-running or stuck job in the server log and for locks on its ir_cron row, then run it once manually and check that its next execution date moves forward. When several crons are overdue at once, check the cron runner itself (see cron_health.cron-runner-stalled).',
  effortHours: 1,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/actions.html',
  ],
  requires: ['crons'],
  evaluate({ crons }, { now }) {
    const overdue = overdueCrons(crons, now);
    // A stopped runner is one problem, reported once by cron_health.cron-runner-stalled.
    if (runnerLooksStalled(overdue)) return [];
    return overdue.map(({ cron, lateMs }) => ({
      object: cronObject(cron),
      message: `Cron '${cron.name}' (${describeInterval(cron)}) was due at ${describeOdooTime(cron.nextcall)} and is ${describeDuration(lateMs)} overdue.`,
      evidence: {
        nextcall: cron.nextcall,
        lastcall: cron.lastcall,
        overdueMinutes: Math.floor(lateMs / 60_000),
        toleranceMinutes: overdueToleranceMs(cron) / 60_000,
        interval: describeInterval(cron),
      },
    }));
  },
});
