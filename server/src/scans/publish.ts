/**
 * The events of a stored scan, published after its transaction committed (a subscriber that reads the
 * database on an event finds what the event announces). Order: every findingOpened, then
 * scoreChanged (only when the score changed), then scanFinished last, which says "all is stored".
 */
import type { PulsePubSub } from '../graphql/context.ts';
import type { RecordedScan } from './record.ts';

export function publishRecordedScan(pubSub: PulsePubSub, recorded: RecordedScan): void {
  const { partnerId, instanceId, scanId } = recorded;
  for (const finding of recorded.opened) {
    pubSub.publish('findingOpened', partnerId, { findingId: finding.findingId, instanceId, severity: finding.severity });
  }
  if (recorded.score !== null && recorded.score !== recorded.previousScore) {
    pubSub.publish('scoreChanged', partnerId, { instanceId, scanId, score: recorded.score, previousScore: recorded.previousScore });
  }
  pubSub.publish('scanFinished', partnerId, { scanId, instanceId });
}

/** A failed scan changes no finding and no score: only scanFinished. */
export function publishFailedScan(pubSub: PulsePubSub, scan: { partnerId: string; instanceId: string; scanId: string }): void {
  pubSub.publish('scanFinished', scan.partnerId, { scanId: scan.scanId, instanceId: scan.instanceId });
}
