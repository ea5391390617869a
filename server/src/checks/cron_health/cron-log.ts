/**
 * Cron failures as Odoo writes them to the server log (and to ir.logging when `log_db` is set):
 *   17.0 and before: "Call from cron <name> for server action #<action> failed in Job #<cron>"
 *   18.0 and after:  "Job '<name>' (<cron>) server action #<action> failed", "Job '<name>' (<cron>) timed out"
 */
import type { LogEntryFact } from '../../facts/types.ts';

export interface CronFailureEntry {
  cronId: number | null;
  cronName: string;
  serverActionId: number | null;
  kind: 'failed' | 'timed out';
  createDate: string | null;
  /** The exception line of the traceback when the (truncated) message still holds it. */
  error: string | null;
  logId: number;
}

const LEGACY_RE = /Call from cron (.+?) for server action #(\d+) failed in Job #(\d+)/;
// The name is Python's repr(): single quotes, or double quotes when the name holds a single quote.
const FAILED_RE = /Job (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)") \((\d+)\) server action #(\d+) failed/;
const TIMEOUT_RE = /Job (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)") \((\d+)\) timed out/;
const EXCEPTION_LINE_RE = /^([\w.]+(?:Error|Exception|Warning|Denied|Fault)): (.+)$/;

/** The cron failure an ir.logging row reports, or null when it reports something else. */
export function parseCronFailure(entry: LogEntryFact): CronFailureEntry | null {
  if (entry.level.toUpperCase() !== 'ERROR') return null;
  const base = { createDate: entry.createDate, error: exceptionLine(entry.message), logId: entry.id };
  let m = LEGACY_RE.exec(entry.message);
  if (m) {
    return { ...base, cronName: m[1], serverActionId: Number(m[2]), cronId: Number(m[3]), kind: 'failed' };
  }
  m = FAILED_RE.exec(entry.message);
  if (m) {
    return { ...base, cronName: unescape(m[1] ?? m[2]), cronId: Number(m[3]), serverActionId: Number(m[4]), kind: 'failed' };
  }
  m = TIMEOUT_RE.exec(entry.message);
  if (m) {
    return { ...base, cronName: unescape(m[1] ?? m[2]), cronId: Number(m[3]), serverActionId: null, kind: 'timed out' };
  }
  return null;
}

function unescape(repr: string): string {
  return repr.replace(/\\(.)/g, '$1');
}

/** The last "SomeError: message" line of a traceback. */
export function exceptionLine(message: string): string | null {
  const lines = message.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    if (EXCEPTION_LINE_RE.test(lines[i])) return lines[i];
  }
  return null;
}
