/**
 * The findings lifecycle: what a new scan does to the findings already known on an instance. Pure —
 * it reads no clock (the scan time is given) and no database; server/src/scans/ applies the plan.
 *
 * Rules, for each finding (matched across scans by fingerprint):
 * - seen for the first time               → opened: status open, first and last seen = scan time;
 * - seen again                            → seen: last seen, message, evidence, points and severity
 *                                            refreshed; the status is kept (open, acknowledged,
 *                                            accepted_risk and false_positive all survive scans);
 * - resolved, seen again                  → reopened: status open, reopenedAt = scan time (its SLA
 *                                            clock restarts), resolvedAt cleared;
 * - open or acknowledged, not seen, and
 *   its check looked                      → resolved: resolvedAt = scan time, resolvedBy null
 *                                            (a scan, not a person, resolved it);
 * - accepted risk whose `until` has passed → back to **open** (not acknowledged: the acceptance was
 *                                            the decision, and it lapsed; someone must look at it
 *                                            again, so its SLA clock restarts with reopenedAt); then
 *                                            the rules above apply (not seen and looked → resolved);
 * - accepted risk (current) or false positive, not seen → left as they are: a person decided about
 *                                            them, and a finding that comes back must not lose that
 *                                            decision by passing through "resolved";
 * - any finding whose check did not look in this scan (not assessed, errored, or absent from the
 *   scan's results: e.g. a retired check) → left as it is: not seeing it proves nothing.
 * A check "looked" when its result is passed, failed or not_applicable (the instance moved to a series
 * the check does not apply to: the problem as stated no longer exists).
 */
import type { CheckResult, CheckStatus, Finding } from '../checks/types.ts';

export type FindingStatus = 'open' | 'acknowledged' | 'resolved' | 'accepted_risk' | 'false_positive';

/** What the lifecycle needs to know of a stored finding. */
export interface TrackedFinding {
  id: string;
  fingerprint: string;
  checkId: string;
  status: FindingStatus;
  /** For accepted risks: when the acceptance lapses; null = no end date. */
  acceptedRiskUntil: Date | null;
}

/** A finding the new scan reported, with the Pulse Score points it costs in that scan. */
export interface ObservedFinding extends Finding {
  /** 0 for findings excluded from scoring (accepted risks, false positives). */
  points: number;
}

export type Transition = 'opened' | 'seen' | 'reopened' | 'risk-expired' | 'resolved';

/** The lifecycle fields a change sets (fields not named are left as stored). */
export interface LifecycleFields {
  status?: FindingStatus;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  reopenedAt?: Date;
  resolvedAt?: Date | null;
  resolvedBy?: null;
}

export interface FindingChange {
  transition: Transition;
  fingerprint: string;
  /** The stored finding's id; null for a finding seen for the first time. */
  id: string | null;
  /** The status after the scan. */
  status: FindingStatus;
  /** What the scan reported about it, when it was seen (its content refreshes the stored row). */
  observed: ObservedFinding | null;
  set: LifecycleFields;
}

export interface LifecycleInput {
  tracked: readonly TrackedFinding[];
  /** The scan's findings; for a fingerprint reported twice, the first one wins. */
  observed: readonly ObservedFinding[];
  /** The scan's check outcomes: which checks looked. */
  checks: readonly Pick<CheckResult, 'checkId' | 'status'>[];
  /** The scan's time. */
  at: Date;
}

const LOOKED: ReadonlySet<CheckStatus> = new Set<CheckStatus>(['passed', 'failed', 'not_applicable']);

/** True when an accepted risk's acceptance has lapsed at `at`. */
export function riskExpired(finding: Pick<TrackedFinding, 'status' | 'acceptedRiskUntil'>, at: Date): boolean {
  return finding.status === 'accepted_risk' && finding.acceptedRiskUntil !== null && finding.acceptedRiskUntil.getTime() <= at.getTime();
}

/**
 * Fingerprints to leave out of the Pulse Score at `at`: false positives, and accepted risks whose
 * acceptance still holds (a lapsed one counts again in the very scan that notices it lapsed).
 */
export function excludedFromScoring(tracked: readonly TrackedFinding[], at: Date): Set<string> {
  return new Set(
    tracked
      .filter((f) => f.status === 'false_positive' || (f.status === 'accepted_risk' && !riskExpired(f, at)))
      .map((f) => f.fingerprint),
  );
}

/** The changes a scan makes to an instance's findings; findings it leaves alone are not listed. */
export function planFindingLifecycle(input: LifecycleInput): FindingChange[] {
  const { at } = input;
  const looked = new Set(input.checks.filter((c) => LOOKED.has(c.status)).map((c) => c.checkId));
  const observed = new Map<string, ObservedFinding>();
  for (const finding of input.observed) if (!observed.has(finding.fingerprint)) observed.set(finding.fingerprint, finding);
  const tracked = new Map(input.tracked.map((f) => [f.fingerprint, f]));

  const changes: FindingChange[] = [];
  for (const [fingerprint, seen] of observed) {
    const stored = tracked.get(fingerprint);
    if (!stored) {
      changes.push({ transition: 'opened', fingerprint, id: null, status: 'open', observed: seen, set: { status: 'open', firstSeenAt: at, lastSeenAt: at } });
    } else if (stored.status === 'resolved') {
      changes.push({
        transition: 'reopened', fingerprint, id: stored.id, status: 'open', observed: seen,
        set: { status: 'open', lastSeenAt: at, reopenedAt: at, resolvedAt: null, resolvedBy: null },
      });
    } else if (riskExpired(stored, at)) {
      changes.push({ transition: 'risk-expired', fingerprint, id: stored.id, status: 'open', observed: seen, set: { status: 'open', lastSeenAt: at, reopenedAt: at } });
    } else {
      changes.push({ transition: 'seen', fingerprint, id: stored.id, status: stored.status, observed: seen, set: { lastSeenAt: at } });
    }
  }

  for (const stored of input.tracked) {
    if (observed.has(stored.fingerprint)) continue;
    const checkLooked = looked.has(stored.checkId);
    const expired = riskExpired(stored, at);
    const resolvable = stored.status === 'open' || stored.status === 'acknowledged' || expired;
    if (checkLooked && resolvable) {
      changes.push({
        transition: 'resolved', fingerprint: stored.fingerprint, id: stored.id, status: 'resolved', observed: null,
        set: { status: 'resolved', resolvedAt: at, resolvedBy: null },
      });
    } else if (expired) {
      changes.push({ transition: 'risk-expired', fingerprint: stored.fingerprint, id: stored.id, status: 'open', observed: null, set: { status: 'open', reopenedAt: at } });
    }
  }
  return changes;
}
