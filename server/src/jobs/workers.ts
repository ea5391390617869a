/**
 * The scan workers and the schedule tick of one process, on pg-boss. Any number of processes
 * (`odoo-pulse serve`, `odoo-pulse worker`) may run them against one database: jobs are shared
 * through PostgreSQL, the tick's cron fires once per minute across all of them, and scans of one
 * instance never overlap (see ./queue.ts).
 */
import type PgBoss from 'pg-boss';
import type { CodeSourceSettings } from '../code-sources/settings.ts';
import type { Db } from '../db/client.ts';
import { scanInstance } from '../engine/scan.ts';
import type { PulsePubSub, ScanQueue } from '../graphql/context.ts';
import { describeError, silentLogger, type ServerLogger } from '../graphql/logger.ts';
import type { Keyring } from '../security/secrets.ts';
import { SCAN_QUEUE, startBoss, TICK_QUEUE, type ScanJobData } from './boss.ts';
import { createPgBossScanQueue, DEFAULT_RETRY, type RetryPolicy } from './queue.ts';
import { failOrphanedScans } from './reconcile.ts';
import { runScanJob, type ScanFunction, type ScanJobDependencies } from './scan-job.ts';
import { enqueueDueScans, type TickResult } from './scheduler.ts';

export const DEFAULT_CONCURRENCY = 2;
/** Every minute: a schedule's precision. */
const TICK_CRON = '* * * * *';

export interface StartWorkersOptions {
  db: Db;
  databaseUrl: string;
  pubSub: PulsePubSub;
  keyring: Keyring;
  log?: ServerLogger;
  /** Scans run at once by this process (default 2). 0: enqueue only, no scans and no ticks. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** An attempt running longer is failed and retried (default 30). */
  expireInMinutes?: number;
  /** How often idle workers look for jobs (default 2 s; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Run the schedule tick (default true when concurrency > 0). */
  schedules?: boolean;
  /** Seconds between pg-boss cron checks (default 30). */
  cronIntervalSeconds?: number;
  /** pg-boss's pool (default 4). */
  maxConnections?: number;
  /** How long stop() waits for running scans before leaving them to be retried (default 30 s). */
  stopTimeoutMs?: number;
  collect?: ScanJobDependencies['collect'];
  /** Git hosts and limits for fetching instances' code sources (default: the built-in ones). */
  codeSources?: CodeSourceSettings;
  /** The clock (tests fix it); default real time. */
  now?: () => Date;
  /** The scan itself (default the engine's scanInstance). */
  scan?: ScanFunction;
}

export interface Workers {
  scanQueue: ScanQueue;
  /** Enqueues the scans due now (what the every-minute tick does). */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

export async function startWorkers(options: StartWorkersOptions): Promise<Workers> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const runsJobs = concurrency > 0;
  const schedules = runsJobs && (options.schedules ?? true);
  const boss: PgBoss = await startBoss({
    databaseUrl: options.databaseUrl,
    maxConnections: options.maxConnections,
    supervise: runsJobs,
    cronIntervalSeconds: options.cronIntervalSeconds,
    onError: (error) => log.warn(`job queue: ${describeError(error)}`),
  });
  const scanQueue = createPgBossScanQueue(options.db, boss, {
    retry: options.retry ?? DEFAULT_RETRY,
    expireInMinutes: options.expireInMinutes,
    now: options.now,
  });

  const tick = async (): Promise<TickResult> => {
    const at = now();
    await failOrphanedScans(options.db, boss, options.pubSub, at).then((ended) => {
      if (ended.length) log.warn('ended interrupted scans', { count: ended.length });
    });
    const result = await enqueueDueScans(options.db, scanQueue, at);
    if (result.enqueued.length) log.info('scheduled scans enqueued', { count: result.enqueued.length, busy: result.busy.length });
    for (const failure of result.failed) log.warn('scheduled scan not enqueued', { instance: failure.instanceId, error: failure.error });
    return result;
  };

  try {
    if (runsJobs) {
      const deps: ScanJobDependencies = {
        db: options.db,
        pubSub: options.pubSub,
        keyring: options.keyring,
        log,
        now,
        scan: options.scan ?? scanInstance,
        collect: options.collect,
        codeSources: options.codeSources,
        scanning: new Set(),
      };
      const workOptions = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
      // pg-boss 10 runs one job at a time per work() call: one call per concurrent scan.
      for (let i = 0; i < concurrency; i++) {
        await boss.work<ScanJobData>(SCAN_QUEUE, workOptions, async ([job]) => runScanJob(deps, job));
      }
    }
    if (schedules) {
      await boss.work(TICK_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
        await tick();
      });
      await boss.schedule(TICK_QUEUE, TICK_CRON, {}, { tz: 'UTC' });
      // Catch up what came due while no worker ran.
      await tick();
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }

  let stopping: Promise<void> | null = null;
  return {
    scanQueue,
    tick,
    stop() {
      stopping ??= boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 30_000 });
      return stopping;
    },
  };
}
