import { defineCheck } from '../types.ts';

/** Triggers base_automation evaluates from its cron, not on record events. */
const TIMED_TRIGGERS: ReadonlySet<string> = new Set(['on_time', 'on_time_created', 'on_time_updated']);
/** The code of base_automation's cron ("Automation Rules: check and execute"). */
const AUTOMATION_CRON_RE = /^\s*model\._check\(\s*True\s*\)\s*$/;

export const timedAutomationsWithoutCron = defineCheck({
  id: 'configuration.timed-automations-without-cron',
  dimension: 'configuration',
  severity: 'medium',
  title: 'Time-based automation rules never run',
  rationale:
    'Automation rules triggered on a date ("based on date field", after creation or update) are not run by record events but by the "Automation Rules: check and execute" cron. Odoo activates that cron when such a rule is saved; if it was deactivated since (by hand or on a copied database), the reminders, escalations and follow-ups these rules implement silently stop.',
  remediation:
    "Reactivate the \"Automation Rules: check and execute\" scheduled action. It is under Settings > Technical > Scheduled Actions (archived filter); check after its next run that the rules' last run date moves.",
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/studio/automated_actions.html',
    'https://github.com/odoo/odoo/blob/18.0/addons/base_automation/models/base_automation.py',
  ],
  requires: ['automations', 'crons'],
  evaluate({ automations, crons }) {
    const timed = automations.filter((a) => a.active && a.trigger !== null && TIMED_TRIGGERS.has(a.trigger));
    if (timed.length === 0) return [];
    const runners = crons.filter((c) => c.code !== null && AUTOMATION_CRON_RE.test(c.code) && (c.model === null || c.model === 'base.automation'));
    if (runners.some((c) => c.active)) return [];
    const state = runners.length === 0 ? 'is missing' : 'is deactivated';
    return timed.map((automation) => ({
      object: { kind: 'automation' as const, key: String(automation.id), label: automation.name },
      message: `Automation rule '${automation.name}' (${automation.trigger} on ${automation.model ?? 'an unknown model'}) never runs: the cron that evaluates time-based rules ${state}.`,
      evidence: {
        trigger: automation.trigger,
        model: automation.model,
        lastRun: automation.lastRun,
        automationCron: runners.map((c) => ({ id: c.id, name: c.name, active: c.active })),
      },
    }));
  },
});
