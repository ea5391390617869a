/**
 * When a cron should run, and how late it is. Odoo's cron runner polls every minute and runs every
 * active cron whose `nextcall` has passed, so a cron whose `nextcall` lies well in the past did not run.
 */
import type { CronFact } from '../../facts/types.ts';
import { parseOdooDate } from '../support/dates.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const UNIT_MS: Record<string, number> = {
  minutes: MINUTE_MS,
  hours: HOUR_MS,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
  // Calendar months vary; 30 days is close enough to judge lateness.
  months: 30 * DAY_MS,
};

/** The cron's period in milliseconds, or null when it has none ("never", unknown unit, bad number). */
export function intervalMs(cron: Pick<CronFact, 'intervalNumber' | 'intervalType'>): number | null {
  const unit = UNIT_MS[cron.intervalType];
  if (unit === undefined || !(cron.intervalNumber > 0)) return null;
  return unit * cron.intervalNumber;
}

/** "every minute", "every 5 minutes", "every day"… */
export function describeInterval(cron: Pick<CronFact, 'intervalNumber' | 'intervalType'>): string {
  if (UNIT_MS[cron.intervalType] === undefined) return `with interval type '${cron.intervalType}'`;
  const singular = cron.intervalType.replace(/s$/, '');
  return cron.intervalNumber === 1 ? `every ${singular}` : `every ${cron.intervalNumber} ${cron.intervalType}`;
}

/** "45 seconds", "26 minutes", "5 hours", "1054 days". */
export function describeDuration(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < MINUTE_MS) return plural(Math.floor(ms / 1000), 'second');
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 2 * DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** "2026-12-04 19:27 UTC" from an Odoo UTC datetime string. */
export function describeOdooTime(value: string | null): string {
  return value ? `${value.slice(0, 16)} UTC` : 'an unknown time';
}

/** "2026-12-04 19:27 UTC" from a Date. */
export function describeTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * How late a cron may be before it counts as overdue: one period, at least an hour (the runner can be
 * busy with long jobs) and at most a day (a daily cron a day late has missed a whole run).
 */
export function overdueToleranceMs(cron: Pick<CronFact, 'intervalNumber' | 'intervalType'>): number {
  const period = intervalMs(cron) ?? DAY_MS;
  return Math.min(Math.max(period, HOUR_MS), DAY_MS);
}

export interface OverdueCron {
  cron: CronFact;
  /** Milliseconds since its nextcall. */
  lateMs: number;
}

/** Active crons whose nextcall lies further in the past than their tolerance, most overdue first. */
export function overdueCrons(crons: readonly CronFact[], now: Date): OverdueCron[] {
  const result: OverdueCron[] = [];
  for (const cron of crons) {
    if (!cron.active) continue;
    const nextcall = parseOdooDate(cron.nextcall);
    if (!nextcall) continue;
    const lateMs = now.getTime() - nextcall.getTime();
    if (lateMs > overdueToleranceMs(cron)) result.push({ cron, lateMs });
  }
  return result.sort((a, b) => b.lateMs - a.lateMs || a.cron.id - b.cron.id);
}

/**
 * Several overdue crons at once point at the runner itself (max_cron_threads = 0, no cron worker,
 * a stuck lock) rather than at one cron: then the root cause is reported once, not per cron.
 */
export const STALLED_RUNNER_MIN_OVERDUE = 3;

export function runnerLooksStalled(overdue: readonly OverdueCron[]): boolean {
  return overdue.length >= STALLED_RUNNER_MIN_OVERDUE;
}

export function cronObject(cron: Pick<CronFact, 'id' | 'name'>) {
  return { kind: 'cron' as const, key: String(cron.id), label: cron.name };
}
