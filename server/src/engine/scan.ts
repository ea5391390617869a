/**
 * The live scan: collect the facts of one instance, then evaluate them (./evaluate.ts: live checks,
 * code rules over the database-stored code and any --addons source, score, report). The CLI and the
 * server are two doors onto scanInstance and rescoreFacts.
 */
import { collectFacts } from '../collect/index.ts';
import type { CollectOptions, ProgressListener } from '../collect/types.ts';
import { evaluateFacts, type EvaluateOptions, type ScanOutcome } from './evaluate.ts';

export { evaluateFacts, rescoreFacts, type EvaluateOptions, type ScanOutcome } from './evaluate.ts';

/**
 * Scans a live instance. Connection-level failures (unreachable, wrong credentials, not Odoo) reject
 * with the collectors' OdooError; narrower faults (one model denied) become gaps in the report.
 */
export async function scanInstance(
  options: CollectOptions,
  onProgress?: ProgressListener,
  evaluate: EvaluateOptions = {},
): Promise<ScanOutcome> {
  const facts = await collectFacts(options, onProgress);
  return evaluateFacts(facts, evaluate);
}
