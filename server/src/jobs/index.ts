/**
 * The jobs layer: scans as pg-boss jobs, the schedule tick, and the entry point `odoo-pulse serve`
 * loads (`startJobs`, the StartJobs of server/src/graphql/context.ts).
 *
 * Environment read by startJobs: PULSE_SCAN_CONCURRENCY (scans at once in this process, default 2;
 * 0 = enqueue only, leaving scans and schedules to `odoo-pulse worker` processes), PULSE_GIT_HOSTS
 * (the hosts instances' git code sources may be cloned from).
 */
import { UserError } from '../cli/types.ts';
import { codeSourceSettingsFromEnv } from '../code-sources/settings.ts';
import type { JobsOptions, JobsRuntime, StartJobs } from '../graphql/context.ts';
import { DEFAULT_CONCURRENCY, startWorkers } from './workers.ts';

export { SCAN_QUEUE, TICK_QUEUE, type ScanJobData } from './boss.ts';
export { createPgBossScanQueue, DEFAULT_RETRY, InstanceNotFoundError, InstanceRemovedError, type RetryPolicy } from './queue.ts';
export { instanceSecretContext, runScanJob, type ScanJobResult } from './scan-job.ts';
export { isDue, lastRun, nextRun, parseSchedule, ScheduleError, MIN_INTERVAL_MINUTES } from './schedule.ts';
export { enqueueDueScans, type TickResult } from './scheduler.ts';
export { DEFAULT_CONCURRENCY, startWorkers, type StartWorkersOptions, type Workers } from './workers.ts';

export const CONCURRENCY_ENV = 'PULSE_SCAN_CONCURRENCY';

/**
 * A bad PULSE_SCAN_CONCURRENCY: one sentence. A UserError, so `odoo-pulse serve` and `worker` print
 * it as one line (exit 2) without knowing this class.
 */
export class JobsConfigError extends UserError {
  override name = 'JobsConfigError';
}

export function concurrencyFromEnv(env: NodeJS.ProcessEnv, fallback = DEFAULT_CONCURRENCY): number {
  const text = env[CONCURRENCY_ENV]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 64) {
    throw new JobsConfigError(`${CONCURRENCY_ENV} must be a whole number of scans from 0 to 64 (got "${text}").`);
  }
  return value;
}

export const startJobs: StartJobs = async (options: JobsOptions): Promise<JobsRuntime> => {
  const workers = await startWorkers({
    db: options.db,
    databaseUrl: options.databaseUrl,
    pubSub: options.pubSub,
    keyring: options.keyring,
    log: options.log,
    concurrency: concurrencyFromEnv(options.env),
    codeSources: codeSourceSettingsFromEnv(options.env),
  });
  return { scanQueue: workers.scanQueue, stop: () => workers.stop() };
};
