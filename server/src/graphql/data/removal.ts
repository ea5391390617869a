/**
 * Removing an instance keeps its scans and findings unless the partner asks to purge them: a removed
 * instance carries `removedAt` and drops out of every list, but its history stays readable.
 */
import type { Db, Prisma } from '../../db/client.ts';

/** Instances still in service (not removed). */
export function notRemoved(): Prisma.InstanceWhereInput {
  return { removedAt: null };
}

/** Marks the instance removed (its history stays) or deletes it with every scan and finding. */
export async function removeInstanceRow(db: Db, instanceId: string, options: { purge: boolean; now: Date }): Promise<void> {
  if (options.purge) {
    // Scans, findings and their links cascade with the instance.
    await db.instance.delete({ where: { id: instanceId }, select: { id: true } });
    return;
  }
  await db.instance.update({ where: { id: instanceId }, data: { removedAt: options.now }, select: { id: true } });
}
