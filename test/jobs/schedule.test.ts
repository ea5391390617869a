import { describe, expect, it } from 'vitest';
import { isDue, lastRun, nextRun, parseSchedule, ScheduleError } from '../../server/src/jobs/schedule.ts';

const brussels = (seed: string) => ({ seed, timezone: 'Europe/Brussels' });

describe('parsing a schedule a user typed', () => {
  it('accepts daily, weekly, aliases and five-field cron expressions, normalising spaces', () => {
    expect(parseSchedule(' Daily ')).toBe('daily');
    expect(parseSchedule('weekly')).toBe('weekly');
    expect(parseSchedule('@daily')).toBe('@daily');
    expect(parseSchedule('30  2 * *   1-5')).toBe('30 2 * * 1-5');
    expect(parseSchedule('H 3 * * *')).toBe('H 3 * * *');
  });

  it('refuses what is not a schedule, saying what to write', () => {
    const reject = (text: string) => {
      try {
        parseSchedule(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ScheduleError);
        return (error as Error).message;
      }
      throw new Error(`"${text}" was accepted`);
    };
    expect(reject('every day')).toMatch(/write daily, weekly, or a cron expression with five fields/);
    expect(reject('0 0 3 * * *')).toMatch(/five fields/);
    expect(reject('61 3 * * *')).toMatch(/not a valid cron expression: .*61/);
    expect(reject('*/10 * * * *')).toMatch(/more often than every 60 minutes/);
    expect(reject('0,30 3 * * *')).toMatch(/more often than every 60 minutes/);
  });
});

describe('when a schedule fires', () => {
  it('reads cron expressions in the partner\'s time zone', () => {
    // 02:30 in Brussels is 01:30 UTC in winter.
    const last = lastRun('30 2 * * *', brussels('x'), new Date('2026-01-15T12:00:00Z'));
    expect(last).toEqual(new Date('2026-01-15T01:30:00Z'));
    expect(nextRun('30 2 * * *', brussels('x'), new Date('2026-01-15T12:00:00Z'))).toEqual(new Date('2026-01-16T01:30:00Z'));
  });

  it('runs "daily" once a night between 01:00 and 05:59, at a time that depends on the instance', () => {
    const now = new Date('2026-01-15T12:00:00Z');
    const times = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const last = lastRun('daily', brussels(`instance-${i}`), now)!;
      const local = new Date(last.getTime() + 3_600_000); // CET = UTC+1 in January
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(1);
      expect(local.getUTCHours()).toBeLessThanOrEqual(5);
      expect(now.getTime() - last.getTime()).toBeLessThan(24 * 3_600_000);
      times.add(last.toISOString());
      // The same instance always gets the same time.
      expect(lastRun('daily', brussels(`instance-${i}`), now)).toEqual(last);
    }
    expect(times.size).toBeGreaterThan(10);
  });

  it('runs "weekly" on Sunday night', () => {
    const last = lastRun('weekly', brussels('some-instance'), new Date('2026-01-15T12:00:00Z'))!;
    expect(new Date(last.getTime() + 3_600_000).getUTCDay()).toBe(0);
  });

  it('is due when the schedule fired after the latest scan, and catches a missed night up once', () => {
    const schedule = '0 3 * * *';
    const utc = { seed: 'x', timezone: 'UTC' };
    const lastScan = new Date('2026-01-10T03:00:05Z');
    // The worker was down for three nights: one scan is due, not three.
    expect(isDue(schedule, utc, lastScan, new Date('2026-01-13T09:00:00Z'))).toBe(true);
    expect(isDue(schedule, utc, new Date('2026-01-13T09:00:01Z'), new Date('2026-01-13T09:05:00Z'))).toBe(false);
    expect(isDue(schedule, utc, lastScan, new Date('2026-01-10T23:59:00Z'))).toBe(false);
    // At exactly the scheduled minute it is due.
    expect(isDue(schedule, utc, lastScan, new Date('2026-01-11T03:00:00Z'))).toBe(true);
  });

  it('says why a stored schedule cannot be read (for the worker\'s log)', () => {
    expect(() => lastRun('0 3 * * *', { seed: 'x', timezone: 'Mars/Olympus_Mons' }, new Date())).toThrow(
      /The schedule "0 3 \* \* \*" \(time zone Mars\/Olympus_Mons\) cannot be read/,
    );
  });
});
