/** Summaries of timing samples and a timing loop, shared by the suites. */
import { performance } from 'node:perf_hooks';
import type { TimeSummary } from './suite.ts';

/** Nearest-rank percentile (p in 0–100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function summarize(samples: readonly number[]): TimeSummary {
  return {
    runs: samples.length,
    median: round(median(samples)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    mean: round(samples.reduce((sum, s) => sum + s, 0) / samples.length),
  };
}

/** Runs `fn` warmup + runs times; returns the wall times of the timed runs and the last result. */
export async function timeRuns<T>(
  fn: (run: number) => Promise<T> | T,
  options: { runs: number; warmup: number },
): Promise<{ samples: number[]; last: T }> {
  let last: T | undefined;
  for (let i = 0; i < options.warmup; i++) last = await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    last = await fn(i);
    samples.push(performance.now() - start);
  }
  return { samples, last: last as T };
}
