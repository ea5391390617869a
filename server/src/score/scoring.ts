/**
 * The scoring step: check results → dimension scores, Pulse Score, cap, grade and the points each
 * finding costs. Pure and deterministic (no clock, no I/O, independent of input order); every number
 * is computed unrounded and rounded only for display. docs/scoring.md explains the model.
 */
import { DIMENSIONS, DIMENSION_TITLES, SEVERITIES, type CheckResult, type Dimension, type Finding, type Severity } from '../checks/types.ts';
import { countChecks, notAssessedReason } from './assessment.ts';
import { CAP_RULES, SCORING_VERSION, gradeFor, scoreForLoad, type CapRule } from './model.ts';
import { checkLoads, compareText, severityRank, totalLoad, type CheckLoad } from './load.ts';
import { DEFAULT_WEIGHTS, type DimensionScore, type DimensionWeights, type PulseScore, type ScoreCap, type ScoredFinding, type ScoringOptions } from './types.ts';
import { ScoringInputError, validateResults, validateWeights } from './validate.ts';

export { SCORING_VERSION, SEVERITY_FACTORS, CAP_RULES, GRADE_BANDS, gradeFor, type CapRule, type GradeBand } from './model.ts';
export { DEFAULT_WEIGHTS } from './types.ts';
export { ScoringInputError } from './validate.ts';

interface DimensionState {
  dimension: Dimension;
  results: CheckResult[];
  assessed: boolean;
  checks: CheckLoad[];
  /** Unrounded 0–100, or null when not assessed. */
  value: number | null;
}

type SeverityCounts = Record<Severity, number>;

interface Pulse {
  uncapped: number;
  capped: number;
  rule: CapRule | null;
}

function dimensionState(dimension: Dimension, results: CheckResult[]): DimensionState {
  const assessed = results.some((r) => r.status === 'passed' || r.status === 'failed');
  const checks = checkLoads(results.flatMap((r) => r.findings));
  return { dimension, results, assessed, checks, value: assessed ? scoreForLoad(totalLoad(checks)) : null };
}

function capRuleFor(counts: SeverityCounts): CapRule | null {
  return CAP_RULES.find((rule) => counts[rule.severity] > 0) ?? null;
}

/** The weighted mean over assessed dimensions and the cap in force; null when no assessed weight. */
function pulseOf(values: readonly (number | null)[], weights: DimensionWeights, counts: SeverityCounts): Pulse | null {
  let weighted = 0;
  let weight = 0;
  DIMENSIONS.forEach((dimension, index) => {
    const value = values[index];
    if (value === null) return;
    weighted += weights[dimension] * value;
    weight += weights[dimension];
  });
  if (weight === 0) return null;
  // Clamped so float noise in a mean of hundreds can never show as 100.00000000000001.
  const uncapped = Math.min(100, Math.max(0, weighted / weight));
  const rule = capRuleFor(counts);
  return { uncapped, capped: rule ? Math.min(uncapped, rule.limit) : uncapped, rule };
}

function roundTenth(value: number): number {
  // Differences of unrounded values can come out a hair below zero; a finding never gives points back.
  return Math.max(0, Math.round(value * 10) / 10);
}

/** The cap is reported only when it lowered the score: "capped at 49" beside a 30 would mislead. */
function capOutput(pulse: Pulse, counts: SeverityCounts): ScoreCap | null {
  const rule = pulse.rule;
  if (!rule || pulse.uncapped <= rule.limit) return null;
  const n = counts[rule.severity];
  const findings = n === 1 ? `1 open ${rule.severity} finding holds` : `${n} open ${rule.severity} findings hold`;
  return { limit: rule.limit, severity: rule.severity, findingCount: n, reason: `${findings} the Pulse Score at ${rule.limit} or below` };
}

/** What each finding costs: the score without it minus the score with it, for its dimension and the Pulse Score. */
function scoreFindings(
  states: readonly DimensionState[],
  weights: DimensionWeights,
  counts: SeverityCounts,
  pulse: Pulse | null,
): ScoredFinding[] {
  const values = states.map((s) => s.value);
  const scored: ScoredFinding[] = [];
  states.forEach((state, dimensionIndex) => {
    if (state.value === null) return;
    const dimensionValue = state.value;
    state.checks.forEach((check, checkIndex) => {
      check.findings.forEach((finding, findingIndex) => {
        const without = scoreForLoad(totalLoad(state.checks, checkIndex, check.withoutLoads[findingIndex]));
        const valuesWithout = values.map((v, i) => (i === dimensionIndex ? without : v));
        const countsWithout = { ...counts, [finding.severity]: counts[finding.severity] - 1 };
        const pulseWithout = pulseOf(valuesWithout, weights, countsWithout);
        const points = pulse && pulseWithout ? pulseWithout.capped - pulse.capped : 0;
        const uncappedPoints = pulse && pulseWithout ? pulseWithout.uncapped - pulse.uncapped : 0;
        scored.push({
          ...finding,
          points: roundTenth(points),
          dimensionPoints: roundTenth(without - dimensionValue),
          uncappedPoints: roundTenth(uncappedPoints),
        });
      });
    });
  });
  return scored.sort(compareScored);
}

/** Points lost (as shown), then severity, then check id, then fingerprint; the rest only breaks exact ties. */
function compareScored(a: ScoredFinding, b: ScoredFinding): number {
  return (
    b.points - a.points ||
    severityRank(a) - severityRank(b) ||
    compareText(a.checkId, b.checkId) ||
    compareText(a.fingerprint, b.fingerprint) ||
    compareText(a.message, b.message) ||
    compareText(JSON.stringify([a.object, a.evidence]), JSON.stringify([b.object, b.evidence]))
  );
}

function dimensionOutput(state: DimensionState, weights: DimensionWeights): DimensionScore {
  return {
    dimension: state.dimension,
    title: DIMENSION_TITLES[state.dimension],
    weight: weights[state.dimension],
    score: state.value === null ? null : Math.round(state.value),
    assessed: state.assessed,
    reason: state.assessed ? null : notAssessedReason(state.results),
    findingCount: state.results.reduce((n, r) => n + r.findings.length, 0),
    checks: countChecks(state.results),
  };
}

/** Scores one scan's check results. Throws ScoringInputError on inconsistent results or weights. */
export function scorePulse(results: CheckResult[], options: ScoringOptions = {}): PulseScore {
  validateResults(results);
  const weights = validateWeights(options.weights ?? DEFAULT_WEIGHTS);
  const states = DIMENSIONS.map((dimension) => dimensionState(dimension, results.filter((r) => r.dimension === dimension)));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const result of results) for (const finding of result.findings) counts[finding.severity] += 1;

  const pulse = pulseOf(
    states.map((s) => s.value),
    weights,
    counts,
  );
  const totalWeight = DIMENSIONS.reduce((sum, d) => sum + weights[d], 0);
  const assessedWeight = states.reduce((sum, s) => sum + (s.assessed ? weights[s.dimension] : 0), 0);
  const score = pulse === null ? null : Math.round(pulse.capped);
  return {
    scoringVersion: SCORING_VERSION,
    score,
    uncappedScore: pulse === null ? null : Math.round(pulse.uncapped),
    grade: score === null ? null : gradeFor(score),
    coverage: assessedWeight / totalWeight,
    cap: pulse === null ? null : capOutput(pulse, counts),
    dimensions: states.map((state) => dimensionOutput(state, weights)),
    findings: scoreFindings(states, weights, counts, pulse),
  };
}

/**
 * The score the same scan would get with the given findings (by fingerprint) resolved. A failed check
 * whose findings are all removed counts as passed. Unknown fingerprints are ignored (the finding may
 * have been resolved since the plan was made).
 */
export function forecast(
  results: CheckResult[],
  removeFingerprints: Iterable<string>,
  options: ScoringOptions = {},
): PulseScore {
  validateResults(results);
  // A lone string is one fingerprint, not an iterable of characters.
  const given: unknown = typeof removeFingerprints === 'string' ? [removeFingerprints] : removeFingerprints;
  if (typeof (given as Iterable<unknown> | null)?.[Symbol.iterator] !== 'function') {
    throw new ScoringInputError('A forecast needs a list of finding fingerprints to remove.');
  }
  const remove = new Set(given as Iterable<string>);
  const kept = results.map((result): CheckResult => {
    if (!result.findings.some((f: Finding) => remove.has(f.fingerprint))) return result;
    const findings = result.findings.filter((f) => !remove.has(f.fingerprint));
    return { ...result, findings, status: findings.length === 0 ? 'passed' : result.status };
  });
  return scorePulse(kept, options);
}
