import { createHash } from 'node:crypto';
import type { FindingObject } from '../checks/types.ts';

/**
 * The identity of "this check on this object": the same on every scan of an instance, so a finding
 * keeps its history (first seen, acknowledged, resolved) across scans. Only the check id and the
 * object's kind and stable key go in — never messages, counts or dates, which change between scans.
 */
export function fingerprint(checkId: string, object: Pick<FindingObject, 'kind' | 'key'>): string {
  return createHash('sha256').update(`${checkId}\u0000${object.kind}\u0000${object.key}`).digest('hex').slice(0, 32);
}
