/**
 * A finished scan's status and its one-sentence explanation, and the engine's progress events as
 * the server publishes them. Pure.
 */
import type { ProgressEvent } from '../collect/types.ts';
import type { ScanOutcome } from '../engine/evaluate.ts';
import type { ScanProgressEvent } from '../graphql/context.ts';

export interface ScanVerdict {
  /** succeeded: every collector ran fully; partial: scored, but something could not be collected. */
  status: 'succeeded' | 'partial';
  error: string | null;
}

/**
 * `succeeded` unless a collector was partial or failed, something else the scan needed was missing
 * (`more`: e.g. the instance's code source could not be fetched), or nothing could be assessed.
 */
export function scanVerdict(outcome: Pick<ScanOutcome, 'facts' | 'pulse'>, more: readonly string[] = []): ScanVerdict {
  const problems = outcome.facts.collectors
    .filter((run) => run.status === 'partial' || run.status === 'failed')
    .map((run) => `${run.id} ${run.status}${run.message ? ` (${run.message.replace(/\.$/, '')})` : ''}`)
    .concat(more);
  if (outcome.pulse.score === null) {
    const why = problems.length > 0 ? `: ${problems.join('; ')}` : '';
    return { status: 'partial', error: `Nothing could be assessed, so there is no score${why}.` };
  }
  if (problems.length > 0) return { status: 'partial', error: `Scored with gaps: ${problems.join('; ')}.` };
  return { status: 'succeeded', error: null };
}

/** The engine's progress event, tagged with the scan, for the `scanProgress` topic. */
export function scanProgressEvent(scanId: string, instanceId: string, event: ProgressEvent): ScanProgressEvent {
  switch (event.type) {
    case 'collector-started':
      return { scanId, instanceId, collector: event.collector, phase: 'started' };
    case 'step':
      return { scanId, instanceId, collector: event.collector, phase: 'step', step: event.step, done: event.done, total: event.total };
    case 'collector-finished':
      return { scanId, instanceId, collector: event.collector, phase: 'finished', status: event.status, message: event.message ?? null };
  }
}
