/**
 * Odoo dates in checks. Facts hold dates as Odoo gives them, in UTC: "YYYY-MM-DD HH:MM:SS" or
 * "YYYY-MM-DD"; the reference data has month precision ("YYYY-MM"). Checks compare them with
 * `context.now`, never the clock.
 */

const DATE_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** Parses an Odoo date/datetime (UTC) or a "YYYY-MM" month; null for null, false-ish or malformed values. */
export function parseOdooDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = DATE_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d = '01', h = '00', mi = '00', s = '00'] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first instant after a "YYYY-MM" month (support "until September 2026" ends on 2026-10-01). */
export function endOfMonth(month: string): Date | null {
  const start = parseOdooDate(month);
  if (!start) return null;
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

const DAY_MS = 86_400_000;

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (months > 0 && to.getUTCDate() < from.getUTCDate()) months -= 1;
  if (months < 0 && to.getUTCDate() > from.getUTCDate()) months += 1;
  return months;
}

export function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
}

/** "YYYY-MM-DD" of a date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
