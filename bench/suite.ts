/**
 * The benchmark contract: a suite is a module in bench/suites/ exporting `suite: BenchSuite`.
 * bench/run.ts finds the suites, runs them, prints one table per suite and writes
 * bench/results/<suite>.json.
 */

export interface BenchOptions {
  /** Timed runs per case. */
  runs: number;
  /** Untimed runs first (JIT, caches, connection pools). */
  warmup: number;
  /** Progress lines (stderr). */
  log(line: string): void;
}

/** Wall-time summary of one case's timed runs, in milliseconds. */
export interface TimeSummary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export interface CaseResult {
  name: string;
  wallMs: TimeSummary;
  /** Other figures of the case (counts, sizes), shown as table columns in the order given. */
  metrics: Record<string, number | string>;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<CaseResult[]>;
}

export interface SuiteReport {
  suite: string;
  description: string;
  ranAt: string;
  environment: { node: string; platform: string; arch: string; cpus: number; cpuModel: string };
  runs: number;
  warmup: number;
  cases: CaseResult[];
}
