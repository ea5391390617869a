/**
 * collectFacts: turns one Odoo instance into a Facts snapshot. The API collector and the HTTP probe run
 * side by side; what one of them could not reach is stated in the facts, never guessed. A
 * connection-level failure of the API (unreachable, not Odoo, bad credentials, unknown database) is
 * thrown as an OdooError, after cancelling the probe.
 */
import { emptyFacts, FACT_KEYS, notCollected, type CollectorId, type CollectorRun, type Facts } from '../facts/types.ts';
import { OdooError } from '../odoo/types.ts';
import { runApiCollector, type Connect } from './api/collector.ts';
import { probeHttp } from './http/probe.ts';
import type { CollectOptions, ProgressEvent, ProgressListener } from './types.ts';

export type { CollectOptions, ProgressEvent, ProgressListener } from './types.ts';

export const ALL_COLLECTORS: readonly CollectorId[] = ['api', 'http'];

export interface CollectDependencies {
  /** The connector (replaced in tests by a fake session). */
  connect: Connect;
}

/** The real connector, loaded when first used. */
const connectToOdoo: Connect = async (connection) => (await import('../odoo/connect.ts')).connect(connection);

export async function collectFacts(
  options: CollectOptions,
  onProgress?: ProgressListener,
  dependencies: CollectDependencies = { connect: connectToOdoo },
): Promise<Facts> {
  const collectedAt = (options.now ?? new Date()).toISOString();
  const baseUrl = validBaseUrl(options.target.url);
  const target = { ...options.target, url: baseUrl };
  const wanted = new Set(options.collectors ?? ALL_COLLECTORS);
  const facts = emptyFacts(target, collectedAt);
  const emit = safeListener(onProgress);
  const probeAbort = new AbortController();

  const api = wanted.has('api')
    ? timed('api', emit, () =>
        runApiCollector({ ...options, target }, dependencies.connect, (step, done, total) =>
          emit({ type: 'step', collector: 'api', step, done, total }),
        ),
      )
    : null;
  // Once the API has failed at connection level the scan is over: stop probing.
  const apiSettled = api?.catch((error: unknown) => {
    probeAbort.abort();
    throw error;
  });

  const http = wanted.has('http')
    ? timed('http', emit, () =>
        probeHttp({
          baseUrl,
          timeoutMs: options.timeoutMs,
          signal: probeAbort.signal,
          onStep: (step, done, total) => emit({ type: 'step', collector: 'http', step, done, total }),
        }),
      )
    : null;

  const [apiOutcome, httpOutcome] = await Promise.allSettled([apiSettled ?? Promise.resolve(null), http ?? Promise.resolve(null)]);
  if (apiOutcome.status === 'rejected') throw apiOutcome.reason;
  if (httpOutcome.status === 'rejected') throw httpOutcome.reason;

  const runs: CollectorRun[] = [];
  const apiRun = apiOutcome.value;
  if (apiRun) {
    Object.assign(facts, apiRun.value.groups);
    facts.target = { ...target, database: apiRun.value.database };
    runs.push(collectorRun('api', apiRun, apiRun.value));
  } else {
    markSkipped(facts, 'api');
    runs.push(skippedRun('api', collectedAt));
  }
  const httpRun = httpOutcome.value;
  if (httpRun) {
    facts.http = httpRun.value.facts;
    runs.push(collectorRun('http', httpRun, httpRun.value));
  } else {
    markSkipped(facts, 'http');
    runs.push(skippedRun('http', collectedAt));
  }
  facts.collectors = runs;
  return facts;
}

interface Timed<T> {
  value: T;
  startedAt: string;
  durationMs: number;
}

/** Runs one collector between its started/finished events, timing it. */
async function timed<T extends { status: CollectorRun['status']; message?: string }>(
  collector: CollectorId,
  emit: ProgressListener,
  run: () => Promise<T>,
): Promise<Timed<T>> {
  const startedAt = new Date();
  const start = performance.now();
  emit({ type: 'collector-started', collector });
  try {
    const value = await run();
    emit({ type: 'collector-finished', collector, status: value.status, ...(value.message ? { message: value.message } : {}) });
    return { value, startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - start) };
  } catch (error) {
    emit({ type: 'collector-finished', collector, status: 'failed', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

function collectorRun(
  id: CollectorId,
  timing: Timed<unknown>,
  result: { status: CollectorRun['status']; message?: string; requests: number; rounds: number },
): CollectorRun {
  return {
    id,
    status: result.status,
    startedAt: timing.startedAt,
    durationMs: timing.durationMs,
    ...(result.message ? { message: result.message } : {}),
    requests: result.requests,
    rounds: result.rounds,
  };
}

function skippedRun(id: CollectorId, at: string): CollectorRun {
  return { id, status: 'skipped', startedAt: at, durationMs: 0, message: `the ${id} collector was not selected`, requests: 0, rounds: 0 };
}

function markSkipped(facts: Facts, collector: CollectorId): void {
  const reason = `the ${collector} collector was not run`;
  const keys = collector === 'http' ? (['http'] as const) : FACT_KEYS.filter((k) => k !== 'http');
  for (const key of keys) (facts as unknown as Record<string, unknown>)[key] = notCollected(reason);
}

function validBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OdooError('unreachable', `"${url}" is not a valid URL: give the instance's address, e.g. https://erp.example.com.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OdooError('unreachable', `"${url}" is not an http(s) URL: give the instance's address, e.g. https://erp.example.com.`);
  }
  return url.replace(/\/+$/, '');
}

/** A listener that throws must not break the scan. */
function safeListener(listener: ProgressListener | undefined): ProgressListener {
  return (event: ProgressEvent) => {
    try {
      listener?.(event);
    } catch {
      // progress is best effort
    }
  };
}
