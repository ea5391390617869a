import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../../server/src/checks/types.ts';
import { fingerprint } from '../../server/src/findings/fingerprint.ts';
import {
  excludedFromScoring,
  planFindingLifecycle,
  type FindingChange,
  type FindingStatus,
  type ObservedFinding,
  type TrackedFinding,
} from '../../server/src/findings/lifecycle.ts';

const AT = new Date('2026-06-01T03:00:00Z');
const EARLIER = new Date('2026-05-01T03:00:00Z');
const LATER = new Date('2026-07-01T03:00:00Z');

function observed(checkId: string, key: string, overrides: Partial<ObservedFinding> = {}): ObservedFinding {
  return {
    checkId,
    dimension: 'cron_health',
    severity: 'high',
    title: checkId,
    message: `${checkId} on ${key}`,
    object: { kind: 'cron', key },
    evidence: { key },
    fingerprint: fingerprint(checkId, { kind: 'cron', key }),
    fix: 'Fix it.',
    effortHours: 1,
    points: 1.5,
    ...overrides,
  };
}

function tracked(checkId: string, key: string, status: FindingStatus, acceptedRiskUntil: Date | null = null): TrackedFinding {
  return { id: `id-${checkId}-${key}`, fingerprint: fingerprint(checkId, { kind: 'cron', key }), checkId, status, acceptedRiskUntil };
}

const looked = (...checkIds: string[]) => checkIds.map((checkId) => ({ checkId, status: 'passed' as CheckStatus }));

function byFingerprint(changes: FindingChange[]): Map<string, FindingChange> {
  return new Map(changes.map((c) => [c.fingerprint, c]));
}

describe('findings lifecycle: examples', () => {
  it('opens a finding seen for the first time, with first and last seen at the scan time', () => {
    const seen = observed('cron_health.failing-cron', '26');
    const [change] = planFindingLifecycle({ tracked: [], observed: [seen], checks: [{ checkId: seen.checkId, status: 'failed' }], at: AT });
    expect(change).toMatchObject({ transition: 'opened', id: null, status: 'open', observed: seen });
    expect(change.set).toEqual({ status: 'open', firstSeenAt: AT, lastSeenAt: AT });
  });

  it('refreshes a finding seen again and keeps the status a person gave it', () => {
    for (const status of ['open', 'acknowledged', 'accepted_risk', 'false_positive'] as const) {
      const stored = tracked('cron_health.failing-cron', '26', status, status === 'accepted_risk' ? LATER : null);
      const seen = observed('cron_health.failing-cron', '26', { message: 'failed 7 times', points: 2 });
      const [change] = planFindingLifecycle({ tracked: [stored], observed: [seen], checks: looked(stored.checkId), at: AT });
      expect(change).toMatchObject({ transition: 'seen', id: stored.id, status, observed: seen });
      expect(change.set).toEqual({ lastSeenAt: AT });
    }
  });

  it('resolves open and acknowledged findings the scan no longer sees, when their check looked', () => {
    const open = tracked('cron_health.failing-cron', '26', 'open');
    const acknowledged = tracked('cron_health.failing-cron', '27', 'acknowledged');
    const changes = byFingerprint(planFindingLifecycle({ tracked: [open, acknowledged], observed: [], checks: looked('cron_health.failing-cron'), at: AT }));
    for (const stored of [open, acknowledged]) {
      expect(changes.get(stored.fingerprint)).toMatchObject({ transition: 'resolved', status: 'resolved', id: stored.id });
      expect(changes.get(stored.fingerprint)?.set).toEqual({ status: 'resolved', resolvedAt: AT, resolvedBy: null });
    }
  });

  it('also resolves a finding whose check no longer applies to the series', () => {
    const open = tracked('cron_health.exhausted-cron', '26', 'open');
    const [change] = planFindingLifecycle({ tracked: [open], observed: [], checks: [{ checkId: open.checkId, status: 'not_applicable' }], at: AT });
    expect(change.transition).toBe('resolved');
  });

  it('does not resolve a finding whose check did not look (not assessed, error, or absent)', () => {
    const open = tracked('cron_health.failing-cron', '26', 'open');
    for (const status of ['not_assessed', 'error'] as const) {
      expect(planFindingLifecycle({ tracked: [open], observed: [], checks: [{ checkId: open.checkId, status }], at: AT })).toEqual([]);
    }
    expect(planFindingLifecycle({ tracked: [open], observed: [], checks: looked('security.other-check'), at: AT })).toEqual([]);
  });

  it('reopens a resolved finding seen again, restarting its clock', () => {
    const stored = tracked('cron_health.failing-cron', '26', 'resolved');
    const [change] = planFindingLifecycle({ tracked: [stored], observed: [observed(stored.checkId, '26')], checks: looked(stored.checkId), at: AT });
    expect(change).toMatchObject({ transition: 'reopened', status: 'open' });
    expect(change.set).toEqual({ status: 'open', lastSeenAt: AT, reopenedAt: AT, resolvedAt: null, resolvedBy: null });
  });

  it('leaves resolved, accepted-risk and false-positive findings alone when not seen', () => {
    const stored = [
      tracked('cron_health.failing-cron', '1', 'resolved'),
      tracked('cron_health.failing-cron', '2', 'accepted_risk', LATER),
      tracked('cron_health.failing-cron', '3', 'accepted_risk', null),
      tracked('cron_health.failing-cron', '4', 'false_positive'),
    ];
    expect(planFindingLifecycle({ tracked: stored, observed: [], checks: looked('cron_health.failing-cron'), at: AT })).toEqual([]);
  });

  it('sends a lapsed accepted risk back to open, or resolves it when the scan no longer sees it', () => {
    const stillThere = tracked('cron_health.failing-cron', '1', 'accepted_risk', EARLIER);
    const gone = tracked('cron_health.failing-cron', '2', 'accepted_risk', EARLIER);
    const unlooked = tracked('security.unlooked', '3', 'accepted_risk', AT);
    const changes = byFingerprint(
      planFindingLifecycle({
        tracked: [stillThere, gone, unlooked],
        observed: [observed('cron_health.failing-cron', '1')],
        checks: [...looked('cron_health.failing-cron'), { checkId: 'security.unlooked', status: 'not_assessed' }],
        at: AT,
      }),
    );
    expect(changes.get(stillThere.fingerprint)).toMatchObject({ transition: 'risk-expired', status: 'open', set: { status: 'open', lastSeenAt: AT, reopenedAt: AT } });
    expect(changes.get(gone.fingerprint)).toMatchObject({ transition: 'resolved', status: 'resolved' });
    // `until` is inclusive: at that very moment the acceptance has lapsed.
    expect(changes.get(unlooked.fingerprint)).toMatchObject({ transition: 'risk-expired', status: 'open', set: { status: 'open', reopenedAt: AT } });
  });

  it('counts a fingerprint reported twice in one scan once, keeping the first report', () => {
    const first = observed('cron_health.failing-cron', '26', { message: 'first' });
    const second = observed('cron_health.failing-cron', '26', { message: 'second' });
    const changes = planFindingLifecycle({ tracked: [], observed: [first, second], checks: looked(first.checkId), at: AT });
    expect(changes).toHaveLength(1);
    expect(changes[0].observed?.message).toBe('first');
  });

  it('leaves false positives and current accepted risks out of the score; a lapsed acceptance counts again', () => {
    const excluded = excludedFromScoring(
      [
        tracked('c', 'fp', 'false_positive'),
        tracked('c', 'current', 'accepted_risk', LATER),
        tracked('c', 'forever', 'accepted_risk', null),
        tracked('c', 'lapsed', 'accepted_risk', EARLIER),
        tracked('c', 'open', 'open'),
        tracked('c', 'ack', 'acknowledged'),
      ],
      AT,
    );
    expect(excluded).toEqual(new Set(['fp', 'current', 'forever'].map((key) => fingerprint('c', { kind: 'cron', key }))));
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random histories

const CHECKS = ['a.one', 'a.two', 'b.three'] as const;
const KEYS = ['1', '2', '3', '4'] as const;
const STATUSES: FindingStatus[] = ['open', 'acknowledged', 'resolved', 'accepted_risk', 'false_positive'];
const CHECK_STATUSES: CheckStatus[] = ['passed', 'failed', 'not_assessed', 'not_applicable', 'error'];

const trackedArb = fc
  .uniqueArray(
    fc.record({
      check: fc.constantFrom(...CHECKS),
      key: fc.constantFrom(...KEYS),
      status: fc.constantFrom(...STATUSES),
      until: fc.option(fc.constantFrom(EARLIER, AT, LATER), { nil: null }),
    }),
    { selector: (t) => `${t.check}/${t.key}` },
  )
  .map((rows) => rows.map((r) => tracked(r.check, r.key, r.status, r.status === 'accepted_risk' ? r.until : null)));

const scanArb = fc.record({
  observed: fc.array(fc.record({ check: fc.constantFrom(...CHECKS), key: fc.constantFrom(...KEYS) })).map((rows) => rows.map((r) => observed(r.check, r.key))),
  checkStatus: fc.record({ 'a.one': fc.constantFrom(...CHECK_STATUSES), 'a.two': fc.constantFrom(...CHECK_STATUSES), 'b.three': fc.constantFrom(...CHECK_STATUSES) }),
});

/** A scan's check results must agree with its findings: a check that reported something failed. */
function checksOf(scan: { observed: ObservedFinding[]; checkStatus: Record<(typeof CHECKS)[number], CheckStatus> }) {
  return CHECKS.map((checkId) => ({ checkId, status: scan.observed.some((f) => f.checkId === checkId) ? ('failed' as const) : scan.checkStatus[checkId] }));
}

/** The stored findings after applying a plan. */
function apply(before: TrackedFinding[], changes: FindingChange[]): TrackedFinding[] {
  const after = new Map(before.map((f) => [f.fingerprint, { ...f }]));
  for (const change of changes) {
    const current = after.get(change.fingerprint);
    if (current) current.status = change.status;
    else after.set(change.fingerprint, { id: `new-${change.fingerprint}`, fingerprint: change.fingerprint, checkId: change.observed!.checkId, status: change.status, acceptedRiskUntil: null });
  }
  return [...after.values()];
}

describe('findings lifecycle: properties', () => {
  it('every finding the scan saw is tracked afterwards and not resolved', () => {
    fc.assert(
      fc.property(trackedArb, scanArb, (stored, scan) => {
        const after = apply(stored, planFindingLifecycle({ tracked: stored, observed: scan.observed, checks: checksOf(scan), at: AT }));
        for (const seen of scan.observed) {
          const finding = after.find((f) => f.fingerprint === seen.fingerprint);
          expect(finding).toBeDefined();
          expect(finding!.status).not.toBe('resolved');
        }
      }),
    );
  });

  it('a finding is resolved only when unseen and its check looked; false positives never change status', () => {
    fc.assert(
      fc.property(trackedArb, scanArb, (stored, scan) => {
        const checks = checksOf(scan);
        const changes = planFindingLifecycle({ tracked: stored, observed: scan.observed, checks, at: AT });
        for (const change of changes) {
          const before = stored.find((f) => f.fingerprint === change.fingerprint);
          if (change.status === 'resolved') {
            expect(scan.observed.some((f) => f.fingerprint === change.fingerprint)).toBe(false);
            const status = checks.find((c) => c.checkId === before!.checkId)?.status;
            expect(['passed', 'failed', 'not_applicable']).toContain(status);
          }
          if (before?.status === 'false_positive') expect(change.status).toBe('false_positive');
        }
        // Anything not mentioned keeps its status.
        const mentioned = new Set(changes.map((c) => c.fingerprint));
        const opened = changes.filter((c) => c.id === null).map((c) => c.fingerprint);
        expect(new Set(opened)).toEqual(new Set(scan.observed.map((f) => f.fingerprint).filter((fp) => !stored.some((s) => s.fingerprint === fp))));
        const lookedIds = new Set<string>(checks.filter((c) => ['passed', 'failed', 'not_applicable'].includes(c.status)).map((c) => c.checkId));
        for (const f of stored.filter((s) => !mentioned.has(s.fingerprint))) {
          expect(scan.observed.some((o) => o.fingerprint === f.fingerprint)).toBe(false);
          const active = f.status === 'open' || f.status === 'acknowledged';
          expect(active && lookedIds.has(f.checkId)).toBe(false);
          expect(f.status === 'accepted_risk' && f.acceptedRiskUntil !== null && f.acceptedRiskUntil <= AT).toBe(false);
        }
      }),
    );
  });

  it('scanning the same instance state twice changes no status the second time', () => {
    fc.assert(
      fc.property(trackedArb, scanArb, (stored, scan) => {
        const checks = checksOf(scan);
        const once = apply(stored, planFindingLifecycle({ tracked: stored, observed: scan.observed, checks, at: AT }));
        const again = planFindingLifecycle({ tracked: once, observed: scan.observed, checks, at: AT });
        for (const change of again) {
          expect(change.transition).toBe('seen');
          expect(change.status).toBe(once.find((f) => f.fingerprint === change.fingerprint)!.status);
        }
      }),
    );
  });

  it('no finding counted in the score is excluded, and every excluded one was decided by a person', () => {
    fc.assert(
      fc.property(trackedArb, (stored) => {
        const excluded = excludedFromScoring(stored, AT);
        for (const f of stored) {
          const decided = f.status === 'false_positive' || (f.status === 'accepted_risk' && (f.acceptedRiskUntil === null || f.acceptedRiskUntil > AT));
          expect(excluded.has(f.fingerprint)).toBe(decided);
        }
      }),
    );
  });
});
