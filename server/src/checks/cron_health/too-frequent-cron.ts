import { defineCheck } from '../types.ts';
import { cronObject, describeInterval, intervalMs } from './schedule.ts';

/** Odoo's own crons run at most every 5 minutes, and Odoo.sh does not run any cron more often. */
export const MIN_REASONABLE_INTERVAL_MINUTES = 5;

export const tooFrequentCron = defineCheck({
  id: 'cron_health.too-frequent-cron',
  dimension: 'cron_health',
  severity: 'low',
  title: 'Cron runs more often than every 5 minutes',
  rationale:
    "Every cron run opens a transaction, loads the job's user environment and holds a cron thread. A job scheduled every minute or two occupies the runner constantly, delays the other crons behind it and multiplies any error it raises (1,440 failing runs a day for a per-minute job). None of Odoo's own crons runs more often than every 5 minutes, and Odoo.sh does not run any cron more often than that.",
  remediation:
    "Raise the cron's interval to 5 minutes or more. For work that must react quickly, trigger the cron from the code that creates the work (`cron._trigger()`) instead of polling.",
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/administration/odoo_sh/advanced/frequent_technical_questions.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/backend/actions.html',
  ],
  requires: ['crons'],
  evaluate({ crons }) {
    const limit = MIN_REASONABLE_INTERVAL_MINUTES * 60_000;
    return crons
      .filter((c) => c.active)
      .filter((c) => {
        const period = intervalMs(c);
        return period !== null && period < limit;
      })
      .map((cron) => {
        const runsPerDay = Math.round(86_400_000 / (intervalMs(cron) as number));
        return {
          object: cronObject(cron),
          message: `Cron '${cron.name}' runs ${describeInterval(cron)}, ${runsPerDay.toLocaleString('en-US')} runs a day.`,
          evidence: { intervalNumber: cron.intervalNumber, intervalType: cron.intervalType, runsPerDay },
        };
      });
  },
});
