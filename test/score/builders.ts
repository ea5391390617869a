/**
 * Builds CheckResults for scoring tests without running checks: a result per check id, findings with
 * distinct fingerprints unless one is given.
 */
import type { CheckResult, CheckStatus, Dimension, Finding, Severity } from '../../server/src/checks/types.ts';

let serial = 0;

export function finding(checkId: string, dimension: Dimension, severity: Severity, key?: string): Finding {
  const objectKey = key ?? `object-${++serial}`;
  return {
    checkId,
    dimension,
    severity,
    title: `Title of ${checkId}`,
    message: `${checkId} found a ${severity} problem on ${objectKey}.`,
    object: { kind: 'instance', key: objectKey },
    evidence: {},
    fingerprint: `${checkId}#${objectKey}`,
    fix: 'Fix it.',
    effortHours: 1,
  };
}

/** A failed check with one finding per severity given (`'low'` five times → five low findings). */
export function failed(checkId: string, dimension: Dimension, severities: readonly Severity[]): CheckResult {
  const findings = severities.map((severity) => finding(checkId, dimension, severity));
  return { checkId, dimension, status: 'failed', findings };
}

export function passed(checkId: string, dimension: Dimension): CheckResult {
  return { checkId, dimension, status: 'passed', findings: [] };
}

export function skipped(
  checkId: string,
  dimension: Dimension,
  status: Exclude<CheckStatus, 'passed' | 'failed'>,
  reason?: string,
): CheckResult {
  return { checkId, dimension, status, ...(reason === undefined ? {} : { reason }), findings: [] };
}

export function times<T>(n: number, value: T): T[] {
  return Array.from({ length: n }, () => value);
}
