/**
 * A safety net: a scan still `queued` or `running` whose pg-boss job has ended (or vanished) would
 * block its instance for good, since enqueue refuses while a scan is active. Such scans are ended
 * `failed` with a reason. Run at worker start and with each schedule tick.
 */
import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import type { PulsePubSub } from '../graphql/context.ts';
import { publishFailedScan } from '../scans/publish.ts';
import { markScanFailed } from '../scans/record.ts';
import { SCAN_QUEUE } from './boss.ts';

const ENDED = new Set(['completed', 'failed', 'cancelled']);

export const INTERRUPTED_MESSAGE = 'The scan was interrupted before it could store a result (its worker stopped or gave up); start it again.';

/** Ends active scans whose job is over; returns their ids. */
export async function failOrphanedScans(db: Db, boss: PgBoss, pubSub: PulsePubSub, now: Date): Promise<string[]> {
  const active = await db.scan.findMany({ where: { status: { in: ['queued', 'running'] } }, select: { id: true, instanceId: true, partnerId: true } });
  const ended: string[] = [];
  for (const scan of active) {
    const job = await boss.getJobById(SCAN_QUEUE, scan.id, { includeArchive: true });
    if (job && !ENDED.has(job.state)) continue;
    if (await markScanFailed(db, scan.id, INTERRUPTED_MESSAGE, now)) {
      publishFailedScan(pubSub, { scanId: scan.id, instanceId: scan.instanceId, partnerId: scan.partnerId });
      ended.push(scan.id);
    }
  }
  return ended;
}
