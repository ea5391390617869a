/**
 * Scoring input checks. Check results come from our own framework or from a stored scan; anything
 * inconsistent would silently give a wrong score, so it is refused with one sentence saying what is wrong.
 */
import { DIMENSIONS, SEVERITIES, type CheckResult, type CheckStatus, type Dimension } from '../checks/types.ts';
import type { DimensionWeights } from './types.ts';

export class ScoringInputError extends Error {
  override name = 'ScoringInputError';
}

const STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'not_assessed', 'not_applicable', 'error'];

function isDimension(value: unknown): value is Dimension {
  return (DIMENSIONS as readonly unknown[]).includes(value);
}

export function validateResults(results: readonly CheckResult[]): void {
  if (!Array.isArray(results)) throw new ScoringInputError('Scoring needs a list of check results.');
  for (const result of results) {
    const label = `Check result "${String(result?.checkId)}"`;
    if (typeof result?.checkId !== 'string' || result.checkId === '') {
      throw new ScoringInputError('A check result has no check id; every result must name its check.');
    }
    if (!isDimension(result.dimension)) {
      throw new ScoringInputError(`${label} has unknown dimension "${String(result.dimension)}"; expected one of ${DIMENSIONS.join(', ')}.`);
    }
    if (!STATUSES.includes(result.status)) {
      throw new ScoringInputError(`${label} has unknown status "${String(result.status)}"; expected one of ${STATUSES.join(', ')}.`);
    }
    if (!Array.isArray(result.findings)) throw new ScoringInputError(`${label} has no findings list.`);
    if (result.findings.length > 0 && result.status !== 'failed') {
      throw new ScoringInputError(
        `${label} is "${result.status}" but carries ${result.findings.length} finding(s); only a failed check has findings.`,
      );
    }
    for (const finding of result.findings) {
      if (finding.checkId !== result.checkId || finding.dimension !== result.dimension) {
        throw new ScoringInputError(
          `${label} carries a finding of check "${finding.checkId}" in dimension "${finding.dimension}"; a finding belongs to the result of its own check.`,
        );
      }
      if (!SEVERITIES.includes(finding.severity)) {
        throw new ScoringInputError(
          `${label} has a finding with unknown severity "${String(finding.severity)}"; expected one of ${SEVERITIES.join(', ')}.`,
        );
      }
      if (typeof finding.fingerprint !== 'string' || finding.fingerprint === '') {
        throw new ScoringInputError(`${label} has a finding without a fingerprint.`);
      }
    }
  }
}

export function validateWeights(weights: DimensionWeights): DimensionWeights {
  if (typeof weights !== 'object' || weights === null) {
    throw new ScoringInputError('Scoring weights must be an object with one number per dimension.');
  }
  for (const key of Object.keys(weights)) {
    if (!isDimension(key)) {
      throw new ScoringInputError(`Scoring weights name unknown dimension "${key}"; expected one of ${DIMENSIONS.join(', ')}.`);
    }
  }
  for (const dimension of DIMENSIONS) {
    const weight = weights[dimension];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new ScoringInputError(`The scoring weight of "${dimension}" must be a number ≥ 0 (got ${String(weight)}).`);
    }
  }
  if (DIMENSIONS.every((dimension) => weights[dimension] === 0)) {
    throw new ScoringInputError('At least one dimension must have a scoring weight above 0.');
  }
  return weights;
}
