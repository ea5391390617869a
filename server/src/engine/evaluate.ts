/**
 * The offline half of the engine: facts → checks → score → report. Used after a live collection and
 * for replaying a saved snapshot; it never touches the network.
 */
import { ALL_CHECKS } from '../checks/index.ts';
import { runChecks } from '../checks/run.ts';
import type { CheckDefinition, CheckResult } from '../checks/types.ts';
import type { Facts } from '../facts/types.ts';
import { loadReferenceData } from '../reference/load.ts';
import type { ReferenceData } from '../reference/types.ts';
import { buildScanReport } from '../report/build.ts';
import type { ScanReport } from '../report/types.ts';
import { scorePulse } from '../score/scoring.ts';
import type { PulseScore, ScoringOptions } from '../score/types.ts';
import { parseFactsSnapshot } from './snapshot.ts';

export interface ScanOutcome {
  facts: Facts;
  results: CheckResult[];
  pulse: PulseScore;
  report: ScanReport;
}

/** Defaults are the shipped catalogue, reference data and weights; the server passes a partner's weights. */
export interface EvaluateOptions {
  checks?: readonly CheckDefinition[];
  reference?: ReferenceData;
  scoring?: ScoringOptions;
}

/** Checks, scores and reports an already-validated facts snapshot. */
export function evaluateFacts(facts: Facts, options: EvaluateOptions = {}): ScanOutcome {
  const results = runChecks(options.checks ?? ALL_CHECKS, facts, options.reference ?? loadReferenceData());
  const pulse = scorePulse(results, options.scoring);
  return { facts, results, pulse, report: buildScanReport(facts, results, pulse) };
}

/**
 * Re-scores a saved facts snapshot (replay). The input is checked first: anything that is not a facts
 * snapshot of a supported schemaVersion throws a FactsSnapshotError with one clear sentence.
 */
export function rescoreFacts(snapshot: Facts | unknown, options: EvaluateOptions = {}): ScanOutcome {
  return evaluateFacts(parseFactsSnapshot(snapshot), options);
}
