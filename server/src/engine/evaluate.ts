/**
 * The offline half of the engine: facts → checks and code rules → score → report. Used after a live
 * collection and for replaying a saved snapshot; it never touches the network (with --addons it
 * reads the given source tree).
 */
import { ALL_CHECKS } from '../checks/index.ts';
import { runChecks } from '../checks/run.ts';
import type { CheckDefinition, CheckResult } from '../checks/types.ts';
import type { CodeRule } from '../code/rules/api.ts';
import type { Facts } from '../facts/types.ts';
import { loadReferenceData } from '../reference/load.ts';
import type { ReferenceData } from '../reference/types.ts';
import { buildScanReport } from '../report/build.ts';
import type { ScanReport, ScanReportCode } from '../report/types.ts';
import { scorePulse } from '../score/scoring.ts';
import type { PulseScore, ScoringOptions } from '../score/types.ts';
import { evaluateCode, type AddonsSource } from './code.ts';
import { parseFactsSnapshot } from './snapshot.ts';

export type { AddonsSource } from './code.ts';

export interface ScanOutcome {
  facts: Facts;
  /** Live checks' results, then the code rules' (database-stored code and --addons source). */
  results: CheckResult[];
  pulse: PulseScore;
  /** What the code rules read, and the source findings that are reported but not scored. */
  code: ScanReportCode;
  report: ScanReport;
}

/** Defaults are the shipped catalogue, code rules, reference data and weights; the server passes a partner's weights. */
export interface EvaluateOptions {
  checks?: readonly CheckDefinition[];
  /** The source-code analyser's rules, run on database-stored code and on `addons` (default: all). */
  codeRules?: readonly CodeRule[];
  /** Source of the instance's addons to analyse with it (`odoo-pulse scan --addons`). */
  addons?: AddonsSource | null;
  reference?: ReferenceData;
  scoring?: ScoringOptions;
}

/** Checks, analyses, scores and reports an already-validated facts snapshot. */
export async function evaluateFacts(facts: Facts, options: EvaluateOptions = {}): Promise<ScanOutcome> {
  const live = runChecks(options.checks ?? ALL_CHECKS, facts, options.reference ?? loadReferenceData());
  const code = await evaluateCode(facts, { addons: options.addons, ...(options.codeRules ? { rules: options.codeRules } : {}) });
  const results = [...live, ...code.results];
  const pulse = scorePulse(results, options.scoring);
  return { facts, results, pulse, code: code.section, report: buildScanReport(facts, results, pulse, code.section) };
}

/**
 * Re-scores a saved facts snapshot (replay). The input is checked first: anything that is not a facts
 * snapshot of a supported schemaVersion rejects with a FactsSnapshotError with one clear sentence.
 */
export async function rescoreFacts(snapshot: Facts | unknown, options: EvaluateOptions = {}): Promise<ScanOutcome> {
  return evaluateFacts(parseFactsSnapshot(snapshot), options);
}
