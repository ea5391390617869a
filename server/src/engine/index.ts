export { evaluateFacts, rescoreFacts, type AddonsSource, type EvaluateOptions, type ScanOutcome } from './evaluate.ts';
export { mergeResults } from './code.ts';
export { scanInstance } from './scan.ts';
export { FactsSnapshotError, parseFactsSnapshot, SUPPORTED_FACTS_SCHEMA_VERSIONS } from './snapshot.ts';
