import { parseOdooDate } from '../support/dates.ts';
import { listNames } from '../support/text.ts';
import { defineCheck } from '../types.ts';
import { describeDuration, describeOdooTime, overdueCrons, runnerLooksStalled, STALLED_RUNNER_MIN_OVERDUE } from './schedule.ts';

export const cronRunnerStalled = defineCheck({
  id: 'cron_health.cron-runner-stalled',
  dimension: 'cron_health',
  severity: 'high',
  title: 'Cron runner not running',
  rationale:
    `When several active crons are overdue at the same time (here: at least ${STALLED_RUNNER_MIN_OVERDUE}), the problem is not one job but the runner: Odoo started with max_cron_threads = 0, a multi-worker deployment without a cron worker, a cron thread stuck on a lock, or a database skipped because of modules left in a "to install/upgrade/remove" state. Then nothing scheduled happens: no mail is sent, no automatic posting, no clean-up.`,
  remediation:
    'Check that the Odoo server runs cron threads (max_cron_threads > 0 in odoo.conf, or a dedicated `odoo-bin cron` process when several servers share the database) and that the server log shows crons starting; then watch the overdue crons catch up. Also make sure no module is stuck in a "to install/upgrade/remove" state, which makes the runner skip the database.',
  effortHours: 2,
  references: [
    'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
  ],
  requires: ['crons'],
  evaluate({ crons }, { now }) {
    const overdue = overdueCrons(crons, now);
    if (!runnerLooksStalled(overdue)) return [];
    const lastRun = crons
      .map((c) => c.lastcall)
      .filter((d): d is string => parseOdooDate(d) !== null)
      .sort()
      .at(-1) ?? null;
    const oldest = overdue[0];
    const activeCount = crons.filter((c) => c.active).length;
    return [
      {
        object: { kind: 'instance', key: 'cron-runner', label: 'Cron runner' },
        message:
          `${overdue.length} of ${activeCount} active crons are overdue (${listNames(overdue.map((o) => `'${o.cron.name}'`), 5)}); ` +
          `the oldest, '${oldest.cron.name}', has been due for ${describeDuration(oldest.lateMs)}` +
          (lastRun ? ` and the most recent cron run recorded dates from ${describeOdooTime(lastRun)}.` : ' and no cron run is recorded.'),
        evidence: {
          overdue: overdue.map(({ cron, lateMs }) => ({ id: cron.id, name: cron.name, nextcall: cron.nextcall, overdueMinutes: Math.floor(lateMs / 60_000) })),
          activeCrons: activeCount,
          lastRecordedRun: lastRun,
        },
      },
    ];
  },
});
