import { parseOdooDate } from '../support/dates.ts';
import { defineCheck, type FindingDraft } from '../types.ts';
import { cronObject, describeInterval, describeOdooTime, describeTime } from './schedule.ts';

/** Odoo 18.0 ir_cron.py: MIN_FAILURE_COUNT_BEFORE_DEACTIVATION and MIN_DELTA_BEFORE_DEACTIVATION. */
export const DEACTIVATION_MIN_FAILURES = 5;
export const DEACTIVATION_MIN_DAYS = 7;
const DAY_MS = 86_400_000;

/** When Odoo will switch the cron off if it keeps failing, in words. */
function deactivationOutlook(failureCount: number, firstFailure: Date | null, now: Date): { text: string; notBefore: string | null } {
  if (!firstFailure) {
    return { text: `Odoo deactivates a cron after ${DEACTIVATION_MIN_FAILURES} consecutive failures spanning ${DEACTIVATION_MIN_DAYS} days`, notBefore: null };
  }
  const notBefore = new Date(firstFailure.getTime() + DEACTIVATION_MIN_DAYS * DAY_MS);
  const nextCountReached = failureCount + 1 >= DEACTIVATION_MIN_FAILURES;
  const timeReached = now.getTime() > notBefore.getTime();
  let text: string;
  if (nextCountReached && timeReached) text = 'Odoo will deactivate it at its next failure';
  else if (timeReached) text = `Odoo will deactivate it after ${DEACTIVATION_MIN_FAILURES - failureCount} more consecutive failures`;
  else text = `Odoo will deactivate it if it still fails after ${describeTime(notBefore)}`;
  return { text, notBefore: notBefore.toISOString() };
}

export const failingCron = defineCheck({
  id: 'cron_health.failing-cron',
  dimension: 'cron_health',
  severity: 'high',
  title: 'Cron failing repeatedly',
  rationale:
    'A scheduled action whose every run fails silently stops doing its job (synchronisations, reminders, invoicing, clean-ups), and nobody is told: the error only goes to the server log. From Odoo 18.0 the failure counter also has a deadline: once a cron has failed at least 5 times in a row over at least 7 days, Odoo deactivates it, so the job stops even after the underlying problem is fixed.',
  remediation:
    'Read the traceback of the last failure in the server log (or Settings > Technical > Logging) and fix its cause, then run the cron once manually to confirm it succeeds. A successful run resets the failure counter; if Odoo already deactivated the cron, reactivate it after the fix.',
  effortHours: 2,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/actions.html',
  ],
  series: { min: '18.0' },
  requires: ['crons'],
  evaluate({ crons }, { now }) {
    const findings: FindingDraft[] = [];
    for (const cron of crons) {
      if (!cron.active || cron.failureCount === null || cron.failureCount <= 0) continue;
      const firstFailure = parseOdooDate(cron.firstFailureDate);
      const outlook = deactivationOutlook(cron.failureCount, firstFailure, now);
      const since = cron.firstFailureDate ? ` since ${describeOdooTime(cron.firstFailureDate)}` : '';
      findings.push({
        object: cronObject(cron),
        message: `Cron '${cron.name}' (${describeInterval(cron)}) failed ${cron.failureCount} time${cron.failureCount === 1 ? '' : 's'} in a row${since}; ${outlook.text}.`,
        evidence: {
          failureCount: cron.failureCount,
          firstFailureDate: cron.firstFailureDate,
          deactivationNotBefore: outlook.notBefore,
          lastcall: cron.lastcall,
          nextcall: cron.nextcall,
          interval: describeInterval(cron),
          user: cron.userName,
          serverActionId: cron.serverActionId,
        },
      });
    }
    return findings;
  },
});
