/**
 * The schedule tick: enqueues a scan for every instance whose schedule fired since its latest scan.
 * Schedules live in `instance.schedule` (the database is the only state), so they survive restarts
 * by construction; a worker runs a tick at start (catching up what was missed while none ran) and
 * then every minute through a pg-boss cron job, which fires once per minute across all processes.
 */
import type { Db } from '../db/client.ts';
import { ScanAlreadyActiveError, type ScanQueue } from '../graphql/context.ts';
import { isDue } from './schedule.ts';

export interface TickResult {
  /** Scan ids enqueued by this tick. */
  enqueued: string[];
  /** Instances that were due but already had a scan queued or running. */
  busy: string[];
  /** Instances whose schedule or time zone cannot be read, or whose enqueue failed, with why. */
  failed: Array<{ instanceId: string; error: string }>;
}

interface ScheduledInstance {
  id: string;
  schedule: string;
  timezone: string;
  created_at: Date;
  last_queued_at: Date | null;
}

export async function enqueueDueScans(db: Db, queue: ScanQueue, now: Date): Promise<TickResult> {
  // The latest scan per instance through the (instance_id, queued_at DESC) index.
  const instances = await db.$queryRaw<ScheduledInstance[]>`
    SELECT i.id::text AS id, i.schedule, p.timezone, i.created_at,
           (SELECT s.queued_at FROM scan s WHERE s.instance_id = i.id ORDER BY s.queued_at DESC LIMIT 1) AS last_queued_at
    FROM instance i JOIN partner p ON p.id = i.partner_id
    WHERE i.schedule IS NOT NULL
      -- Removed instances keep their history but are no longer scanned.
      AND i.removed_at IS NULL`;
  const result: TickResult = { enqueued: [], busy: [], failed: [] };
  for (const instance of instances) {
    const since = instance.last_queued_at && instance.last_queued_at > instance.created_at ? instance.last_queued_at : instance.created_at;
    try {
      if (!isDue(instance.schedule, { seed: instance.id, timezone: instance.timezone }, since, now)) continue;
      result.enqueued.push(await queue.enqueue(instance.id, 'schedule'));
    } catch (error) {
      if (error instanceof ScanAlreadyActiveError) result.busy.push(instance.id);
      else result.failed.push({ instanceId: instance.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
