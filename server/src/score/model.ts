/**
 * The constants of the scoring model. docs/scoring.md states the same numbers and a test reads them
 * back from the doc, so changing one here without the doc (and SCORING_VERSION) fails the tests.
 */
import type { Severity } from '../checks/types.ts';
import type { Grade } from './types.ts';

/**
 * Stored with every scan so scores stay comparable. Bump the major version whenever the same check
 * results could give a different score, cap or grade (factors, curve, caps, bands, default weights);
 * the minor version for new output fields that change no number; the patch for wording.
 */
export const SCORING_VERSION = '1.0.0';

/**
 * The share of a dimension's score a finding leaves standing: one critical keeps 40 %, one low 97 %.
 * Info findings are advice and cost nothing.
 */
export const SEVERITY_FACTORS: Readonly<Record<Severity, number>> = {
  critical: 0.4,
  high: 0.75,
  medium: 0.9,
  low: 0.97,
  info: 1,
};

export interface CapRule {
  severity: Severity;
  /** The highest Pulse Score possible while a finding of this severity is open. */
  limit: number;
}

/** Strictest first: the first rule with an open finding is the cap in force. */
export const CAP_RULES: readonly CapRule[] = [
  { severity: 'critical', limit: 49 },
  { severity: 'high', limit: 89 },
];

export interface GradeBand {
  grade: Grade;
  /** The lowest (rounded) score that earns this grade. */
  min: number;
}

/** Highest first. */
export const GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 75 },
  { grade: 'C', min: 60 },
  { grade: 'D', min: 40 },
  { grade: 'F', min: 0 },
];

/** The grade of a displayed (rounded) score. */
export function gradeFor(score: number): Grade {
  for (const band of GRADE_BANDS) {
    if (score >= band.min) return band.grade;
  }
  return 'F';
}

/** The load one finding adds at full strength: −ln(factor), so loads add where factors multiply. */
export function severityLoad(severity: Severity): number {
  return -Math.log(SEVERITY_FACTORS[severity]);
}

/** A dimension's unrounded score for a total load: 100 × e^(−load), i.e. 100 × the product of the factors. */
export function scoreForLoad(load: number): number {
  return 100 * Math.exp(-load);
}
