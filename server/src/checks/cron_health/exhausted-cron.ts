import { defineCheck } from '../types.ts';
import { cronObject } from './schedule.ts';

export const exhaustedCron = defineCheck({
  id: 'cron_health.exhausted-cron',
  dimension: 'cron_health',
  severity: 'info',
  title: 'Cron stopped after using up its number of calls',
  rationale:
    "Up to Odoo 17.0 a cron can be limited to a number of calls (numbercall). Each run decrements it and at 0 Odoo deactivates the cron. That is right for one-off jobs, but a recurring job given a finite count by mistake stops for good one day without any error. Odoo 18.0 removed the feature, so such crons must be reviewed before upgrading anyway.",
  remediation:
    'Decide whether the job should still run, then reset or archive it. If it should run, set its number of calls to -1 (unlimited) and reactivate it; if not, archive or delete it so it no longer looks like a stopped job.',
  effortHours: 0.25,
  references: ['https://github.com/odoo/odoo/blob/17.0/odoo/addons/base/models/ir_cron.py'],
  series: { max: '17.0' },
  requires: ['crons'],
  evaluate({ crons }) {
    return crons
      .filter((c) => c.numbercall === 0)
      .map((cron) => ({
        object: cronObject(cron),
        message: `Cron '${cron.name}' used up its number of calls (numbercall = 0)${cron.active ? '' : ' and Odoo deactivated it'}; it will not run again.`,
        evidence: { numbercall: cron.numbercall, active: cron.active, lastcall: cron.lastcall },
      }));
  },
});
