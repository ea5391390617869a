import type { CronFact } from '../../facts/types.ts';
import { parseOdooDate } from '../support/dates.ts';
import { defineCheck, type FindingDraft } from '../types.ts';
import { parseCronFailure, type CronFailureEntry } from './cron-log.ts';
import { cronObject, describeInterval, describeOdooTime, intervalMs } from './schedule.ts';

/** Log entries older than this no longer say much about the cron's present health. */
export const LOG_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = 30 * 60_000;

/**
 * Whether the newest logged failure belongs to the cron's latest run. Odoo sets `lastcall` to the
 * start of the run up to 17.0 (the failure is logged after it) and to its end from 18.0 (just before
 * it), so a failure logged after `lastcall` minus half a period (at most 30 minutes) is the latest run's.
 */
function latestRunFailed(cron: CronFact, newestFailure: Date | null): boolean {
  const lastcall = parseOdooDate(cron.lastcall);
  if (!lastcall || !newestFailure) return false;
  const tolerance = Math.min((intervalMs(cron) ?? HALF_HOUR_MS * 2) / 2, HALF_HOUR_MS);
  return newestFailure.getTime() >= lastcall.getTime() - tolerance;
}

export const cronErrorsInLog = defineCheck({
  id: 'cron_health.cron-errors-in-log',
  dimension: 'cron_health',
  severity: 'medium',
  title: 'Cron failures in the server log',
  rationale:
    'Before Odoo 18.0 a cron keeps no failure counter: a job that fails on every run looks perfectly normal in the list of scheduled actions, and the only trace is the traceback in the server log. When the database log (ir.logging) holds those tracebacks, they show which jobs are failing, how often and with which error. From 18.0, jobs that fail now are reported by their failure counter; the log still reveals jobs that fail intermittently.',
  remediation:
    'Open the logged traceback (Settings > Technical > Logging, or the server log) and fix the cause of the error, then run the cron manually to confirm it succeeds. If the job is obsolete, archive it instead of letting it fail.',
  effortHours: 2,
  references: [
    'https://github.com/odoo/odoo/blob/17.0/odoo/addons/base/models/ir_cron.py',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_cron.py',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
  ],
  requires: ['crons', 'logs'],
  evaluate({ crons, logs }, { now }) {
    const since = now.getTime() - LOG_WINDOW_DAYS * DAY_MS;
    const byCron = new Map<number, CronFailureEntry[]>();
    const byName = new Map(crons.map((c) => [c.name, c]));
    for (const entry of logs.recent) {
      const failure = parseCronFailure(entry);
      if (!failure) continue;
      const at = parseOdooDate(failure.createDate);
      if (at && at.getTime() < since) continue;
      const cron = crons.find((c) => c.id === failure.cronId) ?? byName.get(failure.cronName);
      if (!cron) continue;
      byCron.set(cron.id, [...(byCron.get(cron.id) ?? []), failure]);
    }
    const findings: FindingDraft[] = [];
    for (const cron of crons) {
      const failures = byCron.get(cron.id);
      if (!failures) continue;
      // Reported by cron_health.failing-cron, which reads Odoo's own counter.
      if (cron.failureCount !== null && cron.failureCount > 0 && cron.active) continue;
      const dates = failures.map((f) => f.createDate).filter((d): d is string => d !== null).sort();
      const newest = dates.at(-1) ?? null;
      const oldest = dates[0] ?? null;
      const failedLast = cron.active && latestRunFailed(cron, parseOdooDate(newest));
      const error = failures.find((f) => f.error)?.error ?? null;
      const timeouts = failures.filter((f) => f.kind === 'timed out').length;
      const runs = `${failures.length} failed run${failures.length === 1 ? '' : 's'}`;
      const tail = failedLast ? ', including its latest run' : cron.active ? '; its latest run logged no failure' : '; it is now inactive';
      findings.push({
        object: cronObject(cron),
        severity: failedLast ? 'high' : 'medium',
        message:
          `Cron '${cron.name}' (${describeInterval(cron)}) has ${runs} logged between ${describeOdooTime(oldest)} and ${describeOdooTime(newest)}${tail}` +
          (error ? `: ${error}` : '.'),
        evidence: {
          failures: failures.length,
          timeouts,
          firstLogged: oldest,
          lastLogged: newest,
          latestRunFailed: failedLast,
          error,
          lastcall: cron.lastcall,
          logIds: failures.map((f) => f.logId).slice(0, 20),
          windowDays: LOG_WINDOW_DAYS,
        },
      });
    }
    return findings;
  },
});
