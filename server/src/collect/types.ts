/**
 * The collectors' contract: one entry point turns a target into a Facts snapshot, reporting
 * progress as it goes. Connection-level failures (unreachable, wrong credentials, not Odoo) throw an
 * OdooError; anything narrower (one model denied, one endpoint failing) becomes a stated gap in the facts.
 */
import type { CollectorId, Facts, ScanTarget } from '../facts/types.ts';

export interface CollectOptions {
  target: ScanTarget;
  /** Password or API key of the (read-only) scanning user. */
  secret: string;
  secretKind: 'password' | 'api_key';
  /** Which collectors to run (default: all). */
  collectors?: CollectorId[];
  timeoutMs?: number;
  concurrency?: number;
  /** The scan's start time (default: now); written to facts.collectedAt. */
  now?: Date;
}

export type ProgressEvent =
  | { type: 'collector-started'; collector: CollectorId }
  | { type: 'step'; collector: CollectorId; step: string; done: number; total: number }
  | { type: 'collector-finished'; collector: CollectorId; status: 'ok' | 'partial' | 'failed' | 'skipped'; message?: string };

export type ProgressListener = (event: ProgressEvent) => void;
