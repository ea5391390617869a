/**
 * Whether a dimension was assessed, its check counts, and — when it was not — a short reason built
 * from its checks' own reasons ("postgres: no DSN was given"), deduplicated.
 */
import type { CheckResult, CheckStatus } from '../checks/types.ts';
import type { DimensionScore } from './types.ts';
import { compareText } from './load.ts';

export type CheckCounts = DimensionScore['checks'];

export function countChecks(results: readonly CheckResult[]): CheckCounts {
  const count = (...statuses: CheckStatus[]) => results.filter((r) => statuses.includes(r.status)).length;
  const passed = count('passed');
  const failed = count('failed');
  return {
    total: results.length,
    assessed: passed + failed,
    passed,
    failed,
    notAssessed: count('not_assessed', 'error'),
    notApplicable: count('not_applicable'),
  };
}

/** How many distinct reasons are spelled out before "and N other reasons". */
const MAX_REASONS = 3;
const MAX_REASON_LENGTH = 120;

const DEFAULT_REASONS: Record<Exclude<CheckStatus, 'passed' | 'failed'>, string> = {
  not_assessed: 'the facts its checks need were not collected',
  not_applicable: 'its checks do not apply to this instance',
  error: 'its checks failed to run',
};

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH - 1).trimEnd()}…` : flat;
}

/**
 * Why a dimension with no assessed check was not assessed. A result's reason may join several
 * ("server: …; http: …"), so it is split before deduplicating; the most frequent reasons come first.
 */
export function notAssessedReason(results: readonly CheckResult[]): string {
  if (results.length === 0) return 'no check covers this dimension';
  const tally = new Map<string, number>();
  for (const result of results) {
    const fallback = result.status === 'passed' || result.status === 'failed' ? '' : DEFAULT_REASONS[result.status];
    const parts = (result.reason ?? '').split(';').map(shorten).filter((part) => part !== '');
    for (const part of parts.length > 0 ? parts : [fallback]) tally.set(part, (tally.get(part) ?? 0) + 1);
  }
  const reasons = [...tally.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([text]) => text);
  const shown = reasons.slice(0, MAX_REASONS).join('; ');
  const hidden = reasons.length - MAX_REASONS;
  return hidden > 0 ? `${shown}; and ${hidden} other reason${hidden === 1 ? '' : 's'}` : shown;
}
