/**
 * The scan queue (graphql/context.ts's ScanQueue) on pg-boss. `enqueue` stores the Scan row
 * (queued) and its job in **one transaction**, the job's id being the scan's id, so there is never a
 * queued scan without a job nor a job without its scan.
 *
 * Never two scans of one instance: under a per-instance transaction lock, enqueue refuses with
 * ScanAlreadyActiveError (naming the active scan) while a scan of the instance is queued, running or
 * waiting to be retried. A caller who wants "the running scan" reads it from the error; the
 * scheduler simply skips that instance until its next slot.
 */
import type PgBoss from 'pg-boss';
import type { Db, ScanTrigger } from '../db/client.ts';
import { ScanAlreadyActiveError, type ScanQueue } from '../graphql/context.ts';
import { SCAN_QUEUE, type ScanJobData } from './boss.ts';

type Tx = Parameters<Extract<Parameters<Db['$transaction']>[0], (...args: never[]) => unknown>>[0];

/** How an attempt that could not reach the instance is retried (pg-boss retryLimit/Delay/Backoff). */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  limit: number;
  /** Seconds before the first retry; with backoff each wait roughly doubles, with jitter (default 60). */
  delaySeconds: number;
  backoff: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 3, delaySeconds: 60, backoff: true };

/** An active scan's job is failed (and retried) when an attempt runs longer than this. */
export const DEFAULT_SCAN_EXPIRY_MINUTES = 30;

export class InstanceNotFoundError extends Error {
  override name = 'InstanceNotFoundError';
  constructor(readonly instanceId: string) {
    super(`There is no instance ${instanceId}.`);
  }
}

/** Removed instances keep their history but are not scanned any more. */
export class InstanceRemovedError extends Error {
  override name = 'InstanceRemovedError';
  constructor(readonly instanceId: string) {
    super(`Instance ${instanceId} was removed: its history is kept, but it is no longer scanned.`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Arbitrary: the first key of the per-instance pg_advisory_xact_lock(int, int) taken by enqueue. */
const ENQUEUE_LOCK_CLASS = 7_061_727;

export interface PgBossScanQueueOptions {
  retry?: RetryPolicy;
  expireInMinutes?: number;
  /** The clock for queuedAt (default the database's now()); the scheduler compares it with slots. */
  now?: () => Date;
}

/** Runs pg-boss's SQL inside a Prisma interactive transaction (pg-boss's `db` option). */
function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => (value === undefined ? null : value)));
      return { rows };
    },
  };
}

export function createPgBossScanQueue(db: Db, boss: PgBoss, options: PgBossScanQueueOptions = {}): ScanQueue {
  const retry = options.retry ?? DEFAULT_RETRY;
  const expireInSeconds = Math.round((options.expireInMinutes ?? DEFAULT_SCAN_EXPIRY_MINUTES) * 60);
  return {
    enqueue(instanceId, trigger: ScanTrigger) {
      if (!UUID.test(instanceId)) return Promise.reject(new InstanceNotFoundError(instanceId));
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ENQUEUE_LOCK_CLASS}::int, hashtext(${instanceId}))`;
        const instance = await tx.instance.findUnique({ where: { id: instanceId }, select: { partnerId: true, removedAt: true } });
        if (!instance) throw new InstanceNotFoundError(instanceId);
        if (instance.removedAt) throw new InstanceRemovedError(instanceId);
        const active = await tx.scan.findFirst({ where: { instanceId, status: { in: ['queued', 'running'] } }, select: { id: true } });
        if (active) throw new ScanAlreadyActiveError(active.id);
        const scan = await tx.scan.create({
          data: { instanceId, partnerId: instance.partnerId, trigger, ...(options.now ? { queuedAt: options.now() } : {}) },
          select: { id: true },
        });
        const data: ScanJobData = { scanId: scan.id, instanceId };
        await boss.send(SCAN_QUEUE, data, {
          id: scan.id,
          retryLimit: retry.limit,
          retryDelay: retry.delaySeconds,
          retryBackoff: retry.backoff,
          expireInSeconds,
          db: transactionDb(tx),
        });
        return scan.id;
      });
    },
  };
}
