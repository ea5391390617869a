/**
 * Scoring vocabulary. The scoring itself (./scoring.ts) is a pure function of check results and
 * weights; docs/scoring.md explains the model and must stay true to the code.
 */
import type { CheckResult, Dimension, Finding, Severity } from '../checks/types.ts';

export type DimensionWeights = Record<Dimension, number>;

export const DEFAULT_WEIGHTS: DimensionWeights = {
  security: 20,
  module_health: 15,
  permissions: 15,
  custom_code: 10,
  cron_health: 10,
  performance: 10,
  configuration: 10,
  update_currency: 5,
  compliance: 5,
};

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/** A finding with the Pulse Score points it costs (what removing it alone would give back). */
export interface ScoredFinding extends Finding {
  /** Points of the Pulse Score this finding costs, rounded to 0.1. */
  points: number;
  /** Points of its dimension's score it costs, rounded to 0.1. */
  dimensionPoints: number;
  /**
   * Points of the weighted mean before any cap it costs, rounded to 0.1: what fixing it is worth once
   * the findings holding a cap are fixed (while a cap holds the score, `points` can be 0).
   */
  uncappedPoints: number;
}

export interface DimensionScore {
  dimension: Dimension;
  title: string;
  weight: number;
  /** null when not assessed. */
  score: number | null;
  assessed: boolean;
  /** Why the dimension was not assessed (which facts were missing), when it was not. */
  reason: string | null;
  findingCount: number;
  checks: { total: number; assessed: number; passed: number; failed: number; notAssessed: number; notApplicable: number };
}

export interface ScoreCap {
  /** The score the cap holds it to. */
  limit: number;
  reason: string;
  severity: Severity;
  findingCount: number;
}

export interface PulseScore {
  scoringVersion: string;
  /** 0–100, or null when no dimension could be assessed. */
  score: number | null;
  /** The weighted mean before any cap. */
  uncappedScore: number | null;
  grade: Grade | null;
  /** Share (0–1) of the total weight whose dimensions were assessed. */
  coverage: number;
  /** The cap that lowered the score, or null when no cap was in force or the mean was already below it. */
  cap: ScoreCap | null;
  dimensions: DimensionScore[];
  /** All findings, ordered by points lost (descending), then severity, then check id, then fingerprint. */
  findings: ScoredFinding[];
}

export interface ScoringOptions {
  weights?: DimensionWeights;
}

/** What the scoring step consumes. */
export type ScoringInput = CheckResult[];
