/**
 * Scan schedules, as stored in `instance.schedule` (read in the partner's time zone):
 * - `daily`  → once a night, at a minute between 01:00 and 05:59 picked from the instance's id, so a
 *              fleet's scans spread over the night instead of all starting at once;
 * - `weekly` → the same, on Sunday night;
 * - a five-field cron expression (`minute hour day-of-month month day-of-week`), e.g. `30 2 * * 1-5`;
 *   `H` (hashed, from the instance id) is accepted in any field, e.g. `H 3 * * *`;
 * - a cron-parser alias such as `@daily` (midnight) or `@weekly`.
 * A schedule may not fire more often than every MIN_INTERVAL_MINUTES (the API's rule too): a scan
 * reads the whole instance. Pure: the clock is always given.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';

export const MIN_INTERVAL_MINUTES = 60;

const PRESETS: Record<string, string> = {
  daily: 'H H(1-5) * * *',
  weekly: 'H H(1-5) * * 0',
};

/** A schedule that cannot be used: one sentence saying what to write instead. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

function cronOf(schedule: string): string {
  return PRESETS[schedule] ?? schedule;
}

function parse(schedule: string, seed: string, timezone: string, currentDate: Date): CronExpression {
  return CronExpressionParser.parse(cronOf(schedule), { currentDate, tz: timezone, hashSeed: seed });
}

/**
 * Validates what a user typed and returns the value to store (`daily`, `weekly`, or the cron
 * expression with single spaces); throws ScheduleError.
 */
export function parseSchedule(text: string, timezone = 'UTC'): string {
  const schedule = text.trim().replace(/\s+/g, ' ');
  const lower = schedule.toLowerCase();
  if (lower in PRESETS) return lower;
  const fields = schedule.split(' ');
  if (fields.length !== 5 && !(fields.length === 1 && schedule.startsWith('@'))) {
    throw new ScheduleError(
      `"${text}" is not a schedule: write daily, weekly, or a cron expression with five fields (minute hour day-of-month month day-of-week), e.g. "30 2 * * *".`,
    );
  }
  let expression: CronExpression;
  let previous: Date;
  try {
    expression = parse(schedule, 'validation', timezone, new Date(Date.UTC(2025, 0, 1)));
    previous = expression.next().toDate();
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new ScheduleError(`"${text}" is not a valid cron expression: ${reason}.`);
  }
  // Consecutive runs closer than the minimum show within the first couple of hundred runs (over
  // two days even at the highest frequency allowed), whatever days the expression names.
  for (let i = 0; i < 200 && expression.hasNext(); i++) {
    const next = expression.next().toDate();
    if (next.getTime() - previous.getTime() < MIN_INTERVAL_MINUTES * 60_000) {
      throw new ScheduleError(`"${text}" would scan more often than every ${MIN_INTERVAL_MINUTES} minutes; space the runs further apart.`);
    }
    previous = next;
  }
  return schedule;
}

export interface ScheduleContext {
  /** Seeds `H` fields: the instance id. */
  seed: string;
  /** IANA time zone the schedule is read in (the partner's). */
  timezone: string;
}

function unreadable(schedule: string, context: ScheduleContext, error: unknown): ScheduleError {
  const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
  return new ScheduleError(`The schedule "${schedule}" (time zone ${context.timezone}) cannot be read: ${reason}.`);
}

/** The latest time the schedule fired at or before `now` (null if never); ScheduleError if unreadable. */
export function lastRun(schedule: string, context: ScheduleContext, now: Date): Date | null {
  try {
    // prev() is strictly before currentDate: start a millisecond later so a run at exactly `now` counts.
    const expression = parse(schedule, context.seed, context.timezone, new Date(now.getTime() + 1));
    return expression.hasPrev() ? expression.prev().toDate() : null;
  } catch (error) {
    throw unreadable(schedule, context, error);
  }
}

/** The next time the schedule fires after `now`; ScheduleError if unreadable. */
export function nextRun(schedule: string, context: ScheduleContext, now: Date): Date {
  try {
    return parse(schedule, context.seed, context.timezone, now).next().toDate();
  } catch (error) {
    throw unreadable(schedule, context, error);
  }
}

/**
 * Whether a scan is due at `now`: the schedule fired after `since` (the instance's latest scan of any
 * kind, or its creation). A run missed while no worker was up is caught up once, not once per slot.
 */
export function isDue(schedule: string, context: ScheduleContext, since: Date, now: Date): boolean {
  const last = lastRun(schedule, context, now);
  return last !== null && last.getTime() > since.getTime();
}
