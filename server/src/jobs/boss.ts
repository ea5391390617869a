/**
 * pg-boss 10 on the application's PostgreSQL (its own schema, `pgboss`): the scan queue and the
 * schedule tick. Queues must exist before send/work, so `startBoss` creates them.
 */
import PgBoss from 'pg-boss';
import { connectionFailure } from '../db/errors.ts';

/** One job per scan; the job id is the Scan row's id. */
export const SCAN_QUEUE = 'pulse-scan';
/** Fires every minute (pg-boss cron, once across all processes) to enqueue due scheduled scans. */
export const TICK_QUEUE = 'pulse-schedule-tick';

export interface ScanJobData {
  scanId: string;
  instanceId: string;
}

export interface BossOptions {
  databaseUrl: string;
  /**
   * pg-boss's own pool (default 4). On the embedded database every pool counts against its
   * 40-connection limit: Prisma's (10) + this + one per concurrent scan is well below it.
   */
  maxConnections?: number;
  /** Run maintenance and cron (false for a process that only enqueues). */
  supervise?: boolean;
  /** Seconds between cron checks (default 30; tests lower it). */
  cronIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

export async function startBoss(options: BossOptions): Promise<PgBoss> {
  const supervise = options.supervise ?? true;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 4,
    application_name: 'odoo-pulse jobs',
    supervise,
    schedule: supervise,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(5, options.cronIntervalSeconds ?? 5),
  });
  boss.on('error', (error) => options.onError?.(error));
  try {
    await boss.start();
    for (const name of [SCAN_QUEUE, TICK_QUEUE]) {
      // createQueue is idempotent for an existing queue in pg-boss 10.
      await boss.createQueue(name);
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw connectionFailure(options.databaseUrl, error);
  }
  return boss;
}
