/**
 * The live scan: collect the facts of one instance, then evaluate them (./evaluate.ts: live checks,
 * code rules over the database-stored code and any --addons source, score, report). The CLI and the
 * server are two doors onto scanInstance and rescoreFacts.
 */
import { collectFacts } from '../collect/index.ts';
import type { CollectOptions, ProgressListener } from '../collect/types.ts';
import { evaluateFacts, type EvaluateOptions, type ScanOutcome } from './evaluate.ts';

export { evaluateFacts, rescoreFacts, type EvaluateOptions, type ScanOutcome } from './evaluate.ts';

/** Evaluation options, or a function giving them once the facts are collected. */
export type EvaluateOptionsSource = EvaluateOptions | (() => Promise<EvaluateOptions>);

/**
 * Scans a live instance. Connection-level failures (unreachable, wrong credentials, not Odoo) reject
 * with the collectors' OdooError; narrower faults (one model denied) become gaps in the report.
 * When `evaluate` is a function it is called only after the instance answered, so what it prepares
 * (the server fetching a code source) is not prepared for an attempt that cannot reach the instance.
 */
export async function scanInstance(
  options: CollectOptions,
  onProgress?: ProgressListener,
  evaluate: EvaluateOptionsSource = {},
): Promise<ScanOutcome> {
  const facts = await collectFacts(options, onProgress);
  return evaluateFacts(facts, typeof evaluate === 'function' ? await evaluate() : evaluate);
}
